package dev.lifecycle.spring.metrics;

import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceSnapshot;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.core.TransitionReason;
import dev.lifecycle.core.event.LeadershipChange;
import dev.lifecycle.core.event.ServiceListener;
import dev.lifecycle.core.event.ServiceTransition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer metrics of a registry's services:
 * <ul>
 *   <li>{@value #SERVICES}: gauge, tagged {@code state}, one per state: how many services are in it;</li>
 *   <li>{@value #START} and {@value #STOP}: timers of each start cycle (setup and start) and stop cycle (stop and
 *       join), tagged {@code service} and {@code outcome} ({@code success} or {@code failure});</li>
 *   <li>{@value #FAILURES}: counter, tagged {@code service}: how many times the service failed;</li>
 *   <li>{@value #RESTARTS}: function counter, tagged {@code service}: how many times it was restarted, by its
 *       policy or by hand (the {@code restarts} of its snapshot);</li>
 *   <li>{@value #LEADERSHIP}: gauge, tagged {@code group}, one per leader group: 1 while this instance leads it, 0
 *       otherwise (on standby, or not known yet);</li>
 *   <li>{@value #LEADERSHIP_CHANGES}: counter, tagged {@code group} and {@code to} ({@code LEADER}, {@code STANDBY}):
 *       how many times this instance's leadership of the group changed.</li>
 * </ul>
 * Per-service meters appear once the service has made its first transition; a group's gauge once the group is known
 * here (granted, revoked, or one of its services on standby).
 *
 * <p>The timers are measured from the registry's timing events, unless {@link #timersFromObservations()} has handed
 * them over to the lifecycle's Micrometer observations (as the auto-configuration does when the application has an
 * {@code ObservationRegistry}): then the observations' handler records them, with the same names, tags and
 * descriptions, and the events no longer do, so that no start or stop is timed twice.
 *
 * @since 0.1
 */
public final class ServiceMetrics implements MeterBinder, ServiceListener {

    /** Gauge of the number of services per state. */
    public static final String SERVICES = "lifecycle.services";
    /** Timer of start cycles. */
    public static final String START = "lifecycle.service.start";
    /** Timer of stop cycles. */
    public static final String STOP = "lifecycle.service.stop";
    /** Counter of failures. */
    public static final String FAILURES = "lifecycle.service.failures";
    /** Counter of restarts. */
    public static final String RESTARTS = "lifecycle.service.restarts";
    /** Gauge of this instance's leadership of each group. */
    public static final String LEADERSHIP = "lifecycle.leadership";
    /** Counter of changes of this instance's leadership of each group. */
    public static final String LEADERSHIP_CHANGES = "lifecycle.leadership.changes";

    /** The description of the {@value #START} timer. */
    static final String START_DESCRIPTION = "The duration of a service's setup and start";
    /** The description of the {@value #STOP} timer. */
    static final String STOP_DESCRIPTION = "The duration of a service's stop and join";

    private final ServiceRegistry registry;
    private final List<MeterRegistry> meterRegistries = new CopyOnWriteArrayList<>();
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    /** Whether the observations' handler records the timers: see {@link #timersFromObservations()}. */
    private volatile boolean timersObserved;
    /** The leader groups whose gauge is registered. */
    private final Set<String> knownGroups = ConcurrentHashMap.newKeySet();

    /**
     * Metrics of {@code registry}'s services; add it to the registry as a listener, and bind it to a meter registry.
     *
     * @param registry the registry
     */
    public ServiceMetrics(ServiceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void bindTo(MeterRegistry meterRegistry) {
        meterRegistries.add(meterRegistry);
        for (ServiceState state : ServiceState.values()) {
            if (state != ServiceState.REMOVED) {
                Gauge.builder(SERVICES, registry, r -> count(r, state)).tag("state", state.name())
                        .description("The number of services in each state").register(meterRegistry);
            }
        }
        for (String id : known) {
            registerService(meterRegistry, id);
        }
        knownGroups.addAll(registry.leadership().groups().keySet());
        for (String group : knownGroups) {
            registerGroup(meterRegistry, group);
        }
    }

    @Override
    public void onLeadershipChanged(LeadershipChange change) {
        groupSeen(change.group());
        for (MeterRegistry m : meterRegistries) {
            Counter.builder(LEADERSHIP_CHANGES).description("How many times this instance's leadership of the group "
                    + "changed").tag("group", change.group()).tag("to", change.to().name()).register(m).increment();
        }
    }

    private void groupSeen(String group) {
        if (knownGroups.add(group)) {
            meterRegistries.forEach(m -> registerGroup(m, group));
        }
    }

    private void registerGroup(MeterRegistry meterRegistry, String group) {
        Gauge.builder(LEADERSHIP, registry, r -> r.leadership().state(group).leads() ? 1 : 0).tag("group", group)
                .description("Whether this instance leads the group: 1 leader, 0 standby or unknown")
                .register(meterRegistry);
    }

    private static double count(ServiceRegistry registry, ServiceState state) {
        return registry.graph().nodes().stream().filter(n -> n.state() == state).count();
    }

    @Override
    public void onTransition(ServiceTransition transition) {
        String id = transition.key().id();
        if (known.add(id)) {
            meterRegistries.forEach(m -> registerService(m, id));
        }
        if (transition.to() == ServiceState.FAILED && transition.reason() == TransitionReason.FAILURE) {
            meterRegistries.forEach(m -> failures(m, id).increment());
        }
        if (transition.reason() == TransitionReason.LEADERSHIP) {
            // A leader-only service on standby: its group is known from now on (leadership may never have changed).
            registry.snapshot(id).map(ServiceSnapshot::leaderGroup).ifPresent(this::groupSeen);
        }
    }

    @Override
    public void onStarted(ServiceKey<?> key, Duration duration, @Nullable Throwable failure) {
        if (!timersObserved) {
            record(START, START_DESCRIPTION, tags(key, failure), duration.toNanos());
        }
    }

    @Override
    public void onStopped(ServiceKey<?> key, Duration duration, @Nullable Throwable failure) {
        if (!timersObserved) {
            record(STOP, STOP_DESCRIPTION, tags(key, failure), duration.toNanos());
        }
    }

    /**
     * Hands the {@value #START} and {@value #STOP} timers over to the lifecycle's Micrometer observations (of the same
     * names, whose low cardinality keys are by default the timers' tags {@code service} and {@code outcome}): from
     * this call on, the registry's timing events no longer record them, and the handler returned does, when the
     * observations stop (the {@code lifecycle.startup} observation's timer too). Register the handler with the
     * {@code ObservationRegistry} ahead of Micrometer's {@code DefaultMeterObservationHandler}, which would record
     * these observations with other tags.
     *
     * @return the handler recording the timers into the meter registries this is bound to
     */
    public LifecycleTimerObservationHandler timersFromObservations() {
        timersObserved = true;
        return new LifecycleTimerObservationHandler(this);
    }

    /** Records {@code nanos} in the timer {@code name} with {@code tags}, in every meter registry this is bound to. */
    void record(String name, @Nullable String description, Tags tags, long nanos) {
        for (MeterRegistry m : meterRegistries) {
            Timer.builder(name).description(description).tags(tags).register(m).record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    private static Tags tags(ServiceKey<?> key, @Nullable Throwable failure) {
        return Tags.of("service", key.id(), "outcome", failure == null ? "success" : "failure");
    }

    private void registerService(MeterRegistry meterRegistry, String id) {
        failures(meterRegistry, id);
        FunctionCounter.builder(RESTARTS, registry, r -> r.snapshot(id).map(ServiceSnapshot::restarts).orElse(0))
                .description("How many times the service was restarted, by its restart policy or by hand")
                .tag("service", id).register(meterRegistry);
    }

    private static Counter failures(MeterRegistry meterRegistry, String id) {
        return Counter.builder(FAILURES).description("How many times the service failed").tag("service", id)
                .register(meterRegistry);
    }
}
