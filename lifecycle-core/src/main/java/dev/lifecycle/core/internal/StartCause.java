package dev.lifecycle.core.internal;

import dev.lifecycle.core.TransitionReason;
import org.jspecify.annotations.Nullable;

/**
 * Why a service's next start cycle happens, as its transitions to WAITING, STARTING and RUNNING say it: the reason,
 * and a detail when there is one (a restart for configuration names the changed keys on every transition of its
 * cycle). Immutable; the causes without a detail are shared, so that setting one allocates nothing.
 *
 * @param reason the reason the transitions carry
 * @param detail what they say besides, or {@code null}
 */
record StartCause(TransitionReason reason, @Nullable String detail) {

    private static final StartCause[] PLAIN = plain();

    private static StartCause[] plain() {
        TransitionReason[] reasons = TransitionReason.values();
        StartCause[] causes = new StartCause[reasons.length];
        for (TransitionReason reason : reasons) {
            causes[reason.ordinal()] = new StartCause(reason, null);
        }
        return causes;
    }

    /** The cause {@code reason} without a detail. */
    static StartCause of(TransitionReason reason) {
        return PLAIN[reason.ordinal()];
    }
}
