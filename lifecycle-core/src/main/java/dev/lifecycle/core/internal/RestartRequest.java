package dev.lifecycle.core.internal;

import dev.lifecycle.core.TransitionReason;

/**
 * A restart asked for while a service is up: it stops, with its dependents, and starts again. The transitions carry
 * the reason and the detail: an operator's restart, or one for configuration naming the keys.
 *
 * @param reason why it restarts
 * @param detail what its transitions say
 */
record RestartRequest(TransitionReason reason, String detail) {

    /** An operator's restart by hand. */
    static final RestartRequest BY_OPERATOR = new RestartRequest(TransitionReason.OPERATOR, "restarting");

    /**
     * What the start cycle after the restart carries: the reason, and the detail when it says why the service restarts
     * (the keys of a configuration change) rather than what it is doing ("restarting", which STARTING and RUNNING would
     * contradict).
     */
    StartCause startCause() {
        return this == BY_OPERATOR ? StartCause.of(reason) : new StartCause(reason, detail);
    }
}
