package dev.lifecycle.spring.observation;

import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceInterceptor;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceSnapshot;
import dev.lifecycle.spring.internal.ServiceStartupObserver;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.core.metrics.ApplicationStartup;
import org.springframework.core.metrics.StartupStep;

/**
 * Steps of Spring's {@link ApplicationStartup} for the application's start-up of the services: a step
 * {@value #STARTUP_STEP} for the whole start-up (tag {@code outcome}), and a step {@value #SERVICE_START_STEP} for each
 * service start during it (tags {@code service}, {@code requires}: the ids of its requirements, comma-separated, and
 * {@code outcome}), shown by the {@code startup} actuator endpoint with a {@code BufferingApplicationStartup}, next to
 * Spring's own steps. As a {@link ServiceInterceptor} of the registry, it begins each step on the thread that runs the
 * service's setup, just before it, and ends it when the start returns or fails (see {@link ObservedService}), so the
 * steps' times are the starts' own. Starts after the start-up (restarts) are not steps.
 *
 * <p>Spring's {@code StartupStep} has no parent of its own choosing: an {@code ApplicationStartup} makes the latest
 * step still running the parent of a new one, whatever its thread. The first starts are children of
 * {@value #STARTUP_STEP}, but a start that begins while another runs in parallel is recorded as that one's child; the
 * {@code requires} tag says what it waited for.
 *
 * @since 0.1
 */
public final class ServiceStartupSteps implements ServiceInterceptor, ServiceStartupObserver {

    /** The name of the start-up's step. */
    public static final String STARTUP_STEP = "lifecycle.startup";
    /** The name of a service start's step. */
    public static final String SERVICE_START_STEP = "lifecycle.service.start";

    private final ApplicationStartup applicationStartup;
    private final Supplier<ServiceRegistry> registry;
    private final PhaseObserver phases = new Phases();
    /** The start-up's step, while the start-up runs. */
    private volatile @Nullable StartupStep startup;

    /**
     * Steps of {@code applicationStartup}.
     *
     * @param applicationStartup the application's
     * @param registry the service registry whose services are intercepted, asked for their requirements (looked up
     *        at the first start, as it is built after its interceptors)
     */
    public ServiceStartupSteps(ApplicationStartup applicationStartup, Supplier<ServiceRegistry> registry) {
        this.applicationStartup = applicationStartup;
        this.registry = registry;
    }

    /** Wraps {@code service} so that its starts during the start-up are steps. */
    @Override
    public <T> Service<T> intercept(ServiceKey<T> key, Service<T> service) {
        return new ObservedService<>(key, service, phases);
    }

    /** Begins the start-up's step, on the thread running the start-up. */
    @Override
    public void startupBegan() {
        startup = applicationStartup.start(STARTUP_STEP);
    }

    /** Ends the start-up's step; the starts begun after this are not steps. */
    @Override
    public void startupEnded(@Nullable Throwable failure) {
        StartupStep step = startup;
        startup = null;
        if (step != null) {
            step.tag("outcome", Outcomes.of(true, failure));
            step.end();
        }
    }

    /** Begins a step for each start during the start-up. */
    private final class Phases implements PhaseObserver {

        @Override
        public @Nullable Recording startBegan(ServiceKey<?> key) {
            if (startup == null) {
                return null;
            }
            List<String> requires = registry.get().snapshot(key.id()).map(ServiceSnapshot::requires)
                    .orElse(List.of());
            StartupStep step = applicationStartup.start(SERVICE_START_STEP).tag("service", key.id()).tag("requires",
                    String.join(",", requires));
            return failure -> {
                step.tag("outcome", Outcomes.of(true, failure));
                step.end();
            };
        }

        @Override
        public @Nullable Recording stopBegan(ServiceKey<?> key) {
            return null;
        }
    }
}
