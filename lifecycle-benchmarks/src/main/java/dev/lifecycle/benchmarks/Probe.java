package dev.lifecycle.benchmarks;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Checks, while a peer runs, that it honours dependency order, and counts what ran.
 *
 * <p>Every benchmark service calls {@link #startBegin} first thing in its start, {@link #startEnd} when its start has
 * finished (for an asynchronous start: when it completes), and {@link #stopBegin}/{@link #stopEnd} around its stop.
 * A start that begins while one of the service's requirements has not finished starting (or is stopping or down) is
 * a violation; so is a stop that begins while a dependent is not down, or a start or stop of a service that is not in
 * the state to take it (started twice at once, stopped while not running).
 *
 * <p>One int per service holds its phase and the number of completed start/stop cycles, updated with one atomic
 * operation per call, so the probe's cost is small and the same for every peer. Allocated before any heap baseline.
 *
 * <p>Thread-safe.
 */
public final class Probe {

    static final int DOWN = 0;
    static final int STARTING = 1;
    static final int UP = 2;
    static final int STOPPING = 3;
    private static final String[] PHASES = {"down", "starting", "up", "stopping"};

    private final Dag dag;
    /** Per node: {@code (completed cycles << 2) | phase}. */
    private final AtomicIntegerArray states;
    private final AtomicInteger violations = new AtomicInteger();
    private final AtomicReference<@Nullable String> firstViolation = new AtomicReference<>();

    /** A probe for the services of {@code dag}, every one down. */
    public Probe(Dag dag) {
        this.dag = dag;
        this.states = new AtomicIntegerArray(dag.size());
    }

    /** Forgets everything: every service down, no cycle, no violation. Not thread-safe with the other methods. */
    public void reset() {
        for (int i = 0; i < states.length(); i++) {
            states.set(i, 0);
        }
        violations.set(0);
        firstViolation.set(null);
    }

    /** Service {@code i} begins to start. */
    public void startBegin(int i) {
        for (int r : dag.requires(i)) {
            int phase = states.get(r) & 3;
            if (phase != UP) {
                violation(dag.name(i) + " started while its requirement " + dag.name(r) + " was " + PHASES[phase]);
            }
        }
        int state = states.get(i);
        if ((state & 3) != DOWN || !states.compareAndSet(i, state, (state & ~3) | STARTING)) {
            violation(dag.name(i) + " started while " + PHASES[states.get(i) & 3]);
            states.set(i, (state & ~3) | STARTING);
        }
    }

    /** Service {@code i} has finished starting. */
    public void startEnd(int i) {
        int state = states.get(i);
        if ((state & 3) != STARTING) {
            violation(dag.name(i) + " finished starting while " + PHASES[state & 3]);
        }
        states.set(i, (state & ~3) | UP);
    }

    /** Service {@code i} begins to stop. */
    public void stopBegin(int i) {
        for (int d : dag.dependents(i)) {
            int phase = states.get(d) & 3;
            if (phase != DOWN) {
                violation(dag.name(i) + " stopped while its dependent " + dag.name(d) + " was " + PHASES[phase]);
            }
        }
        int state = states.get(i);
        if ((state & 3) != UP || !states.compareAndSet(i, state, (state & ~3) | STOPPING)) {
            violation(dag.name(i) + " stopped while " + PHASES[states.get(i) & 3]);
            states.set(i, (state & ~3) | STOPPING);
        }
    }

    /** Service {@code i} has finished stopping. */
    public void stopEnd(int i) {
        int state = states.get(i);
        if ((state & 3) != STOPPING) {
            violation(dag.name(i) + " finished stopping while " + PHASES[state & 3]);
        }
        states.set(i, ((state >>> 2) + 1) << 2 | DOWN);
    }

    private void violation(String message) {
        violations.incrementAndGet();
        firstViolation.compareAndSet(null, message);
    }

    /** How many violations of dependency order (or of the start/stop protocol) were seen. */
    public int violations() {
        return violations.get();
    }

    /** The first violation seen, if any. */
    public @Nullable String firstViolation() {
        return firstViolation.get();
    }

    /** Whether service {@code i} is up (its start finished and no stop began since). */
    public boolean isUp(int i) {
        return (states.get(i) & 3) == UP;
    }

    /** How many times service {@code i} has completed a stop. */
    public int stops(int i) {
        return states.get(i) >>> 2;
    }

    /**
     * Checks that every service marked in {@code which} (every one when {@code null}) is up after {@code stops}
     * completed stops.
     *
     * @return {@code null} if so, else a sentence saying how many are not and naming the first
     */
    public @Nullable String checkAllUp(boolean @Nullable [] which, int stops) {
        return check(which, UP, stops, "up");
    }

    /**
     * Checks that every service marked in {@code which} (every one when {@code null}) is down after {@code stops}
     * completed stops.
     *
     * @return {@code null} if so, else a sentence saying how many are not and naming the first
     */
    public @Nullable String checkAllDown(boolean @Nullable [] which, int stops) {
        return check(which, DOWN, stops, "down");
    }

    private @Nullable String check(boolean @Nullable [] which, int phase, int stops, String expected) {
        int wrong = 0;
        String first = null;
        for (int i = 0; i < states.length(); i++) {
            if (which != null && !which[i]) {
                continue;
            }
            int state = states.get(i);
            if ((state & 3) != phase || state >>> 2 != stops) {
                wrong++;
                if (first == null) {
                    first = dag.name(i) + " is " + PHASES[state & 3] + " after " + (state >>> 2) + " stops";
                }
            }
        }
        return wrong == 0 ? null
                : wrong + " services are not " + expected + " after " + stops + " stops (first: " + first + ")";
    }
}
