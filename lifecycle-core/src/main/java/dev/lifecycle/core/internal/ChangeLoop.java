package dev.lifecycle.core.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Runs every change of a registry as "decide under the lock, act after it": the change and the re-evaluations it
 * causes run under {@link #lock} and only record what to do in a {@link Change}; once the lock is released, the
 * change's timers are armed, its user code is handed to the workers, its events delivered and its futures completed.
 *
 * <p>Workers never wait for the lock: a worker reports the outcome of a service's code by pushing it on a lock-free
 * stack ({@link #report}) and trying the lock; whichever thread releases the lock next applies every outcome queued
 * so far as one change, so no report is left behind.
 */
final class ChangeLoop {

    /** Set on a thread while it hands a change's timers to the scheduler. */
    private static final ThreadLocal<@Nullable Boolean> ARMING = new ThreadLocal<>();

    /** Serialises every change of the registry's state. */
    final ReentrantLock lock = new ReentrantLock();
    private final Engine engine;
    /**
     * Runs whose outcome waits to be applied under the lock: a stack linked through {@link ServiceRun#nextReport},
     * latest first, so that reporting allocates nothing.
     */
    private final AtomicReference<@Nullable ServiceRun> outcomes = new AtomicReference<>();
    /** Changes that released the lock and have not armed their timers yet (see {@link #afterChange}). */
    private final AtomicInteger changesArmingTimers = new AtomicInteger();

    ChangeLoop(Engine engine) {
        this.engine = engine;
    }

    /**
     * Whether tasks are likely to become ready soon: a change holds the lock, outcomes wait to be applied, or starts
     * and stops are in flight. Read without the lock, as a hint.
     */
    boolean busy() {
        return lock.isLocked() || outcomesWaiting() || engine.state.inFlightHint() > 0;
    }

    /** Whether outcomes reported by the workers wait to be applied (see {@link #report}). */
    boolean outcomesWaiting() {
        return outcomes.get() != null;
    }

    /**
     * Runs a change under the lock, settles it, then acts on what it decided. A change that throws (a refused call)
     * still acts on what it decided before, and applies the outcomes reported meanwhile.
     */
    <R> R locked(Function<Change, R> work) {
        Change change = new Change();
        lock.lock();
        try {
            try {
                return work.apply(change);
            } finally {
                endChange(change);
            }
        } finally {
            lock.unlock();
            afterChange(change);
            applyReports();
            awaitTimersArmed();
        }
    }

    void lockedRun(Consumer<Change> work) {
        locked(change -> {
            work.accept(change);
            return null;
        });
    }

    /**
     * Reports the outcome of a service's own code (a start or a stop that returned). It is applied under the lock by
     * this thread, or, if another holds the lock, by that one once its change is done: a worker never waits for the
     * lock to report, and goes on with the next task while the change runs on the other thread.
     */
    void report(ServiceRun run) {
        ServiceRun head;
        do {
            head = outcomes.get();
            run.nextReport = head;
        } while (!outcomes.compareAndSet(head, run));
        applyReports();
    }

    /**
     * Ends a change, under the lock: settles it and hands its events to the delivery. A change that decided on
     * timers is counted until they are armed (see {@link #awaitTimersArmed()}).
     */
    private void endChange(Change change) {
        engine.evaluator.settle(change);
        engine.events.endChange();
        if (change.hasTimers()) {
            changesArmingTimers.incrementAndGet();
        }
    }

    /**
     * Acts on what a change decided, once the lock is released. The timers go first, before anything of the change
     * can be seen outside the lock: its tasks (handed to the workers next), its events and its futures. So whoever
     * sees a failure, a start in flight or a stop, through any of those, finds its back-off or its deadline armed: a
     * test driving time by hand never advances past a timer that is not scheduled yet.
     */
    private void afterChange(Change change) {
        if (change.hasTimers()) {
            ARMING.set(Boolean.TRUE);
            try {
                change.applyTimers(engine.clock);
            } finally {
                ARMING.remove();
                changesArmingTimers.decrementAndGet();
            }
        }
        engine.workers.start(engine.workers.enqueue(change));
        act(change);
    }

    /**
     * Delivers the events of a change and completes its futures; called without the lock, after its timers are
     * armed. Events go first, so that a listener has seen a change (a give-up, say) by the time a future that the
     * change completes is done, unless another thread is delivering to that listener (see {@link EventDelivery}).
     */
    private void act(Change change) {
        assert !lock.isHeldByCurrentThread() : "callbacks must run without the registry's lock";
        engine.events.drain(change);
        if (change.nothingAfter()) {
            return;
        }
        change.runAfter();
        engine.events.drain(null);
    }

    /**
     * Waits until the changes that released the lock before this call returns have armed their timers, so that a
     * snapshot or a state read after a change never precedes its timers. Arming takes no lock and only calls the
     * scheduler, which must return promptly: the wait is short and rare.
     */
    private void awaitTimersArmed() {
        // A scheduler that calls the registry while it arms a timer does not wait for itself.
        while (changesArmingTimers.get() > 0 && ARMING.get() == null) {
            Thread.yield();
        }
    }

    /**
     * Applies the reported outcomes, in the order reported, as one change, unless another thread holds the lock: that
     * one calls this once it has released it, so no report is left behind.
     */
    private void applyReports() {
        while (outcomes.get() != null && !lock.isHeldByCurrentThread() && lock.tryLock()) {
            Change change = new Change();
            try {
                try {
                    ServiceRun ordered = null;
                    for (ServiceRun run = outcomes.getAndSet(null); run != null; ) {
                        ServiceRun next = run.nextReport;
                        run.nextReport = ordered;
                        ordered = run;
                        run = next;
                    }
                    while (ordered != null) {
                        ServiceRun run = ordered;
                        ordered = run.nextReport;
                        run.nextReport = null;
                        try {
                            run.applyOutcome(change);
                        } catch (RuntimeException ex) {
                            Engine.log.error("Applying the outcome of a service's code failed unexpectedly", ex);
                        }
                    }
                } finally {
                    endChange(change);
                }
            } finally {
                lock.unlock();
            }
            afterChange(change);
        }
    }
}
