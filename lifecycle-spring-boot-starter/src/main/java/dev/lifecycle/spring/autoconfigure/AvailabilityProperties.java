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

    /** Whether a critical service that gives up marks the application broken (liveness BROKEN). */
    private boolean liveness = true;

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
