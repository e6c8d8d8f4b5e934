package dev.lifecycle.core;

import java.util.List;

/**
 * The registry's start ended with services that are not RUNNING: some failed and gave up (or may not restart),
 * and those that require them are waiting. What did start keeps running.
 *
 * @since 0.1
 */
public class StartupFailedException extends LifecycleException {

    private static final long serialVersionUID = 1L;

    private final transient List<ServiceSnapshot> notRunning;

    /**
     * For the services that are not RUNNING.
     *
     * @param message the description
     * @param notRunning snapshots of the services that are not RUNNING
     * @param firstFailure the first failure, as the cause
     */
    public StartupFailedException(String message, List<ServiceSnapshot> notRunning, Throwable firstFailure) {
        super(message, firstFailure);
        this.notRunning = List.copyOf(notRunning);
    }

    /**
     * Snapshots of the services that were not RUNNING when the start ended.
     *
     * @return the snapshots, one per service that was not RUNNING
     */
    public List<ServiceSnapshot> notRunning() {
        return notRunning;
    }
}
