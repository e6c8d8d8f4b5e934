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
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEventPublisher;

/** How transitions of critical services turn into readiness changes, and give-ups into liveness changes. */
@ExtendWith(OutputCaptureExtension.class)
class CriticalServicesAvailabilityTests {

    private final List<AvailabilityState> published = new CopyOnWriteArrayList<>();

    private final ApplicationEventPublisher publisher = event -> {
        if (event instanceof AvailabilityChangeEvent<?> change) {
            published.add(change.getState());
        }
    };

    /** As configured by default: critical services drive readiness and leave liveness alone. */
    private final CriticalServicesAvailability availability = availability(false, id -> null);

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

    @Test
    void criticalServiceThatGivesUpLeavesLivenessAloneByDefaultAndSaysSo(CapturedOutput output) {
        transition("critical", ServiceState.STARTING, ServiceState.RUNNING, TransitionReason.STARTUP);
        ready();
        transition("critical", ServiceState.RUNNING, ServiceState.STOPPING, TransitionReason.FAILURE);
        transition("critical", ServiceState.STOPPING, ServiceState.FAILED, TransitionReason.FAILURE);

        availability.onGiveUp(ServiceKey.of("critical", String.class), Escalation.NONE, new IllegalStateException());

        assertThat(published).containsExactly(ReadinessState.REFUSING_TRAFFIC);
        assertThat(output).contains("Critical service 'critical' stays FAILED, with no restart: liveness left alone, "
                + "as by default (a service breaks liveness only where lifecycle.availability.liveness or "
                + "lifecycle.services.critical.liveness is true); start it again by hand (with "
                + "lifecycle.restart.escalation=shutdown, a service that gives up ends the process instead)");
    }

    /** Covers a bug where publishing liveness CORRECT on recovery kept readiness from returning to ACCEPTING. */
    @Test
    void giveUpBreaksLivenessAndRecoveryRestoresLivenessAndReadiness() {
        CriticalServicesAvailability optedIn = availability(true, id -> null);
        optedIn.onTransition(event("critical", ServiceState.STARTING, ServiceState.RUNNING,
                TransitionReason.STARTUP));
        optedIn.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));
        optedIn.onTransition(event("critical", ServiceState.RUNNING, ServiceState.STOPPING,
                TransitionReason.FAILURE));
        optedIn.onTransition(event("critical", ServiceState.STOPPING, ServiceState.FAILED,
                TransitionReason.FAILURE));

        optedIn.onGiveUp(ServiceKey.of("critical", String.class), Escalation.NONE, new IllegalStateException());
        assertThat(published).containsExactly(ReadinessState.REFUSING_TRAFFIC, LivenessState.BROKEN);
        optedIn.onTransition(event("critical", ServiceState.FAILED, ServiceState.STARTING,
                TransitionReason.OPERATOR));
        optedIn.onTransition(event("critical", ServiceState.STARTING, ServiceState.RUNNING,
                TransitionReason.OPERATOR));

        assertThat(published).containsExactly(ReadinessState.REFUSING_TRAFFIC, LivenessState.BROKEN,
                LivenessState.CORRECT, ReadinessState.ACCEPTING_TRAFFIC);
    }

    @Test
    void criticalServiceOptedInGloballyThatGivesUpSaysWhyLivenessIsBrokenAndHowItRecovers(CapturedOutput output) {
        CriticalServicesAvailability optedIn = availability(true, id -> null);

        optedIn.onGiveUp(ServiceKey.of("critical", String.class), Escalation.NONE, new IllegalStateException());
        optedIn.onTransition(event("critical", ServiceState.FAILED, ServiceState.STARTING,
                TransitionReason.OPERATOR));
        optedIn.onTransition(event("critical", ServiceState.STARTING, ServiceState.RUNNING,
                TransitionReason.OPERATOR));

        assertThat(published).containsExactly(LivenessState.BROKEN, LivenessState.CORRECT);
        assertThat(output).contains("Service 'critical' stays FAILED, with no restart: liveness BROKEN, as "
                + "lifecycle.availability.liveness=true (for critical services) says; CORRECT again once it is "
                + "RUNNING (start it by hand) or removed")
                .contains("Service 'critical' is RUNNING again: liveness CORRECT (every service that broke it is "
                        + "RUNNING or removed)");
    }

    @Test
    void nonCriticalServiceOptedInByItsOwnSettingBreaksLivenessUntilItRunsAgain(CapturedOutput output) {
        CriticalServicesAvailability optedIn = availability(false, id -> id.equals("other") ? true : null);

        optedIn.onGiveUp(ServiceKey.of("other", String.class), Escalation.NONE, new IllegalStateException());
        assertThat(published).containsExactly(LivenessState.BROKEN);
        optedIn.onTransition(event("other", ServiceState.FAILED, ServiceState.STARTING,
                TransitionReason.OPERATOR));
        optedIn.onTransition(event("other", ServiceState.STARTING, ServiceState.RUNNING,
                TransitionReason.OPERATOR));

        assertThat(published).containsExactly(LivenessState.BROKEN, LivenessState.CORRECT);
        assertThat(output).contains("Service 'other' stays FAILED, with no restart: liveness BROKEN, as "
                + "lifecycle.services.other.liveness=true says");
    }

    @Test
    void criticalServiceOptedOutByItsOwnSettingLeavesLivenessAloneDespiteTheGlobalOptIn(CapturedOutput output) {
        CriticalServicesAvailability optedIn = availability(true, id -> id.equals("critical") ? false : null);

        optedIn.onGiveUp(ServiceKey.of("critical", String.class), Escalation.NONE, new IllegalStateException());

        assertThat(published).isEmpty();
        assertThat(output).contains("Critical service 'critical' stays FAILED, with no restart: liveness left alone, "
                + "as lifecycle.services.critical.liveness=false says");
    }

    @Test
    void livenessStaysBrokenUntilEveryServiceThatBrokeItRunsOrIsRemoved() {
        CriticalServicesAvailability optedIn = availability(true, id -> null);
        optedIn.onGiveUp(ServiceKey.of("critical", String.class), Escalation.NONE, new IllegalStateException());
        optedIn.onGiveUp(ServiceKey.of("critical2", String.class), Escalation.NONE, new IllegalStateException());

        optedIn.onTransition(event("critical", ServiceState.STARTING, ServiceState.RUNNING,
                TransitionReason.OPERATOR));
        assertThat(published).containsExactly(LivenessState.BROKEN, LivenessState.BROKEN);
        optedIn.onTransition(event("critical2", ServiceState.FAILED, ServiceState.REMOVED,
                TransitionReason.OPERATOR));

        assertThat(published).containsExactly(LivenessState.BROKEN, LivenessState.BROKEN, LivenessState.CORRECT);
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
    void nonCriticalGiveUpLeavesLivenessAloneEvenWithTheGlobalOptIn() {
        availability(true, id -> null).onGiveUp(ServiceKey.of("other", String.class), Escalation.NONE,
                new IllegalStateException());

        assertThat(published).isEmpty();
    }

    @Test
    void bothCanBeTurnedOff() {
        CriticalServicesAvailability off = new CriticalServicesAvailability(publisher, id -> true, false, false,
                id -> null);
        off.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));

        off.onTransition(new ServiceTransition(ServiceKey.of("critical", String.class), ServiceState.RUNNING,
                ServiceState.STOPPING, TransitionReason.FAILURE, null, null, Instant.now()));
        off.onGiveUp(ServiceKey.of("critical", String.class), Escalation.NONE, new IllegalStateException());

        assertThat(published).isEmpty();
    }

    /** An availability bridge for the services named "critical...", with readiness on. */
    private CriticalServicesAvailability availability(boolean liveness,
            Function<String, @Nullable Boolean> serviceLiveness) {
        return new CriticalServicesAvailability(publisher, id -> id.startsWith("critical"), true, liveness,
                serviceLiveness);
    }

    private void ready() {
        availability.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));
    }

    private void transition(String id, ServiceState from, ServiceState to, TransitionReason reason) {
        availability.onTransition(event(id, from, to, reason));
    }

    private static ServiceTransition event(String id, ServiceState from, ServiceState to, TransitionReason reason) {
        return new ServiceTransition(ServiceKey.of(id, String.class), from, to, reason, null, null, Instant.now());
    }
}
