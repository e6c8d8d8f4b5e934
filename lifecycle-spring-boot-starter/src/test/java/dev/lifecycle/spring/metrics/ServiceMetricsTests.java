package dev.lifecycle.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.core.RestartPolicy;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The meters of {@link ServiceMetrics}, fed by a real registry. */
class ServiceMetricsTests {

    private final ServiceRegistry registry = ServiceRegistry.builder()
            .restartPolicy(RestartPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(1), 1.0))
            .build();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void start() {
        ServiceMetrics metrics = new ServiceMetrics(registry);
        metrics.bindTo(meters);
        registry.addListener(metrics);
        registry.install("config", String.class, ctx -> "config");
        registry.install("database", String.class, ctx -> "db");
        registry.startAll().join();
        registry.settled().join();
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void gaugeCountsServicesPerState() {
        assertThat(meters.get("lifecycle.services").tag("state", "RUNNING").gauge().value()).isEqualTo(2.0);
        assertThat(meters.get("lifecycle.services").tag("state", "FAILED").gauge().value()).isEqualTo(0.0);
        assertThat(meters.find("lifecycle.services").gauges()).hasSize(ServiceState.values().length - 1);
    }

    @Test
    void startsAreTimedPerServiceAndOutcome() {
        await().atMost(Duration.ofSeconds(5)).until(() -> meters.find("lifecycle.service.start")
                .tag("service", "database").timer() != null);

        assertThat(meters.get("lifecycle.service.start").tag("service", "database").tag("outcome", "success")
                .timer().count()).isEqualTo(1);
    }

    @Test
    void failuresAndRestartsAreCountedPerService() {
        registry.fail("database", new IllegalStateException("boom")).join();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> registry.snapshot("database").orElseThrow().state() == ServiceState.RUNNING);
        registry.restart("database").join();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(meters.get("lifecycle.service.failures").tag("service", "database").counter().count())
                    .isEqualTo(1.0);
            assertThat(meters.get("lifecycle.service.restarts").tag("service", "database").functionCounter().count())
                    .isEqualTo(2.0);
            assertThat(meters.get("lifecycle.service.stop").tag("service", "database").timer().count())
                    .isEqualTo(2);
        });
        assertThat(meters.get("lifecycle.service.failures").tag("service", "config").counter().count()).isZero();
    }
}
