package dev.lifecycle.core;

/**
 * Why a service changed state.
 *
 * @since 0.1
 */
public enum TransitionReason {
    /** Installation or the registry's start. */
    STARTUP,
    /** The registry is stopping everything. */
    SHUTDOWN,
    /** The service itself failed (the transition carries the cause). */
    FAILURE,
    /** A requirement left RUNNING, came back, or was installed or removed. */
    DEPENDENCY,
    /** An operator's stop, start, restart, fail or remove. */
    OPERATOR,
    /** The restart policy restarted the service after a failure. */
    RESTART,
    /** The configuration the service reads changed: it restarts to read it again (the detail names the keys). */
    CONFIGURATION,
    /** An on-demand service started because a dependent needs it, or stopped because none does. */
    DEMAND,
    /**
     * The service is disabled ({@link StartMode#NEVER}): it went to STOPPED when the registry started, and stays there;
     * nobody stopped it.
     */
    DISABLED,
    /**
     * A {@linkplain ServiceDefinition.Builder#leader(String) leader-only} service stopped, or stayed STOPPED, because
     * this instance does not lead its group (leadership revoked, or not known yet), or started because leadership was
     * granted: down by design, not a failure, no restart counted.
     */
    LEADERSHIP
}
