package dev.lifecycle.spring.observation;

import dev.lifecycle.core.ServiceKey;
import io.micrometer.observation.Observation;

/**
 * The context of the observation of one stop cycle of a service (stop and join).
 *
 * @since 0.1
 */
public final class ServiceStopObservationContext extends Observation.Context {

    private final ServiceKey<?> serviceKey;
    private volatile boolean ended;

    /**
     * The context of a stop of {@code serviceKey}.
     *
     * @param serviceKey the service
     */
    public ServiceStopObservationContext(ServiceKey<?> serviceKey) {
        this.serviceKey = serviceKey;
    }

    /**
     * The service that stops.
     *
     * @return the service that stops
     */
    public ServiceKey<?> getServiceKey() {
        return serviceKey;
    }

    /**
     * Whether the stop has ended (its outcome is known): false while it runs.
     *
     * @return whether the stop has ended (its outcome is known): false while it runs
     */
    public boolean isEnded() {
        return ended;
    }

    void markEnded() {
        ended = true;
    }
}
