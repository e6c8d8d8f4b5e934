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

    /**
     * Whether the application refuses traffic (readiness REFUSING_TRAFFIC) while a critical service is not
     * RUNNING.
     *
     * @return the value of {@code lifecycle.availability.readiness}
     */
    public boolean isReadiness() {
        return readiness;
    }

    /**
     * Sets the value of {@code lifecycle.availability.readiness}; see {@link #isReadiness()}.
     *
     * @param readiness the new value
     */
    public void setReadiness(boolean readiness) {
        this.readiness = readiness;
    }

    /**
     * Whether a critical service that gives up marks the application broken (liveness BROKEN).
     *
     * @return the value of {@code lifecycle.availability.liveness}
     */
    public boolean isLiveness() {
        return liveness;
    }

    /**
     * Sets the value of {@code lifecycle.availability.liveness}; see {@link #isLiveness()}.
     *
     * @param liveness the new value
     */
    public void setLiveness(boolean liveness) {
        this.liveness = liveness;
    }
}
