package dev.lifecycle.spring;

import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.core.TransitionReason;
import dev.lifecycle.core.event.ServiceTransition;
import org.springframework.context.ApplicationEvent;

/**
 * A Spring application event for each change of a service's state. Published from the registry's event thread, one
 * at a time, in the order the transitions happened; listen with {@code @EventListener}.
 *
 * @since 0.1
 */
public class ServiceTransitionEvent extends ApplicationEvent {

    private static final long serialVersionUID = 1L;

    private final transient ServiceTransition transition;

    /**
     * An event for a transition of a service of {@code registry}.
     *
     * @param registry the registry (the event's source)
     * @param transition the transition
     */
    public ServiceTransitionEvent(ServiceRegistry registry, ServiceTransition transition) {
        super(registry);
        this.transition = transition;
    }

    /**
     * The transition.
     *
     * @return the transition, with its cause, detail and times
     */
    public ServiceTransition getTransition() {
        return transition;
    }

    /**
     * The service that changed state.
     *
     * @return the key of the service
     */
    public ServiceKey<?> getKey() {
        return transition.key();
    }

    /**
     * The state it left.
     *
     * @return the state the service left
     */
    public ServiceState getFrom() {
        return transition.from();
    }

    /**
     * The state it entered.
     *
     * @return the state the service entered
     */
    public ServiceState getTo() {
        return transition.to();
    }

    /**
     * Why it changed.
     *
     * @return the reason of the transition
     */
    public TransitionReason getReason() {
        return transition.reason();
    }

    @Override
    public String toString() {
        return "ServiceTransitionEvent[" + transition + "]";
    }
}
