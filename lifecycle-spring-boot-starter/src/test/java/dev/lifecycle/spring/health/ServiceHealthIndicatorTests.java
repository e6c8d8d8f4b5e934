package dev.lifecycle.spring.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.RestartPolicy;
import dev.lifecycle.core.ServiceDefinition;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.StartMode;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.Status;

/**
 * What each state of a service means for its health: {@code database} and {@code repository} are critical,
 * {@code config} is not; {@code database} has a health check.
 */
class ServiceHealthIndicatorTests {

    private final ServiceRegistry registry = ServiceRegistry.builder().restartPolicy(RestartPolicy.never()).build();

    private final AtomicBoolean healthy = new AtomicBoolean(true);

    private final ServicesHealthContributor contributor = new ServicesHealthContributor(registry,
            id -> id.equals("database") || id.equals("repository"), id -> id.equals("database"));

    @BeforeEach
    void start() {
        registry.install("config", String.class, ctx -> "config");
        registry.install(ServiceDefinition.builder(ServiceKey.of("database", String.class), ctx -> "db")
                .requires(ServiceKey.of("config", String.class)).healthCheck(healthy::get).build());
        registry.install(ServiceDefinition.builder(ServiceKey.of("repository", String.class), ctx -> "repo")
                .dependsOn("database").build());
        registry.startAll().join();
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void runningIsUpWithItsDetails() {
        Health health = health("database");

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).isEqualTo(Map.of("state", "RUNNING", "reason", "STARTUP", "critical", true,
                "restarts", 0, "healthCheck", "UP"));
    }

    @Test
    void criticalServiceRunningWithAFailingHealthCheckIsDown() {
        healthy.set(false);
        registry.checkHealth().join();

        Health health = health("database");

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("state", "RUNNING").containsEntry("healthCheck", "DOWN");
    }

    @Test
    void healthCheckDetailIsUnknownWhileTheServiceIsNotRunningAndAbsentWithoutAHealthCheck() {
        registry.fail("config", new IllegalStateException("bad settings")).join();

        assertThat(health("database").getDetails()).containsEntry("state", "WAITING")
                .containsEntry("healthCheck", "UNKNOWN");
        assertThat(health("config").getDetails()).doesNotContainKey("healthCheck");
        assertThat(health("repository").getDetails()).doesNotContainKey("healthCheck");
    }

    @Test
    void nonCriticalServiceThatFailedIsDegradedWithTheFailure() {
        registry.fail("config", new IllegalStateException("bad settings")).join();

        Health health = health("config");

        assertThat(health.getStatus()).isEqualTo(ServiceHealthIndicator.DEGRADED);
        assertThat(health.getStatus().getCode()).isEqualTo("DEGRADED");
        assertThat(health.getDetails()).containsEntry("state", "FAILED").containsEntry("critical", false);
        assertThat(health.getDetails().get("lastFailure")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("message", "bad settings");
    }

    @Test
    void nonCriticalServiceWaitingOnAFailedRequirementIsDegradedWithTheRootCause() {
        registry.install(ServiceDefinition.builder(ServiceKey.of("cache", String.class), ctx -> "cache")
                .dependsOn("database").build());
        registry.settled().join();
        registry.fail("database", new IllegalStateException("connection reset")).join();

        Health health = health("cache");

        assertThat(health.getStatus()).isEqualTo(ServiceHealthIndicator.DEGRADED);
        assertThat(health.getDetails()).containsEntry("state", "WAITING").containsEntry("rootCause",
                "blocked by database, which failed with java.lang.IllegalStateException: connection reset");
    }

    @Test
    void failedIsDownWithTheFailure() {
        registry.fail("database", new IllegalStateException("connection reset")).join();

        Health health = health("database");

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("state", "FAILED").containsEntry("reason", "FAILURE");
        assertThat(health.getDetails().get("lastFailure")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("type", "java.lang.IllegalStateException")
                .containsEntry("message", "connection reset").containsKey("at");
    }

    @Test
    void waitingOnAFailedRequirementIsOutOfServiceWithTheRootCause() {
        registry.fail("config", new IllegalStateException("bad settings")).join();

        Health health = health("repository");

        assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(health.getDetails()).containsEntry("state", "WAITING").containsEntry("reason", "DEPENDENCY")
                .containsEntry("rootCause", "blocked by config, which failed with java.lang.IllegalStateException: "
                        + "bad settings");
    }

    @Test
    void stoppedByAnOperatorIsNotDown() {
        registry.stop("repository").join();

        Health health = health("repository");

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("state", "STOPPED").containsEntry("reason", "OPERATOR");
    }

    @Test
    void anOnDemandServiceThatNoDependentNeedsIsUpWithItsModeAndWhy() {
        registry.install(ServiceDefinition.builder(ServiceKey.of("cache", String.class), ctx -> "cache")
                .mode(StartMode.ON_DEMAND).build());
        registry.settled().join();

        Health health = health("cache");

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("state", "STOPPED").containsEntry("reason", "DEMAND")
                .containsEntry("mode", "ON_DEMAND")
                .containsEntry("rootCause", "not needed: no running or starting dependent requires it");
    }

    @Test
    void aDisabledServiceIsUpAndItsNonCriticalDependentIsDegraded() {
        registry.install(ServiceDefinition.builder(ServiceKey.of("mailer", String.class), ctx -> "mailer")
                .mode(StartMode.NEVER).build());
        registry.install(ServiceDefinition.builder(ServiceKey.of("newsletter", String.class), ctx -> "news")
                .dependsOn("mailer").build());
        registry.settled().join();

        assertThat(health("mailer").getStatus()).isEqualTo(Status.UP);
        assertThat(health("mailer").getDetails()).containsEntry("mode", "NEVER");
        assertThat(health("newsletter").getStatus()).isEqualTo(ServiceHealthIndicator.DEGRADED);
        assertThat(health("newsletter").getDetails()).containsEntry("rootCause",
                "blocked by mailer, which is disabled");
    }

    @Test
    void stoppedByAShutdownIsOutOfService() {
        registry.stopAll().join();

        assertThat(health("repository").getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    }

    @Test
    void contributorHasOneChildPerServiceAndNoneForUnknownNames() {
        assertThat(contributor.stream().map(HealthContributors.Entry::name)).containsExactly("config", "database",
                "repository");
        assertThat(contributor.getContributor("nosuch")).isNull();
    }

    @Test
    void removedServiceIsUnknown() {
        ServiceHealthIndicator indicator = (ServiceHealthIndicator) contributor.getContributor("repository");
        registry.remove("repository").join();

        assertThat(indicator.health().getStatus()).isEqualTo(Status.UNKNOWN);
    }

    private Health health(String id) {
        return ((ServiceHealthIndicator) contributor.getContributor(id)).health();
    }
}
