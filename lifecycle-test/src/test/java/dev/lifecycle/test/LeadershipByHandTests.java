package dev.lifecycle.test;

import static dev.lifecycle.test.assertj.LifecycleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifecycle.core.ServiceDefinition;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A test drives leadership by hand through the registry's own {@code leadership()}, and the assertions say whether a
 * service is on standby: what a user of the kit does to test a leader-only service and what depends on it.
 */
class LeadershipByHandTests {

    private final TestLifecycle lifecycle = new TestLifecycle();
    private final ServiceRegistry registry = lifecycle.registry();

    @AfterEach
    void close() {
        lifecycle.close();
    }

    private void installPollerAndItsDependent() {
        registry.install(ServiceDefinition.builder(ServiceKey.of("poller", String.class), ctx -> "poller")
                .leader("queue").build());
        registry.install(ServiceDefinition.builder(ServiceKey.of("handler", String.class), ctx -> "handler")
                .dependsOn("poller").build());
    }

    @Test
    void aLeaderOnlyServiceAndItsDependentAreOnStandbyUntilLeadershipIsGrantedByHand() {
        installPollerAndItsDependent();
        registry.startAll();

        assertThat(registry).service("poller").isStopped().isOnStandby().isLeaderOnlyFor("queue");
        assertThat(registry).service("handler").isWaitingFor("poller").isOnStandby()
                .hasRootCause("blocked by poller, which is on standby for group 'queue' (leadership not known yet)");

        registry.leadership().grant("queue");

        assertThat(registry).allServicesRunning().startedBefore("poller", "handler");

        registry.leadership().revoke("queue");

        assertThat(registry).stoppedBefore("handler", "poller").service("poller").isOnStandby().hasRestarted(0);
    }

    @Test
    void aServiceThatRunsIsNotOnStandbyAndTheFailureSaysWhatItIs() {
        installPollerAndItsDependent();
        registry.startAll();
        registry.leadership().grant("queue");

        assertThatThrownBy(() -> assertThat(registry).service("poller").isOnStandby())
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expecting service 'poller' to be on standby (down until this instance leads its group), "
                        + "but it is poller: RUNNING (LEADERSHIP), leader-only for group 'queue' (LEADER), restarts 0");
        assertThatThrownBy(() -> assertThat(registry).service("handler").isLeaderOnlyFor("queue"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expecting service 'handler' to be leader-only for group 'queue', but it is not "
                        + "leader-only");
    }
}
