package dev.lifecycle.spring.metrics;

import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceSnapshot;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.core.TransitionReason;
import dev.lifecycle.core.event.ServiceListener;
import dev.lifecycle.core.event.ServiceTransition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer metrics of a registry's services:
 * <ul>
 *   <li>{@value #SERVICES}: gauge, tagged {@code state}, one per state: how many services are in it;</li>
 *   <li>{@value #START} and {@value #STOP}: timers of each start cycle (setup and start) and stop cycle (stop and
 *       join), tagged {@code service} and {@code outcome} ({@code success} or {@code failure});</li>
 *   <li>{@value #FAILURES}: counter, tagged {@code service}: how many times the service failed;</li>
 *   <li>{@value #RESTARTS}: function counter, tagged {@code service}: how many times it was restarted, by its
 *       policy or by hand (the {@code restarts} of its snapshot).</li>
 * </ul>
 * Per-service meters appear once the service has made its first transition.
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

    private final ServiceRegistry registry;
    private final List<MeterRegistry> meterRegistries = new CopyOnWriteArrayList<>();
    private final Set<String> known = ConcurrentHashMap.newKeySet();

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
    }

    @Override
    public void onStarted(ServiceKey<?> key, Duration duration, @Nullable Throwable failure) {
        record(START, "The duration of a service's setup and start", key, duration, failure);
    }

    @Override
    public void onStopped(ServiceKey<?> key, Duration duration, @Nullable Throwable failure) {
        record(STOP, "The duration of a service's stop and join", key, duration, failure);
    }

    private void record(String name, String description, ServiceKey<?> key, Duration duration,
            @Nullable Throwable failure) {
        for (MeterRegistry m : meterRegistries) {
            Timer.builder(name).description(description).tag("service", key.id())
                    .tag("outcome", failure == null ? "success" : "failure").register(m).record(duration);
        }
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
