package dev.lifecycle.spring.autoconfigure;

/**
 * How critical services drive the application's availability.
 *
 * @since 0.1
 */
public class AvailabilityProperties {

    /**
     * Whether the application refuses traffic (readiness REFUSING_TRAFFIC) while a critical service is not
     * RUNNING.
     */
    private boolean readiness = true;

    /**
     * Whether a critical service that gives up (fails more often than its restart policy allows) marks the
     * application broken (liveness BROKEN), so that the platform restarts the process. Off by default: liveness
     * must not follow what the services depend on, or one failing database restarts every replica at once.
     * lifecycle.services.<id>.liveness decides for one service.
     */
    private boolean liveness = false;

    public boolean isReadiness() {
        return readiness;
    }

    public void setReadiness(boolean readiness) {
        this.readiness = readiness;
    }

    public boolean isLiveness() {
        return liveness;
    }

    public void setLiveness(boolean liveness) {
        this.liveness = liveness;
    }
}
