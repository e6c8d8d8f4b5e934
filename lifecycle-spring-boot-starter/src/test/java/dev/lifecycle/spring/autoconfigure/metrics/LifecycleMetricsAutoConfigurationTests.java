package dev.lifecycle.spring.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.core.Service;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration;
import dev.lifecycle.spring.metrics.ServiceMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Conditions of {@link LifecycleMetricsAutoConfiguration}. */
class LifecycleMetricsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(ServiceRegistryAutoConfiguration.class, MetricsAutoConfiguration.class,
                    LifecycleMetricsAutoConfiguration.class));

    @Test
    void metricsAreBoundToTheMeterRegistryAndFedByTheServices() {
        runner.withBean(SimpleMeterRegistry.class).withBean("config", Service.class, () -> ctx -> "value")
                .run(context -> {
                    MeterRegistry meters = context.getBean(MeterRegistry.class);

                    assertThat(context).hasSingleBean(ServiceMetrics.class);
                    // Meters are fed by the registry's events, delivered by its own threads.
                    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                        assertThat(meters.get("lifecycle.services").tag("state", "RUNNING").gauge().value())
                                .isEqualTo(1.0);
                        assertThat(meters.get("lifecycle.service.failures").tag("service", "config").counter()
                                .count()).isZero();
                    });
                });
    }

    @Test
    void metricsBackOffWithoutAMeterRegistry() {
        runner.run(context -> assertThat(context).doesNotHaveBean(ServiceMetrics.class));
    }

    @Test
    void metricsBackOffWithoutMicrometer() {
        runner.withClassLoader(new FilteredClassLoader(MeterBinder.class)).withBean(SimpleMeterRegistry.class)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ServiceMetrics.class));
    }

    @Test
    void userMetricsWin() {
        runner.withBean(SimpleMeterRegistry.class)
                .withBean(ServiceMetrics.class, () -> new ServiceMetrics(dev.lifecycle.core.ServiceRegistry.builder()
                        .build()))
                .run(context -> assertThat(context).hasSingleBean(ServiceMetrics.class)
                        .doesNotHaveBean("lifecycleServiceMetrics"));
    }
}
