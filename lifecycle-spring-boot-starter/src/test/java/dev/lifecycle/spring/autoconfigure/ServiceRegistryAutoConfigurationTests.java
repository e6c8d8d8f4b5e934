package dev.lifecycle.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.Escalation;
import dev.lifecycle.core.RestartPolicy;
import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceSnapshot;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.core.event.ServiceListener;
import dev.lifecycle.core.event.ServiceTransition;
import dev.lifecycle.spring.ServiceRegistryLifecycle;
import dev.lifecycle.spring.actuate.endpoint.ServicesEndpoint;
import dev.lifecycle.spring.autoconfigure.endpoint.ServicesEndpointAutoConfiguration;
import dev.lifecycle.spring.autoconfigure.health.LifecycleHealthContributorAutoConfiguration;
import dev.lifecycle.spring.autoconfigure.metrics.LifecycleMetricsAutoConfiguration;
import dev.lifecycle.spring.health.ServicesHealthContributor;
import dev.lifecycle.spring.internal.ServiceAwareLifecycleProcessor;
import dev.lifecycle.spring.internal.ServiceBeans;
import dev.lifecycle.spring.metrics.ServiceMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.support.DefaultLifecycleProcessor;
import org.springframework.validation.FieldError;

/** Conditions, properties and back-off of {@link ServiceRegistryAutoConfiguration}. */
class ServiceRegistryAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ServiceRegistryAutoConfiguration.class));

    @Test
    void runsServiceBeansInARegistryByDefault() {
        runner.withBean("config", Service.class, () -> ctx -> "value").run(context -> {
            assertThat(context).hasSingleBean(ServiceRegistry.class).hasSingleBean(ServiceRegistryLifecycle.class)
                    .hasSingleBean(ServiceBeans.class);
            assertThat(context.getBean(RestartPolicy.class)).isEqualTo(RestartPolicy.defaults());
            assertThat(context.getBean(ServiceRegistry.class).snapshot("config")).get()
                    .extracting(ServiceSnapshot::state).isEqualTo(ServiceState.RUNNING);
            assertThat(context.getBean("lifecycleProcessor")).as("no Lifecycle bean is adopted")
                    .isNotInstanceOf(ServiceAwareLifecycleProcessor.class);
        });
    }

    @Test
    void defaultPhaseIsBelowTheWebServers() {
        runner.run(context -> {
            int phase = context.getBean(ServiceRegistryLifecycle.class).getPhase();

            assertThat(phase).isEqualTo(ServiceRegistryLifecycle.DEFAULT_PHASE)
                    .isLessThan(WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE);
        });
    }

    @Test
    void phaseIsConfigurable() {
        runner.withPropertyValues("lifecycle.phase=42").run(context ->
                assertThat(context.getBean(ServiceRegistryLifecycle.class).getPhase()).isEqualTo(42));
    }

    @Test
    void disabledByProperty() {
        List<String> started = new CopyOnWriteArrayList<>();
        runner.withPropertyValues("lifecycle.enabled=false")
                .withBean("config", Service.class, () -> ctx -> started.add("config"))
                .run(context -> {
                    assertThat(context).doesNotHaveBean(ServiceRegistry.class)
                            .doesNotHaveBean(ServiceRegistryLifecycle.class).doesNotHaveBean(ServiceBeans.class);
                    assertThat(context.getBean("lifecycleProcessor"))
                            .isNotInstanceOf(ServiceAwareLifecycleProcessor.class);
                    assertThat(started).isEmpty();
                });
    }

    @Test
    void userRegistryWinsAndStillRunsTheServiceBeans() {
        ServiceRegistry own = ServiceRegistry.builder().build();
        runner.withBean(ServiceRegistry.class, () -> own).withBean("config", Service.class, () -> ctx -> "value")
                .run(context -> {
                    assertThat(context).getBean(ServiceRegistry.class).isSameAs(own);
                    assertThat(own.snapshot("config").orElseThrow().state()).isEqualTo(ServiceState.RUNNING);
                });
    }

    @Test
    void userRestartPolicyWins() {
        runner.withBean(RestartPolicy.class, RestartPolicy::never).withBean("config", Service.class, () -> ctx -> "v")
                .run(context -> {
                    ServiceRegistry registry = context.getBean(ServiceRegistry.class);

                    registry.fail("config", new IllegalStateException("boom")).join();

                    ServiceSnapshot config = registry.snapshot("config").orElseThrow();
                    assertThat(config.state()).isEqualTo(ServiceState.FAILED);
                    assertThat(config.nextRestartAt()).isNull();
                });
    }

    @Test
    void executorNamedLifecycleExecutorRunsTheServices() {
        ExecutorService own = Executors.newCachedThreadPool(r -> new Thread(r, "own-lifecycle-thread"));
        ExecutorService other = Executors.newCachedThreadPool(r -> new Thread(r, "other-thread"));
        List<String> threads = new CopyOnWriteArrayList<>();
        try {
            runner.withBean(ServiceRegistryAutoConfiguration.EXECUTOR_BEAN_NAME, Executor.class, () -> own)
                    .withBean("applicationTaskExecutor", Executor.class, () -> other)
                    .withBean("config", Service.class, () -> ctx -> threads.add(Thread.currentThread().getName()))
                    .run(context -> assertThat(threads).containsExactly("own-lifecycle-thread"));
        }
        finally {
            own.shutdownNow();
            other.shutdownNow();
        }
    }

    @Test
    void beanNamedLifecycleExecutorThatIsNoExecutorFailsTheStartNamingItsType() {
        runner.withBean(ServiceRegistryAutoConfiguration.EXECUTOR_BEAN_NAME, String.class, () -> "not an executor")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("'lifecycleExecutor'")
                        .hasMessageContaining("java.util.concurrent.Executor")
                        .hasMessageContaining("java.lang.String"));
    }

    @Test
    void customizersAdjustTheRegistryBuilder() {
        runner.withBean(ServiceRegistryCustomizer.class,
                () -> builder -> builder.override(ServiceKey.of("config", Object.class), "fixed"))
                .withBean("config", Service.class, () -> ctx -> "real")
                .run(context -> assertThat(context.getBean(ServiceRegistry.class)
                        .get(ServiceKey.of("config", Object.class))).isEqualTo("fixed"));
    }

    @Test
    void restartPropertiesBindIntoTheDefaultRestartPolicy() {
        runner.withPropertyValues("lifecycle.restart.max-restarts=3", "lifecycle.restart.window=2m",
                "lifecycle.restart.backoff.initial=250ms", "lifecycle.restart.backoff.max=5s",
                "lifecycle.restart.backoff.multiplier=1.5", "lifecycle.restart.backoff.jitter=0",
                "lifecycle.restart.escalation=SHUTDOWN").run(context ->
                        assertThat(context.getBean(RestartPolicy.class)).isEqualTo(new RestartPolicy(true,
                                Duration.ofMillis(250), Duration.ofSeconds(5), 1.5, 0.0, 3, Duration.ofMinutes(2),
                                Escalation.SHUTDOWN)));
    }

    @Test
    void timeoutsReachTheServicesAndServiceSettingsOverrideThem() {
        List<String> seen = new CopyOnWriteArrayList<>();
        runner.withPropertyValues("lifecycle.start-timeout=7s", "lifecycle.stop-timeout=3s",
                "lifecycle.services.special.stop-timeout=1s", "lifecycle.health-check-interval=2s",
                "lifecycle.availability.readiness=false", "lifecycle.availability.liveness=false")
                .withBean("plain", Service.class,
                        () -> ctx -> seen.add("plain " + ctx.startTimeout() + " " + ctx.stopTimeout()))
                .withBean("special", Service.class,
                        () -> ctx -> seen.add("special " + ctx.startTimeout() + " " + ctx.stopTimeout()))
                .run(context -> {
                    assertThat(seen).containsExactlyInAnyOrder("plain PT7S PT3S", "special PT7S PT1S");
                    ServiceRegistryProperties properties = context.getBean(ServiceRegistryProperties.class);
                    assertThat(properties.getHealthCheckInterval()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(properties.getAvailability().isReadiness()).isFalse();
                    assertThat(properties.getAvailability().isLiveness()).isFalse();
                });
    }

    @Test
    void eventDeliveryTimeoutBoundsHowLongClosingWaitsForTheListeners() {
        CountDownLatch release = new CountDownLatch(1);
        BlockedAtStop listener = new BlockedAtStop(release);
        try {
            runner.withPropertyValues("lifecycle.event-delivery-timeout=200ms")
                    .withBean("config", Service.class, () -> ctx -> "value")
                    .withBean(BlockedAtStop.class, () -> listener)
                    .run(context -> {
                        assertThat(context.getBean(ServiceRegistryProperties.class).getEventDeliveryTimeout())
                                .isEqualTo(Duration.ofMillis(200));
                        long began = System.nanoTime();

                        context.close();

                        assertThat(Duration.ofNanos(System.nanoTime() - began)).as("closing, bounded by 200 ms and "
                                + "not by the default 10 s").isLessThan(Duration.ofSeconds(5));
                        assertThat(listener.received.getCount()).as("the listener received the STOPPED event")
                                .isZero();
                        assertThat(release.getCount()).as("and is still blocked in it").isEqualTo(1);
                    });
        }
        finally {
            release.countDown();
        }
    }

    @Test
    void restartCanBeTurnedOff() {
        runner.withPropertyValues("lifecycle.restart.enabled=false").run(context ->
                assertThat(context.getBean(RestartPolicy.class).restart()).isFalse());
    }

    @Test
    void serviceSettingsOverrideTheGlobalOnes() {
        CountDownLatch never = new CountDownLatch(1);
        runner.withPropertyValues("lifecycle.services.database.restart.enabled=false",
                "lifecycle.services.slow.start-timeout=100ms", "lifecycle.services.slow.restart.enabled=false")
                .withBean("database", Service.class, () -> ctx -> "db")
                .withBean("cache", Service.class, () -> ctx -> "cache")
                .withBean("slow", Service.class, () -> ctx -> {
                    never.await();
                    return "slow";
                })
                .run(context -> {
                    ServiceRegistry registry = context.getBean(ServiceRegistry.class);

                    registry.fail("database", new IllegalStateException("boom")).join();
                    registry.fail("cache", new IllegalStateException("boom")).join();

                    assertThat(registry.snapshot("database").orElseThrow().nextRestartAt()).isNull();
                    assertThat(registry.snapshot("cache").orElseThrow().nextRestartAt()).isNotNull();
                    assertThat(registry.snapshot("slow").orElseThrow().lastFailure().message())
                            .startsWith("Service 'slow' did not start within 100 ms");
                });
    }

    @Test
    void invalidJitterFailsWithThePropertyAndTheRule() {
        assertInvalid("lifecycle.restart.backoff.jitter=2", "restart.backoff.jitter",
                "must be between 0 and 1 (a fraction of the delay), was 2.0");
    }

    @Test
    void invalidMultiplierFailsWithThePropertyAndTheRule() {
        assertInvalid("lifecycle.restart.backoff.multiplier=0.5", "restart.backoff.multiplier",
                "must be 1 or more (the delay must not shrink), was 0.5");
    }

    @Test
    void maxBackoffBelowTheDefaultInitialIsReportedOnMaxNamingTheDefault() {
        assertInvalid("lifecycle.restart.backoff.max=10ms", "restart.backoff.max",
                "lifecycle.restart.backoff.max (10ms) must be at least lifecycle.restart.backoff.initial (100ms, the "
                        + "default); raise lifecycle.restart.backoff.max or lower lifecycle.restart.backoff.initial");
    }

    @Test
    void initialBackoffAboveTheDefaultMaxIsReportedOnInitialNamingTheDefault() {
        assertInvalid("lifecycle.restart.backoff.initial=45s", "restart.backoff.initial",
                "lifecycle.restart.backoff.initial (45s) must not exceed lifecycle.restart.backoff.max (30s, the "
                        + "default); raise lifecycle.restart.backoff.max too");
    }

    @Test
    void initialAndMaxBackoffSetTogetherAndContradictingAreReportedOnMax() {
        assertInvalid(List.of("lifecycle.restart.backoff.initial=45s", "lifecycle.restart.backoff.max=30s"),
                "restart.backoff.max", "lifecycle.restart.backoff.max (30s) must be at least "
                        + "lifecycle.restart.backoff.initial (45s); raise lifecycle.restart.backoff.max or lower "
                        + "lifecycle.restart.backoff.initial");
    }

    @Test
    void serviceInitialBackoffAboveTheDefaultMaxIsReportedOnTheServicesInitial() {
        assertInvalid("lifecycle.services.database.restart.backoff.initial=45s",
                "services[database].restart.backoff.initial", "lifecycle.services[database].restart.backoff.initial "
                        + "(45s) must not exceed lifecycle.restart.backoff.max (30s, the default); raise "
                        + "lifecycle.services[database].restart.backoff.max too");
    }

    @Test
    void serviceMaxBackoffBelowTheInitialOfEveryServiceIsReportedOnTheServicesMax() {
        assertInvalid(List.of("lifecycle.restart.backoff.initial=5s",
                "lifecycle.services.database.restart.backoff.max=1500ms"), "services[database].restart.backoff.max",
                "lifecycle.services[database].restart.backoff.max (1500ms) must be at least "
                        + "lifecycle.restart.backoff.initial (5s, the setting of every service); raise "
                        + "lifecycle.services[database].restart.backoff.max or lower "
                        + "lifecycle.services[database].restart.backoff.initial");
    }

    @Test
    void contradictingBackoffOfEveryServiceIsReportedOnceAndNotAgainForEachService() {
        assertInvalid(List.of("lifecycle.restart.backoff.initial=45s", "lifecycle.services.database.critical=true"),
                "restart.backoff.initial", "lifecycle.restart.backoff.initial (45s) must not exceed "
                        + "lifecycle.restart.backoff.max (30s, the default); raise lifecycle.restart.backoff.max too");
    }

    @Test
    void negativeMaxRestartsFails() {
        assertInvalid("lifecycle.restart.max-restarts=-1", "restart.maxRestarts", "must be 0 or more, was -1");
    }

    @Test
    void zeroStartTimeoutFails() {
        assertInvalid("lifecycle.start-timeout=0s", "startTimeout", "must be positive, was PT0S");
    }

    @Test
    void zeroExitStatusFails() {
        assertInvalid("lifecycle.exit-status=0", "exitStatus",
                "must not be 0: it tells the platform the application failed");
    }

    @Test
    void zeroEventDeliveryTimeoutFails() {
        assertInvalid("lifecycle.event-delivery-timeout=0s", "eventDeliveryTimeout", "must be positive, was PT0S");
    }

    @Test
    void zeroEndpointOperationTimeoutFails() {
        assertInvalid("lifecycle.endpoint.operation-timeout=0s", "endpoint.operationTimeout",
                "must be positive, was PT0S");
    }

    @Test
    void zeroHistorySizeFails() {
        assertInvalid("lifecycle.history.size=0", "history.size",
                "must be positive (how many transitions the serviceevents endpoint keeps), was 0");
    }

    @Test
    void zeroEndpointMaxReasonLengthFails() {
        assertInvalid("lifecycle.endpoint.max-reason-length=0", "endpoint.maxReasonLength",
                "must be positive (the longest reason the endpoint accepts), was 0");
    }

    @Test
    void invalidServiceSettingFailsWithItsPath() {
        assertInvalid("lifecycle.services.database.restart.backoff.jitter=-1",
                "services[database].restart.backoff.jitter", "must be between 0 and 1 (a fraction of the delay), "
                        + "was -1.0");
    }

    @Test
    void userLifecycleProcessorWins() {
        DefaultLifecycleProcessor own = new DefaultLifecycleProcessor();
        runner.withBean("lifecycleProcessor", DefaultLifecycleProcessor.class, () -> own)
                .run(context -> assertThat(context.getBean("lifecycleProcessor")).isSameAs(own));
    }

    @Test
    void worksWithoutActuatorAndMicrometer() {
        runner.withConfiguration(AutoConfigurations.of(ServicesEndpointAutoConfiguration.class,
                LifecycleHealthContributorAutoConfiguration.class, LifecycleMetricsAutoConfiguration.class,
                MetricsAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader(Endpoint.class, HealthContributor.class, MeterBinder.class))
                .withPropertyValues("management.endpoints.web.exposure.include=*")
                .withBean("config", Service.class, () -> ctx -> "value")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(ServiceRegistry.class)
                            .doesNotHaveBean(ServicesEndpoint.class).doesNotHaveBean(ServicesHealthContributor.class)
                            .doesNotHaveBean(ServiceMetrics.class);
                    assertThat(context.getBean(ServiceRegistry.class).snapshot("config").orElseThrow().state())
                            .isEqualTo(ServiceState.RUNNING);
                });
    }

    @Test
    void worksWithActuatorButWithoutMicrometer() {
        runner.withConfiguration(AutoConfigurations.of(ServicesEndpointAutoConfiguration.class,
                LifecycleHealthContributorAutoConfiguration.class, LifecycleMetricsAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader(MeterBinder.class))
                .withPropertyValues("management.endpoints.web.exposure.include=services")
                .withBean(SimpleMeterRegistry.class)
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(ServicesEndpoint.class)
                        .hasSingleBean(ServicesHealthContributor.class).doesNotHaveBean(ServiceMetrics.class));
    }

    /** A listener that blocks, once it receives a transition to STOPPED, until released. */
    static final class BlockedAtStop implements ServiceListener {

        final CountDownLatch received = new CountDownLatch(1);
        private final CountDownLatch release;

        BlockedAtStop(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public void onTransition(ServiceTransition transition) {
            if (transition.to() == ServiceState.STOPPED) {
                received.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void assertInvalid(String property, String field, String message) {
        assertInvalid(List.of(property), field, message);
    }

    private void assertInvalid(List<String> properties, String field, String message) {
        runner.withPropertyValues(properties.toArray(String[]::new)).run(context -> {
            assertThat(context).hasFailed();
            BindValidationException ex = bindValidationException(context);
            assertThat(ex.getValidationErrors().getAllErrors()).singleElement().satisfies(error -> {
                assertThat(error).isInstanceOf(FieldError.class);
                assertThat(((FieldError) error).getField()).isEqualTo(field);
                assertThat(error.getDefaultMessage()).isEqualTo(message);
            });
            assertThat(ex.getValidationErrors().getName().toString()).isEqualTo("lifecycle");
        });
    }

    private static BindValidationException bindValidationException(AssertableApplicationContext context) {
        for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
            if (t instanceof BindValidationException ex) {
                return ex;
            }
        }
        throw new AssertionError("No BindValidationException", context.getStartupFailure());
    }
}
