package dev.lifecycle.spring.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.ServiceDefinition;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.core.TransitionReason;
import dev.lifecycle.core.event.ServiceTransition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * A critical leader-only service on standby, and its critical dependent, are where they should be: UP in health, with
 * the group and the leadership in the details, and not a reason to refuse traffic.
 */
class LeaderOnlyServiceHealthTests {

    private final ServiceRegistry registry = ServiceRegistry.builder().build();

    private final ServicesHealthContributor contributor = new ServicesHealthContributor(registry, id -> true,
            id -> false);

    @BeforeEach
    void start() {
        registry.install(ServiceDefinition.builder(ServiceKey.of("scheduler", String.class), ctx -> "scheduler")
                .leader("jobs").build());
        registry.install(ServiceDefinition.builder(ServiceKey.of("reports", String.class), ctx -> "reports")
                .dependsOn("scheduler").build());
        registry.startAll().join();
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void aLeaderOnlyServiceOnStandbyIsUpWithItsGroupAndLeadershipInTheDetails() {
        registry.leadership().revoke("jobs").join();

        Health health = health("scheduler");

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("state", "STOPPED").containsEntry("reason", "LEADERSHIP")
                .containsEntry("leader", "jobs").containsEntry("leadership", "STANDBY");
    }

    @Test
    void theDependentOfAServiceOnStandbyIsUpAndALeaderIsUpWithLeadershipLeader() {
        assertThat(health("reports").getStatus()).isEqualTo(Status.UP);

        registry.leadership().grant("jobs").join();

        assertThat(health("scheduler").getDetails()).containsEntry("leadership", "LEADER");
        assertThat(health("reports").getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void criticalServicesGoingOnStandbyDoNotMakeTheApplicationRefuseTraffic() {
        List<AvailabilityState> published = new CopyOnWriteArrayList<>();
        CriticalServicesAvailability availability = new CriticalServicesAvailability(event -> {
            if (event instanceof AvailabilityChangeEvent<?> change) {
                published.add(change.getState());
            }
        }, id -> true, true, false, id -> null,
                id -> registry.snapshot(id).map(s -> s.standby()).orElse(false));
        availability.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));

        availability.onTransition(transition("scheduler", ServiceState.STOPPING, ServiceState.STOPPED,
                TransitionReason.LEADERSHIP));
        availability.onTransition(transition("reports", ServiceState.STOPPING, ServiceState.WAITING,
                TransitionReason.DEPENDENCY));

        assertThat(published).isEmpty();
    }

    private static ServiceTransition transition(String id, ServiceState from, ServiceState to,
            TransitionReason reason) {
        return new ServiceTransition(ServiceKey.of(id, String.class), from, to, reason, null, null, Instant.now(),
                Instant.now());
    }

    private Health health(String id) {
        return ((ServiceHealthIndicator) contributor.getContributor(id)).health();
    }
}
