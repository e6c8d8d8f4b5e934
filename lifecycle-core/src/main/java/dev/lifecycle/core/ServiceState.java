package dev.lifecycle.core;

/**
 * The state of a service. The normal path is
 * {@code INSTALLED -> WAITING -> STARTING -> RUNNING -> STOPPING -> STOPPED}; services restart, so the graph has
 * cycles:
 * <pre>
 * INSTALLED -> WAITING | STARTING | STOPPED | REMOVED
 * WAITING   -> STARTING | STOPPED | REMOVED
 * STARTING  -> RUNNING | STOPPING | FAILED
 * RUNNING   -> STOPPING
 * STOPPING  -> STOPPED | WAITING | FAILED | REMOVED
 * STOPPED   -> WAITING | STARTING | REMOVED
 * FAILED    -> WAITING | STARTING | STOPPED | REMOVED
 * </pre>
 * A dependent stopped because a requirement left RUNNING goes to WAITING, never FAILED: only the service that broke
 * is FAILED. REMOVED is terminal.
 *
 * @since 0.1
 */
public enum ServiceState {
    /** Installed; the registry has not been started yet. */
    INSTALLED,
    /** Wants to run, but a requirement is not RUNNING or not installed. */
    WAITING,
    /** Setup or start is in progress. */
    STARTING,
    /** Started; its value is published. */
    RUNNING,
    /** Its dependents are being stopped, or its own stop and join are in progress. */
    STOPPING,
    /** Stopped on purpose (by an operator or at shutdown); it stays down until started again. */
    STOPPED,
    /** It failed; it restarts after a back-off, unless it gave up or its restart policy never restarts it. */
    FAILED,
    /** Removed from the registry. */
    REMOVED;

    /**
     * Whether the value of the service can be read.
     *
     * @return {@code true} for {@link #RUNNING} only
     */
    public boolean isRunning() {
        return this == RUNNING;
    }

    /**
     * Whether the state is terminal (nothing follows it).
     *
     * @return {@code true} for {@link #REMOVED} only
     */
    public boolean isTerminal() {
        return this == REMOVED;
    }
}
