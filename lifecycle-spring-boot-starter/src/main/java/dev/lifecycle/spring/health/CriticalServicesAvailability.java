package dev.lifecycle.spring.health;

import dev.lifecycle.core.Escalation;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.core.TransitionReason;
import dev.lifecycle.core.event.ServiceListener;
import dev.lifecycle.core.event.ServiceTransition;
import dev.lifecycle.core.LogKeys;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;

/**
 * Lets the critical services drive the application's readiness, and lets services break its liveness only where the
 * user opted in.
 *
 * <p>Readiness: once the application has declared itself ready ({@link ReadinessState#ACCEPTING_TRAFFIC}, which
 * Spring Boot publishes when it has started), it publishes {@link ReadinessState#REFUSING_TRAFFIC} while a critical
 * service is not RUNNING, and {@link ReadinessState#ACCEPTING_TRAFFIC} again once they all are. Changes caused by
 * the registry's own shutdown are left to the application.
 *
 * <p>Liveness: left alone by default. A platform restarts a process whose liveness is broken, and a service gives up
 * most often because something it depends on (a database) is down for every replica at once: restarting them all
 * would not help and could take the fleet down. A user opts in for the critical services (the {@code liveness} flag,
 * {@code lifecycle.availability.liveness}) or for one service, critical or not
 * ({@code lifecycle.services.<id>.liveness}, which also opts a critical service out). A service opted in that stays
 * FAILED with no restart (it gave up, having failed more often than its restart policy allows, or its restart policy
 * never restarts it) publishes {@link LivenessState#BROKEN};
 * {@link LivenessState#CORRECT} follows once every service that broke it is RUNNING again (restarted by hand) or
 * removed. Escalation {@link Escalation#SHUTDOWN SHUTDOWN} is the explicit way to end the process.
 *
 * @since 0.1
 */
public final class CriticalServicesAvailability
        implements ServiceListener, ApplicationListener<AvailabilityChangeEvent<?>> {

    private static final Logger logger = LoggerFactory.getLogger(CriticalServicesAvailability.class);

    /** The key-value of an availability line carrying the state it publishes (besides the engine's {@link LogKeys}). */
    static final String AVAILABILITY_KEY = "lifecycle.availability";

    private final ApplicationEventPublisher publisher;
    private final Predicate<String> critical;
    private final boolean readiness;
    private final boolean liveness;
    private final Function<String, @Nullable Boolean> serviceLiveness;
    private final Predicate<String> standby;
    private final Object lock = new Object();
    /** Critical services that are not RUNNING. Guarded by {@link #lock}. */
    private final Set<String> down = new LinkedHashSet<>();
    /** Services that gave up, broke liveness, and are not RUNNING since. Guarded by {@link #lock}. */
    private final Set<String> brokeLiveness = new LinkedHashSet<>();
    /** Whether {@link #brokeLiveness} is not empty: written under {@link #lock}, read without it. */
    private volatile boolean livenessBroken;
    /** Whether the application has declared itself ready. Guarded by {@link #lock}. */
    private boolean ready;

    /**
     * An availability bridge.
     *
     * @param publisher where to publish the availability changes
     * @param critical which service ids are critical
     * @param readiness whether critical services drive readiness
     * @param liveness whether a critical service that gives up marks liveness BROKEN, unless its own setting says
     *        otherwise
     * @param serviceLiveness a service's own setting: {@code true} if it marks liveness BROKEN when it gives up,
     *        critical or not, {@code false} if it does not, {@code null} to follow {@code liveness}
     */
    public CriticalServicesAvailability(ApplicationEventPublisher publisher, Predicate<String> critical,
            boolean readiness, boolean liveness, Function<String, @Nullable Boolean> serviceLiveness) {
        this(publisher, critical, readiness, liveness, serviceLiveness, id -> false);
    }

    /**
     * An availability bridge that knows which services are on standby: a critical service down by design because this
     * instance does not lead a group (a leader-only service, or one waiting only for such services) does not make the
     * application refuse traffic.
     *
     * @param publisher where to publish the availability changes
     * @param critical which service ids are critical
     * @param readiness whether critical services drive readiness
     * @param liveness whether a critical service that gives up marks liveness BROKEN, unless its own setting says
     *        otherwise
     * @param serviceLiveness a service's own setting: {@code true} if it marks liveness BROKEN when it gives up,
     *        critical or not, {@code false} if it does not, {@code null} to follow {@code liveness}
     * @param standby whether a service is on standby now (asked for critical services that are not RUNNING)
     */
    public CriticalServicesAvailability(ApplicationEventPublisher publisher, Predicate<String> critical,
            boolean readiness, boolean liveness, Function<String, @Nullable Boolean> serviceLiveness,
            Predicate<String> standby) {
        this.standby = standby;
        this.publisher = publisher;
        this.critical = critical;
        this.readiness = readiness;
        this.liveness = liveness;
        this.serviceLiveness = serviceLiveness;
    }

    @Override
    public void onTransition(ServiceTransition transition) {
        String id = transition.key().id();
        boolean isCritical = critical.test(id);
        if (!isCritical && !livenessBroken) {
            return;
        }
        ServiceState to = transition.to();
        boolean whereItShouldBe = to == ServiceState.RUNNING || to == ServiceState.REMOVED
                // An on-demand service that no dependent needs.
                || (transition.reason() == TransitionReason.DEMAND
                        || transition.reason() == TransitionReason.LEADERSHIP)
                        && (to == ServiceState.STOPPING || to == ServiceState.STOPPED)
                // On standby: down by design until this instance leads the group.
                || isCritical && standby.test(id);
        List<Change> changes = new ArrayList<>(2);
        synchronized (lock) {
            if ((to == ServiceState.RUNNING || to == ServiceState.REMOVED) && brokeLiveness.remove(id)
                    && brokeLiveness.isEmpty()) {
                livenessBroken = false;
                changes.add(new Change(LivenessState.CORRECT, id, "Service '" + id + "' is "
                        + (to == ServiceState.RUNNING ? "RUNNING again" : "removed")
                        + ": liveness CORRECT (every service that broke it is RUNNING or removed)"));
            }
            if (isCritical) {
                boolean wasUp = down.isEmpty();
                if (whereItShouldBe) {
                    down.remove(id);
                }
                else {
                    down.add(id);
                }
                if (readiness && ready && transition.reason() != TransitionReason.SHUTDOWN
                        && wasUp != down.isEmpty()) {
                    changes.add(down.isEmpty()
                            ? new Change(ReadinessState.ACCEPTING_TRAFFIC, id, "Every critical service is where it "
                                    + "should be again ('" + id + "' is " + to + "): readiness ACCEPTING_TRAFFIC")
                            : new Change(ReadinessState.REFUSING_TRAFFIC, id, "Critical service '" + id + "' is " + to
                                    + ": readiness REFUSING_TRAFFIC until every critical service is RUNNING"));
                }
            }
        }
        changes.forEach(this::publish);
    }

    @Override
    public void onGiveUp(ServiceKey<?> key, Escalation escalation, Throwable cause) {
        String id = key.id();
        boolean isCritical = critical.test(id);
        Boolean own = serviceLiveness.apply(id);
        boolean breaks = own != null ? own : liveness && isCritical;
        if (!breaks) {
            if (isCritical && escalation != Escalation.SHUTDOWN && logger.isInfoEnabled()) {
                logger.atInfo().addKeyValue(LogKeys.SERVICE_ID, id).log("Critical service '" + id + "' stays FAILED, with no restart: liveness left alone, "
                        + (own != null ? "as lifecycle.services." + id + ".liveness=false says"
                                : "as by default (a service breaks liveness only where "
                                        + "lifecycle.availability.liveness or lifecycle.services." + id
                                        + ".liveness is true)")
                        + "; start it again by hand (with lifecycle.restart.escalation=shutdown, a service that gives "
                        + "up ends the process instead)");
            }
            return;
        }
        synchronized (lock) {
            brokeLiveness.add(id);
            livenessBroken = true;
        }
        publish(new Change(LivenessState.BROKEN, id, "Service '" + id + "' stays FAILED, with no restart: liveness "
                + "BROKEN, as "
                + (own != null ? "lifecycle.services." + id + ".liveness=true"
                        : "lifecycle.availability.liveness=true (for critical services)")
                + " says; CORRECT again once it is RUNNING (start it by hand) or removed"));
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
                refuseFor = "'" + String.join("', '", down) + "'";
            }
        }
        if (refuseFor != null) {
            publish(new Change(ReadinessState.REFUSING_TRAFFIC, null, "Critical services " + refuseFor + " not RUNNING: "
                    + "readiness REFUSING_TRAFFIC until every critical service is RUNNING"));
        }
    }

    private void publish(Change change) {
        LoggingEventBuilder line = change.state() == LivenessState.BROKEN ? logger.atWarn() : logger.atInfo();
        if (change.serviceId() != null) {
            line = line.addKeyValue(LogKeys.SERVICE_ID, change.serviceId());
        }
        line.addKeyValue(AVAILABILITY_KEY, change.state()).log(change.message());
        try {
            AvailabilityChangeEvent.publish(publisher, this, change.state());
        }
        catch (IllegalStateException ex) {
            logger.debug("Could not publish availability {}", change.state(), ex);
        }
    }

    /** An availability state to publish, the service whose transition changed it (if one did), and why. */
    private record Change(AvailabilityState state, @Nullable String serviceId, String message) {
    }
}
