package dev.lifecycle.core;

import java.time.Duration;

/**
 * Runs a task after a delay: the registry's timers (start and stop timeouts, restart back-offs, health checks).
 * A seam so that tests can drive time by hand.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Scheduler {

    /**
     * Schedules a task. The task must run on a thread that is not the caller's, or later than this call returns.
     *
     * @param task what to run; it must return promptly
     * @param delay how long to wait
     * @return a way to cancel it; cancelling a task that has run does nothing
     */
    Cancellable schedule(Runnable task, Duration delay);

    /** A scheduled task that can be cancelled. */
    @FunctionalInterface
    interface Cancellable {
        /** Cancels the task if it has not run. */
        void cancel();
    }
}
