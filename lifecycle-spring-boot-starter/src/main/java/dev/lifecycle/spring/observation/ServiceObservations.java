package dev.lifecycle.spring.observation;

import dev.lifecycle.core.FailureInfo;
import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceInterceptor;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceSnapshot;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.spring.internal.ServiceStartupObserver;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer observations of the services: {@code lifecycle.service.start} around each start cycle (setup and start),
 * {@code lifecycle.service.stop} around each stop cycle (stop and join), and {@code lifecycle.startup} around the
 * application's start-up of the services, the parent of every start and stop during it. As a
 * {@link ServiceInterceptor} of the registry, it starts and stops each observation on the thread that runs the
 * service's code, at the moment the code begins and ends (see {@link ObservedService}), so the observations' timers
 * and spans measure what the services really did, in parallel where they ran in parallel; the observation is current
 * on that thread while the code runs, so what the code observes itself (a query, a call) is its child.
 *
 * <p>A start's context carries the ids of the service's requirements and the contexts of their latest starts, for a
 * tracing handler to link the spans ({@link ServiceStartTracingObservationHandler}). The conventions are the ones
 * given, else a {@code GlobalObservationConvention} registered with the {@link ObservationRegistry}, else the
 * defaults. The error of a failed cycle is what its code threw, or, when the registry gave up on it at its timeout
 * (and interrupted the code), the registry's timeout. With a no-op observation registry nothing is recorded.
 *
 * @since 0.1
 */
public final class ServiceObservations implements ServiceInterceptor, ServiceStartupObserver {

    private static final ServiceStartObservationConvention DEFAULT_START =
            new DefaultServiceStartObservationConvention();
    private static final ServiceStopObservationConvention DEFAULT_STOP = new DefaultServiceStopObservationConvention();
    private static final ServiceStartupObservationConvention DEFAULT_STARTUP =
            new DefaultServiceStartupObservationConvention();

    private final ObservationRegistry observationRegistry;
    private final Supplier<ServiceRegistry> registry;
    private final @Nullable ServiceStartObservationConvention startConvention;
    private final @Nullable ServiceStopObservationConvention stopConvention;
    private final @Nullable ServiceStartupObservationConvention startupConvention;
    private final PhaseObserver phases = new Phases();
    /** The context of the latest start of each service, by id: what a dependent's start links to. */
    private final Map<String, ServiceStartObservationContext> latestStarts = new ConcurrentHashMap<>();
    /** The start-up in progress, if any. */
    private volatile @Nullable Observation startup;
    private volatile @Nullable ServiceStartupObservationContext startupContext;

    /**
     * Observations with the default conventions (or global ones registered with {@code observationRegistry}).
     *
     * @param observationRegistry where the observations go
     * @param registry the service registry whose services are intercepted, asked for their requirements (looked up
     *        at the first start, as it is built after its interceptors)
     */
    public ServiceObservations(ObservationRegistry observationRegistry, Supplier<ServiceRegistry> registry) {
        this(observationRegistry, registry, null, null, null);
    }

    /**
     * Observations with the given conventions; each {@code null} one is a global one registered with
     * {@code observationRegistry}, else the default.
     *
     * @param observationRegistry where the observations go
     * @param registry the service registry whose services are intercepted, asked for their requirements
     * @param startConvention the convention of the starts, or {@code null}
     * @param stopConvention the convention of the stops, or {@code null}
     * @param startupConvention the convention of the start-up, or {@code null}
     */
    public ServiceObservations(ObservationRegistry observationRegistry, Supplier<ServiceRegistry> registry,
            @Nullable ServiceStartObservationConvention startConvention,
            @Nullable ServiceStopObservationConvention stopConvention,
            @Nullable ServiceStartupObservationConvention startupConvention) {
        this.observationRegistry = observationRegistry;
        this.registry = registry;
        this.startConvention = startConvention;
        this.stopConvention = stopConvention;
        this.startupConvention = startupConvention;
    }

    /** Wraps {@code service} so that its starts and stops are observed. */
    @Override
    public <T> Service<T> intercept(ServiceKey<T> key, Service<T> service) {
        return new ObservedService<>(key, service, phases);
    }

    /** Starts the {@code lifecycle.startup} observation, on the thread running the start-up. */
    @Override
    public void startupBegan() {
        ServiceStartupObservationContext context = new ServiceStartupObservationContext();
        startupContext = context;
        startup = LifecycleObservationDocumentation.SERVICES_STARTUP.observation(startupConvention, DEFAULT_STARTUP,
                () -> context, observationRegistry).start();
    }

    /** Stops the {@code lifecycle.startup} observation, with the start-up's failure if it failed. */
    @Override
    public void startupEnded(@Nullable Throwable failure) {
        Observation observation = startup;
        ServiceStartupObservationContext context = startupContext;
        startup = null;
        startupContext = null;
        if (observation == null || context == null) {
            return;
        }
        if (failure != null) {
            observation.error(failure);
        }
        context.markEnded();
        observation.stop();
    }

    private @Nullable ServiceSnapshot snapshotOf(String id) {
        return registry.get().snapshot(id).orElse(null);
    }

    /**
     * An observation started for a start or a stop cycle of service {@code id}, whose last failure was
     * {@code failureBefore} when it began.
     */
    private final class Observed implements PhaseObserver.Recording {

        private final Observation observation;
        private final Runnable markEnded;
        private final String id;
        private final @Nullable FailureInfo failureBefore;

        Observed(Observation observation, Runnable markEnded, String id, @Nullable FailureInfo failureBefore) {
            this.observation = observation;
            this.markEnded = markEnded;
            this.id = id;
            this.failureBefore = failureBefore;
        }

        @Override
        public PhaseObserver.Scope openScope() {
            Observation.Scope scope = observation.openScope();
            return scope::close;
        }

        @Override
        public void ended(@Nullable Throwable failure) {
            if (failure != null) {
                observation.error(verdict(failure));
            }
            markEnded.run();
            observation.stop();
        }

        /**
         * Why the cycle failed: the failure the registry recorded for the service meanwhile, if it did (it timed the
         * cycle out and then interrupted the code: the interruption is only how the code learnt it), else what the
         * code failed with. The registry records a failure of the code itself only after the code has returned, which
         * is after this.
         */
        private Throwable verdict(Throwable failure) {
            ServiceSnapshot now = snapshotOf(id);
            FailureInfo recorded = now != null ? now.lastFailure() : null;
            return recorded != null && !recorded.equals(failureBefore) ? recorded.cause() : failure;
        }
    }

    /** Starts the observations, as the services' cycles begin. */
    private final class Phases implements PhaseObserver {

        @Override
        public @Nullable Recording startBegan(ServiceKey<?> key) {
            if (observationRegistry.isNoop()) {
                return null;
            }
            ServiceSnapshot snapshot = snapshotOf(key.id());
            List<String> requires = snapshot != null ? snapshot.requires() : List.of();
            List<ServiceStartObservationContext> requirementStarts = new ArrayList<>(requires.size());
            for (String requirement : requires) {
                ServiceStartObservationContext latest = latestStarts.get(requirement);
                if (latest != null) {
                    requirementStarts.add(latest);
                }
            }
            ServiceStartObservationContext context = new ServiceStartObservationContext(key, requires,
                    requirementStarts);
            Observation observation = LifecycleObservationDocumentation.SERVICE_START.observation(startConvention,
                    DEFAULT_START, () -> context, observationRegistry);
            latestStarts.put(key.id(), context);
            // FAILED already: the registry gave up on this start (its timeout) before its code could begin.
            FailureInfo before = snapshot == null || snapshot.state() == ServiceState.FAILED ? null
                    : snapshot.lastFailure();
            return new Observed(start(observation), context::markEnded, key.id(), before);
        }

        @Override
        public @Nullable Recording stopBegan(ServiceKey<?> key) {
            if (observationRegistry.isNoop()) {
                return null;
            }
            ServiceSnapshot snapshot = snapshotOf(key.id());
            ServiceStopObservationContext context = new ServiceStopObservationContext(key);
            Observation observation = LifecycleObservationDocumentation.SERVICE_STOP.observation(stopConvention,
                    DEFAULT_STOP, () -> context, observationRegistry);
            return new Observed(start(observation), context::markEnded, key.id(),
                    snapshot != null ? snapshot.lastFailure() : null);
        }

        /** Starts {@code observation} as a child of the start-up, while one runs. */
        private Observation start(Observation observation) {
            Observation parent = startup;
            if (parent != null) {
                observation.parentObservation(parent);
            }
            return observation.start();
        }
    }
}
