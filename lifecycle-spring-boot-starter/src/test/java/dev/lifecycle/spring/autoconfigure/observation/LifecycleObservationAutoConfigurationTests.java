package dev.lifecycle.spring.autoconfigure.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.core.Service;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration;
import dev.lifecycle.spring.autoconfigure.metrics.LifecycleMetricsAutoConfiguration;
import dev.lifecycle.spring.metrics.LifecycleTimerObservationHandler;
import dev.lifecycle.spring.metrics.ServiceMetrics;
import dev.lifecycle.spring.observation.DefaultServiceStartObservationConvention;
import dev.lifecycle.spring.observation.ServiceObservations;
import dev.lifecycle.spring.observation.ServiceStartObservationConvention;
import dev.lifecycle.spring.observation.ServiceStartTracingObservationHandler;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Conditions of {@link LifecycleObservationAutoConfiguration}, and the timers it hands over to the observations
 * through Spring Boot's own observation and metrics auto-configurations.
 */
class LifecycleObservationAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ServiceRegistryAutoConfiguration.class,
                    ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
                    LifecycleMetricsAutoConfiguration.class, LifecycleObservationAutoConfiguration.class))
            .withBean(SimpleMeterRegistry.class).withBean("config", Service.class, () -> ctx -> "value");

    @Test
    void startsAreObservationsWhoseTimersAreTheDocumentedOnesRecordedOnce() {
        runner.run(context -> {
            MeterRegistry meters = context.getBean(MeterRegistry.class);

            assertThat(context).hasSingleBean(ServiceObservations.class)
                    .hasSingleBean(LifecycleTimerObservationHandler.class);
            Meter start = meters.get("lifecycle.service.start").tags("service", "config", "outcome", "success").timer();
            assertThat(start.getId().getTags()).extracting(Tag::getKey).containsExactly("outcome", "service");
            assertThat(meters.find("lifecycle.service.start").timers()).singleElement()
                    .satisfies(timer -> assertThat(timer.count()).isEqualTo(1));
            assertThat(meters.find("lifecycle.service.start.active").meters()).isEmpty();
            assertThat(meters.get("lifecycle.startup").tag("outcome", "success").timer().count()).isEqualTo(1);
        });
    }

    @Test
    void timersAreMeasuredFromTheRegistryEventsWhenObservationsAreTurnedOff() {
        runner.withPropertyValues("lifecycle.observations.enabled=false").run(context -> {
            MeterRegistry meters = context.getBean(MeterRegistry.class);

            assertThat(context).doesNotHaveBean(ServiceObservations.class)
                    .doesNotHaveBean(LifecycleTimerObservationHandler.class);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(meters.get("lifecycle.service.start")
                    .tags("service", "config", "outcome", "success").timer().count()).isEqualTo(1));
            assertThat(meters.find("lifecycle.startup").timer()).isNull();
        });
    }

    @Test
    void backsOffWithoutAnObservationRegistry() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ServiceRegistryAutoConfiguration.class,
                        LifecycleObservationAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ServiceObservations.class)
                        .doesNotHaveBean("lifecycleServiceObservationsCustomizer"));
    }

    @Test
    void backsOffWithoutMicrometerObservation() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ServiceRegistryAutoConfiguration.class,
                        LifecycleObservationAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader(ObservationRegistry.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ServiceObservations.class));
    }

    @Test
    void startsAreObservedWithoutMicrometerTracing() {
        runner.withClassLoader(new FilteredClassLoader(Tracer.class)).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ServiceObservations.class)
                    .doesNotHaveBean(ServiceStartTracingObservationHandler.class);
            assertThat(context.getBean(MeterRegistry.class).get("lifecycle.service.start").timer().count())
                    .isEqualTo(1);
        });
    }

    @Test
    void startsAreObservedWithoutTheServiceMetrics() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ServiceRegistryAutoConfiguration.class,
                        ObservationAutoConfiguration.class, LifecycleObservationAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(ServiceObservations.class)
                        .doesNotHaveBean(ServiceMetrics.class).doesNotHaveBean(LifecycleTimerObservationHandler.class));
    }

    @Test
    void conventionBeanReplacesTheDefault() {
        runner.withBean(ServiceStartObservationConvention.class, () -> new DefaultServiceStartObservationConvention() {
            @Override
            public String getName() {
                return "billing.service.start";
            }
        }).run(context -> {
            MeterRegistry meters = context.getBean(MeterRegistry.class);

            assertThat(meters.get("billing.service.start").tag("service", "config").timer().count()).isEqualTo(1);
            assertThat(meters.find("lifecycle.service.start").timer()).isNull();
        });
    }

    @Test
    void userObservationsWin() {
        runner.withBean(ServiceObservations.class, () -> new ServiceObservations(ObservationRegistry.NOOP,
                () -> {
                    throw new IllegalStateException("not used");
                })).run(context -> assertThat(context).hasSingleBean(ServiceObservations.class)
                        .doesNotHaveBean("lifecycleServiceObservations"));
    }
}
