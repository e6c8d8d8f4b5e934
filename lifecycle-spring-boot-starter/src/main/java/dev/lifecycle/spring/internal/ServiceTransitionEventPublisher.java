package dev.lifecycle.spring.internal;

import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.event.ServiceListener;
import dev.lifecycle.core.event.ServiceTransition;
import dev.lifecycle.spring.ServiceTransitionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;

/**
 * Publishes a {@link ServiceTransitionEvent} for every transition of a registry's services, while something in the
 * application context listens to them (an {@code @EventListener} method, an {@code ApplicationListener}); with no
 * listener the transition is not turned into an event at all.
 *
 * @since 0.1
 */
public final class ServiceTransitionEventPublisher implements ServiceListener {

    private static final Logger logger = LoggerFactory.getLogger(ServiceTransitionEventPublisher.class);

    private final ServiceRegistry registry;
    private final ApplicationContext publisher;
    private final TransitionEventListeners listeners;

    /**
     * A publisher of the transitions of {@code registry}'s services.
     *
     * @param registry the registry, the events' source
     * @param context the application context to publish in
     */
    public ServiceTransitionEventPublisher(ServiceRegistry registry, ApplicationContext context) {
        this.registry = registry;
        this.publisher = context;
        this.listeners = new TransitionEventListeners(context, registry.getClass());
    }

    @Override
    public void onTransition(ServiceTransition transition) {
        if (!listeners.any()) {
            return;
        }
        try {
            publisher.publishEvent(new ServiceTransitionEvent(registry, transition));
        }
        catch (IllegalStateException ex) {
            // The context is closed or not refreshed yet; nobody can listen.
            logger.debug("Could not publish the event of {}", transition, ex);
        }
    }
}
