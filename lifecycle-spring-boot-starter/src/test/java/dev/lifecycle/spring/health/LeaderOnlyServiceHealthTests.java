package dev.lifecycle.spring.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.core.ServiceDefinition;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.core.TransitionReason;
import dev.lifecycle.core.event.ServiceListener;
import dev.lifecycle.core.event.ServiceTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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

    private static final Duration BOUND = Duration.ofSeconds(20);

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
        CriticalServicesAvailability availability = criticalAvailability(published);
        availability.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));

        availability.onTransition(transition("scheduler", ServiceState.STOPPING, ServiceState.STOPPED,
                TransitionReason.LEADERSHIP));
        availability.onTransition(transition("reports", ServiceState.STOPPING, ServiceState.WAITING,
                TransitionReason.DEPENDENCY));

        assertThat(published).isEmpty();
    }

    @Test
    void aRevokeDoesNotMakeTheApplicationRefuseTrafficForACriticalDependentOfTheLeaderOnlyService() throws Exception {
        List<AvailabilityState> published = new CopyOnWriteArrayList<>();
        CriticalServicesAvailability availability = criticalAvailability(published);
        // The transitions as the availability has been given them, in the same order, on the same calls.
        List<String> seen = new CopyOnWriteArrayList<>();
        registry.addListener(ServiceListener.ofTransitions(transition -> {
            availability.onTransition(transition);
            seen.add(transition.key().id() + ":" + transition.to());
        }));
        availability.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));
        List<AvailabilityState> duringRevokes = new ArrayList<>();

        for (int i = 0; i < 10; i++) {
            registry.leadership().grant("jobs");
            // Starting, they are not RUNNING yet: the application refuses traffic until both are.
            await().atMost(BOUND).until(() -> seen.contains("reports:RUNNING"));
            assertThat(published.isEmpty() || published.get(published.size() - 1) == ReadinessState.ACCEPTING_TRAFFIC)
                    .as("accepting traffic once both run: %s", published).isTrue();
            published.clear();
            seen.clear();

            registry.leadership().revoke("jobs").get(BOUND.toSeconds(), TimeUnit.SECONDS);
            await().atMost(BOUND).until(() -> seen.containsAll(List.of("reports:WAITING", "scheduler:STOPPED")));
            duringRevokes.addAll(published);
            published.clear();
            seen.clear();
        }

        assertThat(duringRevokes).as("readiness changes published during the revokes").isEmpty();
    }

    private static ServiceTransition transition(String id, ServiceState from, ServiceState to,
            TransitionReason reason) {
        return new ServiceTransition(ServiceKey.of(id, String.class), from, to, reason, null, null, Instant.now(),
                Instant.now());
    }

    private Health health(String id) {
        return ((ServiceHealthIndicator) contributor.getContributor(id)).health();
    }

    /**
     * Readiness of services that are all critical, on standby as the registry says; its changes go to
     * {@code published}.
     */
    private CriticalServicesAvailability criticalAvailability(List<AvailabilityState> published) {
        return new CriticalServicesAvailability(event -> {
            if (event instanceof AvailabilityChangeEvent<?> change) {
                published.add(change.getState());
            }
        }, id -> true, true, false, id -> null,
                id -> registry.snapshot(id).map(s -> s.standby()).orElse(false));
    }
}
