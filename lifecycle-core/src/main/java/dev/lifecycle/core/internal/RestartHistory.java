package dev.lifecycle.core.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * The restart history of a service that has failed at least once: when it restarted within the policy's window, the
 * back-off attempt, and the restart scheduled, if any. Kept apart from {@link ServiceRecord} because most services
 * never fail. Guarded by the registry's lock.
 */
final class RestartHistory {

    /** When it was restarted after a failure, oldest first, within the restart policy's window. */
    final ArrayDeque<Instant> restartTimes = new ArrayDeque<>();
    int backoffAttempt;
    /** The restart waiting out its back-off, if any. */
    @Nullable DeferredTimer restartTimer;
    @Nullable Instant nextRestartAt;

    /** Forgets the history: the next failure starts from the first back-off. */
    void reset() {
        restartTimes.clear();
        backoffAttempt = 0;
    }
}
