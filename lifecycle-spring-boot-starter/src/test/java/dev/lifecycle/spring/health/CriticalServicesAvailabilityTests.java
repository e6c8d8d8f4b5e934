package dev.lifecycle.spring.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.Escalation;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.core.TransitionReason;
import dev.lifecycle.core.event.ServiceTransition;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;

/** How transitions of critical services turn into readiness and liveness changes. */
class CriticalServicesAvailabilityTests {

    private final List<AvailabilityState> published = new CopyOnWriteArrayList<>();

    private final ApplicationEventPublisher publisher = event -> {
        if (event instanceof AvailabilityChangeEvent<?> change) {
            published.add(change.getState());
        }
    };

    private final CriticalServicesAvailability availability = new CriticalServicesAvailability(publisher,
            id -> id.startsWith("critical"), true, true);

    @Test
    void beforeTheApplicationIsReadyNothingIsPublished() {
        transition("critical", ServiceState.STARTING, ServiceState.RUNNING, TransitionReason.STARTUP);
        transition("critical", ServiceState.RUNNING, ServiceState.STOPPING, TransitionReason.FAILURE);

        assertThat(published).isEmpty();
    }

    @Test
    void refusesTrafficWhileACriticalServiceIsNotRunning() {
        transition("critical", ServiceState.STARTING, ServiceState.RUNNING, TransitionReason.STARTUP);
        transition("critical2", ServiceState.STARTING, ServiceState.RUNNING, TransitionReason.STARTUP);
        ready();

        transition("critical", ServiceState.RUNNING, ServiceState.STOPPING, TransitionReason.FAILURE);
        transition("critical2", ServiceState.RUNNING, ServiceState.STOPPING, TransitionReason.DEPENDENCY);
        transition("critical", ServiceState.STOPPING, ServiceState.FAILED, TransitionReason.FAILURE);
        transition("critical", ServiceState.FAILED, ServiceState.STARTING, TransitionReason.RESTART);
        transition("critical", ServiceState.STARTING, ServiceState.RUNNING, TransitionReason.RESTART);
        assertThat(published).containsExactly(ReadinessState.REFUSING_TRAFFIC);
        transition("critical2", ServiceState.STARTING, ServiceState.RUNNING, TransitionReason.DEPENDENCY);

        assertThat(published).containsExactly(ReadinessState.REFUSING_TRAFFIC, ReadinessState.ACCEPTING_TRAFFIC);
    }

    @Test
    void nonCriticalServicesDoNotChangeReadiness() {
        ready();

        transition("other", ServiceState.RUNNING, ServiceState.STOPPING, TransitionReason.FAILURE);

        assertThat(published).isEmpty();
    }

    @Test
    void theRegistrysShutdownIsLeftToTheApplication() {
        transition("critical", ServiceState.STARTING, ServiceState.RUNNING, TransitionReason.STARTUP);
        ready();

        transition("critical", ServiceState.RUNNING, ServiceState.STOPPING, TransitionReason.SHUTDOWN);

        assertThat(published).isEmpty();
    }

    @Test
    void readyWhileACriticalServiceIsDownIsOverruled() {
        transition("critical", ServiceState.INSTALLED, ServiceState.STARTING, TransitionReason.STARTUP);

        ready();

        assertThat(published).containsExactly(ReadinessState.REFUSING_TRAFFIC);
    }

    /** Covers a bug where publishing liveness CORRECT on recovery kept readiness from returning to ACCEPTING. */
    @Test
    void giveUpBreaksLivenessAndRecoveryRestoresLivenessAndReadiness() {
        transition("critical", ServiceState.STARTING, ServiceState.RUNNING, TransitionReason.STARTUP);
        ready();
        transition("critical", ServiceState.RUNNING, ServiceState.STOPPING, TransitionReason.FAILURE);
        transition("critical", ServiceState.STOPPING, ServiceState.FAILED, TransitionReason.FAILURE);

        availability.onGiveUp(ServiceKey.of("critical", String.class), Escalation.NONE, new IllegalStateException());
        assertThat(published).containsExactly(ReadinessState.REFUSING_TRAFFIC, LivenessState.BROKEN);
        transition("critical", ServiceState.FAILED, ServiceState.STARTING, TransitionReason.OPERATOR);
        transition("critical", ServiceState.STARTING, ServiceState.RUNNING, TransitionReason.OPERATOR);

        assertThat(published).containsExactly(ReadinessState.REFUSING_TRAFFIC, LivenessState.BROKEN,
                LivenessState.CORRECT, ReadinessState.ACCEPTING_TRAFFIC);
    }

    @Test
    void aCriticalOnDemandServiceThatNoDependentNeedsDoesNotRefuseTraffic() {
        transition("critical", ServiceState.STARTING, ServiceState.RUNNING, TransitionReason.DEMAND);
        ready();

        transition("critical", ServiceState.RUNNING, ServiceState.STOPPING, TransitionReason.DEMAND);
        transition("critical", ServiceState.STOPPING, ServiceState.STOPPED, TransitionReason.DEMAND);
        assertThat(published).isEmpty();
        transition("critical", ServiceState.STOPPED, ServiceState.STARTING, TransitionReason.DEMAND);

        assertThat(published).containsExactly(ReadinessState.REFUSING_TRAFFIC);
    }

    @Test
    void nonCriticalGiveUpLeavesLivenessAlone() {
        availability.onGiveUp(ServiceKey.of("other", String.class), Escalation.NONE, new IllegalStateException());

        assertThat(published).isEmpty();
    }

    @Test
    void bothCanBeTurnedOff() {
        CriticalServicesAvailability off = new CriticalServicesAvailability(publisher, id -> true, false, false);
        off.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));

        off.onTransition(new ServiceTransition(ServiceKey.of("critical", String.class), ServiceState.RUNNING,
                ServiceState.STOPPING, TransitionReason.FAILURE, null, null, Instant.now()));
        off.onGiveUp(ServiceKey.of("critical", String.class), Escalation.NONE, new IllegalStateException());

        assertThat(published).isEmpty();
    }

    private void ready() {
        availability.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));
    }

    private void transition(String id, ServiceState from, ServiceState to, TransitionReason reason) {
        availability.onTransition(new ServiceTransition(ServiceKey.of(id, String.class), from, to, reason, null, null,
                Instant.now()));
    }
}
