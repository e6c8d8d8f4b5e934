package dev.lifecycle.spring.metrics;

import static dev.lifecycle.test.assertj.LifecycleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.ServiceDefinition;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.test.TestLifecycle;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The meters of {@link ServiceMetrics}, fed by a real registry on the test kit's manual time. */
class ServiceMetricsTests {

    private final TestLifecycle lifecycle = new TestLifecycle();
    private final ServiceRegistry registry = lifecycle.registry();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void start() {
        ServiceMetrics metrics = new ServiceMetrics(registry);
        metrics.bindTo(meters);
        registry.addListener(metrics);
        registry.install("config", String.class, ctx -> "config");
        registry.install("database", String.class, ctx -> "db");
        registry.startAll();
    }

    @AfterEach
    void close() {
        lifecycle.close();
    }

    @Test
    void gaugeCountsServicesPerState() {
        assertThat(meters.get("lifecycle.services").tag("state", "RUNNING").gauge().value()).isEqualTo(2.0);
        assertThat(meters.get("lifecycle.services").tag("state", "FAILED").gauge().value()).isEqualTo(0.0);
        assertThat(meters.find("lifecycle.services").gauges()).hasSize(ServiceState.values().length - 1);
    }

    @Test
    void startsAreTimedPerServiceAndOutcome() {
        assertThat(meters.get("lifecycle.service.start").tag("service", "database").tag("outcome", "success")
                .timer().count()).isEqualTo(1);
    }

    @Test
    void failuresAndRestartsAreCountedPerService() {
        registry.fail("database", new IllegalStateException("boom"));
        lifecycle.advance(Duration.ofMillis(100));
        assertThat(registry).service("database").isRunning();
        registry.restart("database");

        assertThat(meters.get("lifecycle.service.failures").tag("service", "database").counter().count())
                .isEqualTo(1.0);
        assertThat(meters.get("lifecycle.service.restarts").tag("service", "database").functionCounter().count())
                .isEqualTo(2.0);
        assertThat(meters.get("lifecycle.service.stop").tag("service", "database").timer().count())
                .isEqualTo(2);
        assertThat(meters.get("lifecycle.service.failures").tag("service", "config").counter().count()).isZero();
    }

    @Test
    void leadershipIsAGaugePerGroupAndItsChangesAreCountedPerGroupAndNewState() {
        registry.install(ServiceDefinition.builder(ServiceKey.of("scheduler", String.class), ctx -> "scheduler")
                .leader("jobs").build());
        assertThat(meters.get("lifecycle.leadership").tag("group", "jobs").gauge().value()).isEqualTo(0.0);

        registry.leadership().grant("jobs");
        assertThat(meters.get("lifecycle.leadership").tag("group", "jobs").gauge().value()).isEqualTo(1.0);
        registry.leadership().revoke("jobs");
        registry.leadership().grant("jobs");

        assertThat(meters.get("lifecycle.leadership.changes").tag("group", "jobs").tag("to", "LEADER").counter()
                .count()).isEqualTo(2.0);
        assertThat(meters.get("lifecycle.leadership.changes").tag("group", "jobs").tag("to", "STANDBY").counter()
                .count()).isEqualTo(1.0);
    }
}
