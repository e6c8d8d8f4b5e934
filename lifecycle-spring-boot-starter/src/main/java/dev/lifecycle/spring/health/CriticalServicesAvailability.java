package dev.lifecycle.spring.health;

import dev.lifecycle.core.Escalation;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.core.TransitionReason;
import dev.lifecycle.core.event.ServiceListener;
import dev.lifecycle.core.event.ServiceTransition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;

/**
 * Lets the critical services drive the application's availability.
 *
 * <p>Readiness: once the application has declared itself ready ({@link ReadinessState#ACCEPTING_TRAFFIC}, which
 * Spring Boot publishes when it has started), it publishes {@link ReadinessState#REFUSING_TRAFFIC} while a critical
 * service is not RUNNING, and {@link ReadinessState#ACCEPTING_TRAFFIC} again once they all are. Changes caused by
 * the registry's own shutdown are left to the application.
 *
 * <p>Liveness: when a critical service gives up (it failed more often than its restart policy allows), it publishes
 * {@link LivenessState#BROKEN}, so that a platform can restart the process; {@link LivenessState#CORRECT} again
 * once every critical service that gave up is RUNNING (restarted by hand).
 *
 * @since 0.1
 */
public final class CriticalServicesAvailability
        implements ServiceListener, ApplicationListener<AvailabilityChangeEvent<?>> {

    private static final Logger logger = LoggerFactory.getLogger(CriticalServicesAvailability.class);

    private final ApplicationEventPublisher publisher;
    private final Predicate<String> critical;
    private final boolean readiness;
    private final boolean liveness;
    private final Object lock = new Object();
    /** Critical services that are not RUNNING. Guarded by {@link #lock}. */
    private final Set<String> down = new LinkedHashSet<>();
    /** Critical services that gave up and are not RUNNING since. Guarded by {@link #lock}. */
    private final Set<String> gaveUp = new LinkedHashSet<>();
    /** Whether the application has declared itself ready. Guarded by {@link #lock}. */
    private boolean ready;

    /**
     * An availability bridge.
     *
     * @param publisher where to publish the availability changes
     * @param critical which service ids are critical
     * @param readiness whether critical services drive readiness
     * @param liveness whether a critical service that gives up marks liveness BROKEN
     */
    public CriticalServicesAvailability(ApplicationEventPublisher publisher, Predicate<String> critical,
            boolean readiness, boolean liveness) {
        this.publisher = publisher;
        this.critical = critical;
        this.readiness = readiness;
        this.liveness = liveness;
    }

    @Override
    public void onTransition(ServiceTransition transition) {
        String id = transition.key().id();
        if (!critical.test(id)) {
            return;
        }
        List<AvailabilityState> publish = new ArrayList<>(2);
        synchronized (lock) {
            boolean wasUp = down.isEmpty();
            if (transition.to() == ServiceState.RUNNING) {
                down.remove(id);
                if (gaveUp.remove(id) && gaveUp.isEmpty() && liveness) {
                    publish.add(LivenessState.CORRECT);
                }
            }
            else if (transition.to() == ServiceState.REMOVED) {
                down.remove(id);
                gaveUp.remove(id);
            }
            else if (transition.reason() == TransitionReason.DEMAND && (transition.to() == ServiceState.STOPPING
                    || transition.to() == ServiceState.STOPPED)) {
                // An on-demand service that no dependent needs is where it should be.
                down.remove(id);
            }
            else {
                down.add(id);
            }
            if (readiness && ready && transition.reason() != TransitionReason.SHUTDOWN && wasUp != down.isEmpty()) {
                publish.add(down.isEmpty() ? ReadinessState.ACCEPTING_TRAFFIC : ReadinessState.REFUSING_TRAFFIC);
            }
        }
        publish.forEach(state -> publish(state, id));
    }

    @Override
    public void onGiveUp(ServiceKey<?> key, Escalation escalation, Throwable cause) {
        if (!liveness || !critical.test(key.id())) {
            return;
        }
        synchronized (lock) {
            gaveUp.add(key.id());
        }
        publish(LivenessState.BROKEN, key.id());
    }

    @Override
    public void onApplicationEvent(AvailabilityChangeEvent<?> event) {
        if (event.getSource() == this || !(event.getState() instanceof ReadinessState state)) {
            return;
        }
        @Nullable String refuseFor = null;
        synchronized (lock) {
            ready = state == ReadinessState.ACCEPTING_TRAFFIC;
            if (ready && readiness && !down.isEmpty()) {
                refuseFor = String.join(", ", down);
            }
        }
        if (refuseFor != null) {
            publish(ReadinessState.REFUSING_TRAFFIC, refuseFor);
        }
    }

    private void publish(AvailabilityState state, String because) {
        logger.info("Critical service {}: availability {}", because, state);
        try {
            AvailabilityChangeEvent.publish(publisher, this, state);
        }
        catch (IllegalStateException ex) {
            logger.debug("Could not publish availability {}", state, ex);
        }
    }
}
