package dev.lifecycle.spring.observation;

import dev.lifecycle.core.ServiceKey;
import io.micrometer.observation.Observation;
import java.util.List;

/**
 * The context of the observation of one start cycle of a service (setup and start): the service, the requirements it
 * waited for, and the contexts of their own latest starts, which a tracing handler links the start's span to.
 *
 * @since 0.1
 */
public final class ServiceStartObservationContext extends Observation.Context {

    private final ServiceKey<?> serviceKey;
    private final List<String> requires;
    private final List<ServiceStartObservationContext> requirementStarts;
    private volatile boolean ended;

    /**
     * The context of a start of {@code serviceKey}.
     *
     * @param serviceKey the service
     * @param requires the ids of its hard requirements
     * @param requirementStarts the contexts of the latest starts of those requirements that were observed
     */
    public ServiceStartObservationContext(ServiceKey<?> serviceKey, List<String> requires,
            List<ServiceStartObservationContext> requirementStarts) {
        this.serviceKey = serviceKey;
        this.requires = List.copyOf(requires);
        this.requirementStarts = List.copyOf(requirementStarts);
    }

    /**
     * The service that starts.
     *
     * @return the service that starts
     */
    public ServiceKey<?> getServiceKey() {
        return serviceKey;
    }

    /**
     * The ids of its hard requirements, which were all RUNNING when it began.
     *
     * @return the ids of its hard requirements, which were all RUNNING when it began
     */
    public List<String> getRequires() {
        return requires;
    }

    /**
     * The contexts of the latest observed starts of its requirements: the starts this one waited for.
     *
     * @return the contexts of the latest observed starts of its requirements: the starts this one waited for
     */
    public List<ServiceStartObservationContext> getRequirementStarts() {
        return requirementStarts;
    }

    /**
     * Whether the start has ended (its outcome is known): false while it runs.
     *
     * @return whether the start has ended (its outcome is known): false while it runs
     */
    public boolean isEnded() {
        return ended;
    }

    void markEnded() {
        ended = true;
    }
}
