package dev.lifecycle.core.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * The restart history of a service that has failed at least once (or whose failure is pending): when it restarted
 * within the policy's window, the back-off attempt, the restart scheduled, if any, when its pending failure was
 * reported and since when it has run. Kept apart from {@link ServiceRecord} because most services never fail.
 * Guarded by the registry's lock.
 */
final class RestartHistory {

    /** When it was restarted after a failure, oldest first, within the restart policy's window. */
    final ArrayDeque<Instant> restartTimes = new ArrayDeque<>();
    int backoffAttempt;
    /** The restart waiting out its back-off, if any. */
    @Nullable DeferredTimer restartTimer;
    @Nullable Instant nextRestartAt;
    /** When the service's pending failure was reported, in clock nanos: the time its failure record carries. */
    long failureReportedAt;
    /** Since when the service has been RUNNING, in clock nanos, or {@link ServiceRecord#UNSET}. */
    long runningSince = ServiceRecord.UNSET;

    /** Forgets the history: the next failure starts from the first back-off. */
    void reset() {
        restartTimes.clear();
        backoffAttempt = 0;
    }
}
