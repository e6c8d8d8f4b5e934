package dev.lifecycle.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.ServiceHealth;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceSnapshot;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.core.TransitionReason;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one meaning of a service's health, shared by the health tree, the endpoint and the console. */
class ServiceHealthStatusTests {

    @Test
    void criticalServiceThatIsNotWhereItShouldBeIsDownOrOutOfService() {
        assertThat(status(ServiceState.FAILED, TransitionReason.FAILURE, ServiceHealth.UNKNOWN, true))
                .isEqualTo(ServiceHealthStatus.DOWN);
        assertThat(status(ServiceState.RUNNING, TransitionReason.STARTUP, ServiceHealth.DOWN, true))
                .isEqualTo(ServiceHealthStatus.DOWN);
        assertThat(status(ServiceState.WAITING, TransitionReason.DEPENDENCY, ServiceHealth.UNKNOWN, true))
                .isEqualTo(ServiceHealthStatus.OUT_OF_SERVICE);
        assertThat(status(ServiceState.STARTING, TransitionReason.RESTART, ServiceHealth.UNKNOWN, true))
                .isEqualTo(ServiceHealthStatus.OUT_OF_SERVICE);
        assertThat(status(ServiceState.STOPPED, TransitionReason.SHUTDOWN, ServiceHealth.UNKNOWN, true))
                .isEqualTo(ServiceHealthStatus.OUT_OF_SERVICE);
    }

    @Test
    void nonCriticalServiceThatIsNotWhereItShouldBeIsDegraded() {
        assertThat(status(ServiceState.FAILED, TransitionReason.FAILURE, ServiceHealth.UNKNOWN, false))
                .isEqualTo(ServiceHealthStatus.DEGRADED);
        assertThat(status(ServiceState.RUNNING, TransitionReason.STARTUP, ServiceHealth.DOWN, false))
                .isEqualTo(ServiceHealthStatus.DEGRADED);
        assertThat(status(ServiceState.WAITING, TransitionReason.DEPENDENCY, ServiceHealth.UNKNOWN, false))
                .isEqualTo(ServiceHealthStatus.DEGRADED);
        assertThat(status(ServiceState.STOPPED, TransitionReason.SHUTDOWN, ServiceHealth.UNKNOWN, false))
                .isEqualTo(ServiceHealthStatus.DEGRADED);
    }

    @Test
    void serviceWhereItShouldBeIsUpCriticalOrNot() {
        for (boolean critical : new boolean[] { true, false }) {
            assertThat(status(ServiceState.RUNNING, TransitionReason.STARTUP, ServiceHealth.UP, critical))
                    .isEqualTo(ServiceHealthStatus.UP);
            assertThat(status(ServiceState.STOPPED, TransitionReason.OPERATOR, ServiceHealth.UNKNOWN, critical))
                    .isEqualTo(ServiceHealthStatus.UP);
            assertThat(status(ServiceState.STOPPED, TransitionReason.DEMAND, ServiceHealth.UNKNOWN, critical))
                    .isEqualTo(ServiceHealthStatus.UP);
            assertThat(status(ServiceState.REMOVED, TransitionReason.OPERATOR, ServiceHealth.UNKNOWN, critical))
                    .isEqualTo(ServiceHealthStatus.UNKNOWN);
        }
    }

    @Test
    void healthCheckIsTheRegistrysLastResultForAServiceWithOneAndNullForOneWithout() {
        assertThat(ServiceHealthStatus.healthCheck(snapshot(ServiceState.RUNNING, TransitionReason.STARTUP,
                ServiceHealth.DOWN), true)).isEqualTo(ServiceHealth.DOWN);
        assertThat(ServiceHealthStatus.healthCheck(snapshot(ServiceState.WAITING, TransitionReason.DEPENDENCY,
                ServiceHealth.UNKNOWN), true)).isEqualTo(ServiceHealth.UNKNOWN);
        assertThat(ServiceHealthStatus.healthCheck(snapshot(ServiceState.RUNNING, TransitionReason.STARTUP,
                ServiceHealth.UP), false)).isNull();
    }

    private static ServiceHealthStatus status(ServiceState state, TransitionReason reason, ServiceHealth health,
            boolean critical) {
        return ServiceHealthStatus.of(snapshot(state, reason, health), critical);
    }

    private static ServiceSnapshot snapshot(ServiceState state, TransitionReason reason, ServiceHealth health) {
        return new ServiceSnapshot(ServiceKey.of("database", String.class), state, reason, Instant.EPOCH, List.of(),
                List.of(), List.of(), List.of(), List.of(), null, 0, null, null, null, null, health);
    }
}
