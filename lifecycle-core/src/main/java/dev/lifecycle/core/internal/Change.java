package dev.lifecycle.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one change of the registry decided to do once the lock is released: user code to run, futures to complete,
 * and the services whose state must be re-evaluated before the lock is released. Built under the lock, run after.
 *
 * <p>A change costs little: its tasks are chained through themselves, the list of actions is created on first use,
 * and the clock is read once per change, so every transition a change makes carries the same time, and the same
 * {@link Instant}.
 */
final class Change {

    private static final List<Runnable> NONE = List.of();
    private static final VarHandle CLAIMED;

    static {
        try {
            CLAIMED = MethodHandles.lookup().findVarHandle(Change.class, "claimed", boolean.class);
        } catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /** Services to re-evaluate before unlocking, a ring; duplicates are harmless (evaluation is idempotent). */
    private ServiceRecord[] toEvaluate = new ServiceRecord[8];
    private int head;
    private int size;
    /** The user-code tasks this change made ready for the workers, in order, linked through {@link Task#next}. */
    private @Nullable Task firstTask;
    private @Nullable Task lastTask;
    private int taskCount;
    /** Things to do after unlocking that are not user code of a service (complete futures, escalate). */
    private @Nullable List<Runnable> after;
    /** Timers this change decided on, to hand to the scheduler after unlocking; {@code null} if none. */
    private @Nullable List<DeferredTimer> toArm;
    /** Timers this change made obsolete, to cancel after unlocking; {@code null} if none. */
    private @Nullable List<DeferredTimer> toCancel;
    private long now = ServiceRecord.UNSET;
    /** {@link #now} as an instant, made on first use. */
    private @Nullable Instant instant;
    /** Whether a thread has taken {@link #after} to run it (see {@link #runAfter()}). */
    @SuppressWarnings("unused")
    private volatile boolean claimed;

    void evaluate(ServiceRecord c) {
        if (size == toEvaluate.length) {
            ServiceRecord[] grown = new ServiceRecord[size * 2];
            int tail = toEvaluate.length - head;
            System.arraycopy(toEvaluate, head, grown, 0, tail);
            System.arraycopy(toEvaluate, 0, grown, tail, head);
            toEvaluate = grown;
            head = 0;
        }
        toEvaluate[(head + size) & (toEvaluate.length - 1)] = c;
        size++;
    }

    /** The next service to re-evaluate, or {@code null}. */
    @Nullable ServiceRecord nextToEvaluate() {
        if (size == 0) {
            return null;
        }
        ServiceRecord c = toEvaluate[head];
        toEvaluate[head] = null;
        head = (head + 1) & (toEvaluate.length - 1);
        size--;
        return c;
    }

    void task(Task task) {
        if (lastTask == null) {
            firstTask = task;
        } else {
            lastTask.next = task;
        }
        lastTask = task;
        taskCount++;
    }

    void after(Runnable action) {
        if (after == null) {
            after = new ArrayList<>(4);
        }
        after.add(action);
    }

    /** Arms {@code timer} once the lock is released. */
    void arm(DeferredTimer timer) {
        if (toArm == null) {
            toArm = new ArrayList<>(2);
        }
        toArm.add(timer);
    }

    /** Cancels {@code timer} once the lock is released. */
    void cancel(DeferredTimer timer) {
        if (toCancel == null) {
            toCancel = new ArrayList<>(2);
        }
        toCancel.add(timer);
    }

    /** Whether this change armed or cancelled a timer. */
    boolean hasTimers() {
        return toArm != null || toCancel != null;
    }

    /** Hands the timers to the scheduler (cancellations first); called without the lock. */
    void applyTimers(RegistryClock clock) {
        if (toCancel != null) {
            toCancel.forEach(DeferredTimer::cancel);
        }
        if (toArm != null) {
            long now = clock.nowNanos();
            for (DeferredTimer timer : toArm) {
                try {
                    timer.arm(now);
                } catch (RuntimeException ex) {
                    Engine.log.error("The scheduler refused a timer of the registry ({}); it will not fire", timer, ex);
                }
            }
        }
    }

    /** The first of the tasks this change made ready, linked through {@link Task#next}; {@code null} if none. */
    @Nullable Task firstTask() {
        return firstTask;
    }

    @Nullable Task lastTask() {
        return lastTask;
    }

    int taskCount() {
        return taskCount;
    }

    List<Runnable> after() {
        return after == null ? NONE : after;
    }

    /** Whether running {@link #after()} would do nothing. */
    boolean nothingAfter() {
        return after == null || after.isEmpty();
    }

    /** Whether there are actions to run after unlocking that no thread has taken yet. */
    boolean afterUnclaimed() {
        return !nothingAfter() && !claimed;
    }

    /**
     * Runs the actions to do after unlocking, unless another thread has taken them: the thread that made the change,
     * or the one that takes over when a listener blocks it (see {@link EventDelivery}). Called without the lock.
     */
    void runAfter() {
        if (nothingAfter() || !CLAIMED.compareAndSet(this, false, true)) {
            return;
        }
        for (Runnable action : after()) {
            try {
                action.run();
            } catch (RuntimeException ex) {
                Engine.log.warn("A registry callback threw", ex);
            }
        }
    }

    /** The time of this change, in clock nanos: read from the engine's clock on first use. */
    long now(Engine engine) {
        if (now == ServiceRecord.UNSET) {
            now = engine.clock.nowNanos();
        }
        return now;
    }

    /**
     * The time of this change as an instant, made once: every transition of the change carries this same instance.
     */
    Instant instant(Engine engine) {
        Instant at = instant;
        if (at == null) {
            at = RegistryClock.instant(now(engine));
            instant = at;
        }
        return at;
    }

    @Override
    public String toString() {
        return "Change[" + size + " to evaluate, " + taskCount + " tasks, " + after().size() + " after]";
    }
}
