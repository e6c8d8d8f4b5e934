package dev.lifecycle.core.internal;

import dev.lifecycle.core.Scheduler;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A timer of the registry (a start or stop deadline, a restart back-off, the next round of health checks), decided
 * under the registry's lock and handed to the {@link Scheduler} only after the lock is released: the scheduler is
 * user-replaceable code, and no user code runs under the lock.
 *
 * <p>A change creates the timer and records it in its {@link Change}; {@link #arm(long)} and {@link #cancel()} run after
 * the lock is released, in either order and from any thread: a timer cancelled before it is armed is never scheduled.
 * The task it runs re-checks, under the lock, that it is still the timer the engine waits for, so a timer that fires
 * after being replaced does nothing.
 */
final class DeferredTimer {

    /** The state after {@link #cancel()}. */
    private static final Scheduler.Cancellable CANCELLED = () -> { };

    private final Scheduler scheduler;
    /** What runs when it fires; it is given this timer, to check that it is still the one waited for. */
    private final Consumer<DeferredTimer> task;
    /** When it is due, in clock nanos. */
    final long dueAt;
    /** {@code null} until armed, then what the scheduler returned, or {@link #CANCELLED}. */
    private final AtomicReference<Scheduler.@Nullable Cancellable> state = new AtomicReference<>();

    DeferredTimer(Scheduler scheduler, long dueAt, Consumer<DeferredTimer> task) {
        this.scheduler = scheduler;
        this.dueAt = dueAt;
        this.task = task;
    }

    /** Schedules the task at its due time, measured from {@code nowNanos}; does nothing once cancelled. */
    void arm(long nowNanos) {
        if (state.get() != null) {
            return;
        }
        Duration delay = Duration.ofNanos(Math.max(0, dueAt - nowNanos));
        Scheduler.Cancellable scheduled = scheduler.schedule(() -> task.accept(this), delay);
        if (!state.compareAndSet(null, scheduled)) {
            // Cancelled while it was being scheduled.
            scheduled.cancel();
        }
    }

    /** Cancels the task, or keeps it from being scheduled if it is not armed yet. */
    void cancel() {
        Scheduler.Cancellable previous = state.getAndSet(CANCELLED);
        if (previous != null && previous != CANCELLED) {
            previous.cancel();
        }
    }

    @Override
    public String toString() {
        return "DeferredTimer[due " + RegistryClock.instant(dueAt) + "]";
    }
}
