package dev.lifecycle.spring.internal;

import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.event.ServiceListener;
import dev.lifecycle.core.event.ServiceTransition;
import dev.lifecycle.spring.ServiceTransitionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes a {@link ServiceTransitionEvent} for every transition of a registry's services.
 *
 * @since 0.1
 */
public final class ServiceTransitionEventPublisher implements ServiceListener {

    private static final Logger logger = LoggerFactory.getLogger(ServiceTransitionEventPublisher.class);

    private final ServiceRegistry registry;
    private final ApplicationEventPublisher publisher;

    /**
     * A publisher of the transitions of {@code registry}'s services.
     *
     * @param registry the registry, the events' source
     * @param publisher where to publish
     */
    public ServiceTransitionEventPublisher(ServiceRegistry registry, ApplicationEventPublisher publisher) {
        this.registry = registry;
        this.publisher = publisher;
    }

    @Override
    public void onTransition(ServiceTransition transition) {
        try {
            publisher.publishEvent(new ServiceTransitionEvent(registry, transition));
        }
        catch (IllegalStateException ex) {
            // The context is closed or not refreshed yet; nobody can listen.
            logger.debug("Could not publish the event of {}", transition, ex);
        }
    }
}
