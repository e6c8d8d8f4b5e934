package dev.lifecycle.spring.internal;

import dev.lifecycle.spring.ServiceTransitionEvent;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.context.event.GenericApplicationListenerAdapter;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.core.ResolvableType;

/**
 * Whether anything in an application context listens to {@link ServiceTransitionEvent}s: an {@code @EventListener}
 * method or a listener added to the context, or an {@link ApplicationListener} bean, whose event type covers them (a
 * listener of every {@code ApplicationEvent} counts). Spring Boot's own listeners each listen to events of their own
 * types, so an application that declares no listener of transitions publishes none.
 *
 * <p>Events published in a context reach its parent's listeners too, so the parents are asked as well. The answer is
 * kept until the number of listeners added to these contexts changes (a listener added at run time), so that asking
 * costs a size check per context and transition. It is {@code true} when it cannot be told: a context that is not an
 * {@link AbstractApplicationContext}, or one whose bean factory is not active.
 */
final class TransitionEventListeners {

    private static final ResolvableType EVENT = ResolvableType.forClass(ServiceTransitionEvent.class);

    private final ApplicationContext context;

    private final Class<?> sourceType;

    /** The number of context listeners the answer was found with; -1 before the first question. */
    private int counted = -1;

    private boolean listening = true;

    /**
     * The listeners of {@code context}, for events whose source is of {@code sourceType}.
     *
     * @param context the application context events are published in
     * @param sourceType the class of the events' source (the registry)
     */
    TransitionEventListeners(ApplicationContext context, Class<?> sourceType) {
        this.context = context;
        this.sourceType = sourceType;
    }

    /** Whether a {@link ServiceTransitionEvent} published now would reach a listener. */
    synchronized boolean any() {
        int listeners = 0;
        for (ApplicationContext each = context; each != null; each = each.getParent()) {
            if (!(each instanceof AbstractApplicationContext abstractContext)) {
                return true;
            }
            listeners += abstractContext.getApplicationListeners().size();
        }
        if (listeners != counted) {
            listening = find();
            counted = listeners;
        }
        return listening;
    }

    private boolean find() {
        for (ApplicationContext each = context; each != null; each = each.getParent()) {
            if (listensIn((AbstractApplicationContext) each)) {
                return true;
            }
        }
        return false;
    }

    private boolean listensIn(AbstractApplicationContext context) {
        for (ApplicationListener<?> listener : context.getApplicationListeners()) {
            if (receives(listener)) {
                return true;
            }
        }
        ConfigurableListableBeanFactory beans;
        try {
            beans = context.getBeanFactory();
        }
        catch (IllegalStateException ex) {
            return true;
        }
        for (String name : beans.getBeanNamesForType(ApplicationListener.class, true, false)) {
            Object bean = beans.containsSingleton(name) ? beans.getSingleton(name) : null;
            if (bean instanceof ApplicationListener<?> listener ? receives(listener) : receivesByType(beans, name)) {
                return true;
            }
        }
        return false;
    }

    private boolean receives(ApplicationListener<?> listener) {
        GenericApplicationListener generic = listener instanceof GenericApplicationListener given ? given
                : new GenericApplicationListenerAdapter(listener);
        return generic.supportsEventType(EVENT) && generic.supportsSourceType(sourceType);
    }

    /** A listener bean not created yet: by the event type its class declares. */
    private static boolean receivesByType(ConfigurableListableBeanFactory beans, String name) {
        Class<?> type = beans.getType(name, false);
        if (type == null) {
            return true;
        }
        ResolvableType declared = ResolvableType.forClass(type).as(ApplicationListener.class).getGeneric();
        return declared == ResolvableType.NONE || declared.isAssignableFrom(EVENT);
    }
}
