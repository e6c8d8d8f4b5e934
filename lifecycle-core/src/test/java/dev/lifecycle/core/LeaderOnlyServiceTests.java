package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.lifecycle.core.event.LeadershipChange;
import dev.lifecycle.core.event.ServiceListener;
import dev.lifecycle.core.event.ServiceTransition;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Leader-only services: they run only while this instance leads their group, as {@link Leadership} says; on standby
 * they are STOPPED by design (reason LEADERSHIP), their dependents wait, and start-all completes without them. Time is
 * driven by hand; user code runs on the registry's default executor.
 */
class LeaderOnlyServiceTests extends ManualRegistryTestBase {

    private final Instant t0 = time.instant();

    /** {@code config <- scheduler (leader-only, group "jobs") <- reports}: each records its phases. */
    private void installSchedulerGraph() {
        log.install(registry, "config");
        registry.install(log.definition("scheduler").dependsOn("config").leader("jobs").build());
        log.install(registry, "reports", "scheduler");
    }

    @Test
    void startAllCompletesWithTheLeaderOnlyServiceStoppedOnStandbyAndItsDependentWaiting() throws Exception {
        installSchedulerGraph();

        done(registry.startAll());

        ServiceSnapshot scheduler = snapshot("scheduler");
        assertThat(scheduler.state()).isEqualTo(ServiceState.STOPPED);
        assertThat(scheduler.reason()).isEqualTo(TransitionReason.LEADERSHIP);
        assertThat(scheduler.leaderGroup()).isEqualTo("jobs");
        assertThat(scheduler.leadership()).isEqualTo(LeadershipState.UNKNOWN);
        assertThat(scheduler.standby()).isTrue();
        assertThat(scheduler.rootCause()).isEqualTo("on standby for group 'jobs' (leadership not known yet): it runs "
                + "only while this instance leads the group");
        ServiceSnapshot reports = snapshot("reports");
        assertThat(reports.state()).isEqualTo(ServiceState.WAITING);
        assertThat(reports.standby()).isTrue();
        assertThat(reports.leaderGroup()).isNull();
        assertThat(reports.leadership()).isNull();
        assertThat(reports.rootCause())
                .isEqualTo("blocked by scheduler, which is on standby for group 'jobs' (leadership not known yet)");
        assertThat(snapshot("config").standby()).isFalse();
        assertThat(log.calls()).containsExactly("init config", "init scheduler", "init reports", "setup config",
                "start config");
        assertThat(registry.leadership().groups()).containsExactly(Map.entry("jobs", LeadershipState.UNKNOWN));
    }

    @Test
    void graphExportsMarkTheLeaderOnlyServiceWithItsGroup() throws Exception {
        installSchedulerGraph();
        done(registry.startAll());

        ServiceGraph graph = registry.graph();

        assertThat(graph.nodes()).extracting(ServiceGraph.Node::id, ServiceGraph.Node::leaderGroup)
                .containsExactly(tuple("config", null),
                        tuple("scheduler", "jobs"),
                        tuple("reports", null));
        assertThat(graph.toMermaid()).contains("  s1[\"scheduler<br/>STOPPED<br/>leader only: jobs\"]:::stopped\n",
                "  s2[\"reports<br/>WAITING\"]:::waiting\n",
                "  classDef leader stroke-dasharray: 6 3,stroke-width:2px\n", "  class s1 leader\n");
        assertThat(graph.toDot()).contains("  \"scheduler\" [label=\"scheduler\\nSTOPPED\\nleader only: jobs\", "
                + "fillcolor=\"#e0e0e0\", style=\"filled,dashed\", penwidth=2];\n",
                "  \"reports\" [label=\"reports\\nWAITING\", fillcolor=\"#fff3c4\"];\n");

        done(registry.leadership().grant("jobs"));

        assertThat(registry.graph().toMermaid()).contains("scheduler<br/>RUNNING<br/>leader only: jobs\"]:::running",
                "class s1 leader");
    }

    @Test
    void graphExportsOfAGraphWithoutLeaderOnlyServicesHaveNoLeaderClass() throws Exception {
        log.install(registry, "config");
        done(registry.startAll());

        assertThat(registry.graph().toMermaid()).doesNotContain("leader");
        assertThat(registry.graph().toDot()).doesNotContain("leader").doesNotContain("dashed");
    }

    @Test
    void grantStartsTheLeaderOnlyServiceThenItsDependentWithTheReasonLeadership() throws Exception {
        installSchedulerGraph();
        done(registry.startAll());
        int before = log.calls().size();

        done(registry.leadership().grant("jobs"));

        assertThat(log.calls().subList(before, log.calls().size())).containsExactly("setup scheduler",
                "start scheduler", "setup reports", "start reports");
        ServiceSnapshot scheduler = snapshot("scheduler");
        assertThat(scheduler.state()).isEqualTo(ServiceState.RUNNING);
        assertThat(scheduler.reason()).isEqualTo(TransitionReason.LEADERSHIP);
        assertThat(scheduler.leadership()).isEqualTo(LeadershipState.LEADER);
        assertThat(scheduler.standby()).isFalse();
        assertThat(scheduler.health()).isEqualTo(ServiceHealth.UP);
        assertThat(snapshot("reports").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(registry.leadership().state("jobs")).isEqualTo(LeadershipState.LEADER);
    }

    @Test
    void whileARevokeStopsThemTheServiceAndItsDependentAreAlreadyOnStandby() throws Exception {
        CountDownLatch stopping = new CountDownLatch(1);
        CountDownLatch stop = new CountDownLatch(1);
        log.install(registry, "config");
        registry.install(log.definition("scheduler").dependsOn("config").leader("jobs").build());
        registry.install(ServiceDefinition.builder(ServiceKey.of("reports", String.class), new Service<String>() {
            @Override
            public String start(ServiceContext context) {
                return "reports";
            }

            @Override
            public void stop(ServiceContext context) throws InterruptedException {
                stopping.countDown();
                stop.await();
            }
        }).dependsOn("scheduler").build());
        done(registry.startAll());
        done(registry.leadership().grant("jobs"));

        CompletableFuture<Void> revoke = registry.leadership().revoke("jobs");
        try {
            assertThat(stopping.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            // The dependent stops first, its requirement still running: both are down by design already.
            assertThat(snapshot("reports").state()).isEqualTo(ServiceState.STOPPING);
            assertThat(snapshot("reports").standby()).isTrue();
            assertThat(snapshot("scheduler").state()).isEqualTo(ServiceState.STOPPING);
            assertThat(snapshot("scheduler").standby()).isTrue();
            assertThat(snapshot("config").standby()).isFalse();
        }
        finally {
            stop.countDown();
        }
        done(revoke);
        assertThat(snapshot("reports").standby()).isTrue();
        assertThat(snapshot("scheduler").standby()).isTrue();
    }

    @Test
    void failureReportedWhileARevokeStopsTheServiceIsRecordedAndItLandsOnStandbyWithoutARestart() throws Exception {
        CountDownLatch stopping = new CountDownLatch(1);
        CountDownLatch stop = new CountDownLatch(1);
        registry.install(ServiceDefinition.builder(ServiceKey.of("scheduler", String.class), new Service<String>() {
            @Override
            public String start(ServiceContext context) {
                return "scheduler";
            }

            @Override
            public void stop(ServiceContext context) throws InterruptedException {
                stopping.countDown();
                stop.await();
            }
        }).leader("jobs").build());
        done(registry.startAll());
        done(registry.leadership().grant("jobs"));

        CompletableFuture<Void> revoke = registry.leadership().revoke("jobs");
        assertThat(stopping.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> fail = registry.fail("scheduler", new IllegalStateException("lost its queue"));
        stop.countDown();
        done(revoke);
        done(fail);

        ServiceSnapshot scheduler = snapshot("scheduler");
        assertThat(scheduler.state()).isEqualTo(ServiceState.STOPPED);
        assertThat(scheduler.reason()).isEqualTo(TransitionReason.LEADERSHIP);
        assertThat(scheduler.standby()).isTrue();
        assertThat(scheduler.nextRestartAt()).as("no restart while this instance does not lead").isNull();
        assertThat(scheduler.lastFailure()).isNotNull();
        assertThat(scheduler.lastFailure().message()).isEqualTo("lost its queue");
        assertThat(listener.transitions().stream().filter(t -> t.key().id().equals("scheduler"))
                .map(t -> t.from() + "->" + t.to()).toList())
                .endsWith("RUNNING->STOPPING", "STOPPING->FAILED", "FAILED->STOPPED");
    }

    @Test
    void revokeStopsTheDependentFirstThenTheServiceWithTheReasonLeadershipAndCountsNoRestart() throws Exception {
        installSchedulerGraph();
        done(registry.startAll());
        done(registry.leadership().grant("jobs"));
        int before = log.calls().size();

        done(registry.leadership().revoke("jobs"));

        assertThat(log.calls().subList(before, log.calls().size())).containsExactly("stop reports", "join reports",
                "stop scheduler", "join scheduler");
        ServiceSnapshot scheduler = snapshot("scheduler");
        assertThat(scheduler.state()).isEqualTo(ServiceState.STOPPED);
        assertThat(scheduler.reason()).isEqualTo(TransitionReason.LEADERSHIP);
        assertThat(scheduler.leadership()).isEqualTo(LeadershipState.STANDBY);
        assertThat(scheduler.standby()).isTrue();
        assertThat(scheduler.restarts()).isZero();
        assertThat(scheduler.lastFailure()).isNull();
        assertThat(scheduler.nextRestartAt()).isNull();
        assertThat(scheduler.health()).isEqualTo(ServiceHealth.UNKNOWN);
        assertThat(scheduler.rootCause())
                .isEqualTo("on standby for group 'jobs': it runs only while this instance leads the group");
        List<ServiceTransition> stops = listener.transitions().stream()
                .filter(t -> t.key().id().equals("scheduler") && t.from() == ServiceState.RUNNING).toList();
        assertThat(stops).singleElement().satisfies(t -> {
            assertThat(t.reason()).isEqualTo(TransitionReason.LEADERSHIP);
            assertThat(t.detail()).isEqualTo("on standby for group 'jobs'");
        });
        ServiceSnapshot reports = snapshot("reports");
        assertThat(reports.state()).isEqualTo(ServiceState.WAITING);
        assertThat(reports.restarts()).isZero();
        assertThat(reports.rootCause()).isEqualTo("blocked by scheduler, which is on standby for group 'jobs'");
        assertThat(snapshot("config").state()).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void grantingAgainAfterARevokeStartsTheServiceAndItsDependentAgain() throws Exception {
        installSchedulerGraph();
        done(registry.startAll());
        done(registry.leadership().grant("jobs"));
        done(registry.leadership().revoke("jobs"));

        done(registry.leadership().grant("jobs"));

        assertThat(log.starts("scheduler")).isEqualTo(2);
        assertThat(log.starts("reports")).isEqualTo(2);
        assertThat(snapshot("reports").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(snapshot("scheduler").restarts()).isZero();
        assertThat(listener.of("scheduler")).containsExactly("INSTALLED->STOPPED", "STOPPED->STARTING",
                "STARTING->RUNNING", "RUNNING->STOPPING", "STOPPING->STOPPED", "STOPPED->STARTING",
                "STARTING->RUNNING");
    }

    @Test
    void leadershipGrantedBeforeInstallAndStartStartsTheServiceWithEveryOther() throws Exception {
        done(registry.leadership().grant("jobs"));
        installSchedulerGraph();

        done(registry.startAll());

        assertThat(snapshot("scheduler").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(snapshot("reports").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(snapshot("scheduler").leadership()).isEqualTo(LeadershipState.LEADER);
    }

    @Test
    void twoGroupsAreLedIndependently() throws Exception {
        registry.install(log.definition("scheduler").leader("jobs").build());
        registry.install(log.definition("poller").leader("queue").build());
        done(registry.startAll());

        done(registry.leadership().grant("jobs"));
        done(registry.leadership().grant("queue"));
        done(registry.leadership().revoke("queue"));

        assertThat(snapshot("scheduler").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(snapshot("poller").state()).isEqualTo(ServiceState.STOPPED);
        assertThat(registry.leadership().groups()).containsExactly(Map.entry("jobs", LeadershipState.LEADER),
                Map.entry("queue", LeadershipState.STANDBY));
    }

    @Test
    void revokeDuringAStartCancelsItAndStopsTheValueItReturnsAnyway() throws Exception {
        registry.install(ServiceDefinition.builder(ServiceKey.of("scheduler", String.class),
                blockingStart(() -> "scheduler", false)).leader("jobs").build());
        done(registry.startAll());
        registry.leadership().grant("jobs");
        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        var revoked = registry.leadership().revoke("jobs");
        release.countDown();
        done(revoked);

        assertThat(log.calls()).containsExactly("start scheduler", "stop scheduler", "join scheduler");
        ServiceSnapshot scheduler = snapshot("scheduler");
        assertThat(scheduler.state()).isEqualTo(ServiceState.STOPPED);
        assertThat(scheduler.reason()).isEqualTo(TransitionReason.LEADERSHIP);
        assertThat(scheduler.lastFailure()).isNull();
        assertThat(scheduler.restarts()).isZero();
    }

    @Test
    void aFailureWhileLeadingRestartsAsUsualAndARevokeCancelsARestartStillScheduled() throws Exception {
        installSchedulerGraph();
        done(registry.startAll());
        done(registry.leadership().grant("jobs"));

        done(registry.fail("scheduler", new IOException("queue lost")));
        assertThat(snapshot("scheduler").state()).isEqualTo(ServiceState.FAILED);
        assertThat(snapshot("scheduler").nextRestartAt()).isEqualTo(t0.plusMillis(100));
        time.advance(java.time.Duration.ofMillis(100));
        done(registry.settled());

        assertThat(snapshot("scheduler").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(snapshot("scheduler").restarts()).isEqualTo(1);
        assertThat(snapshot("reports").state()).isEqualTo(ServiceState.RUNNING);

        done(registry.fail("scheduler", new IOException("queue lost again")));
        done(registry.leadership().revoke("jobs"));

        ServiceSnapshot scheduler = snapshot("scheduler");
        assertThat(scheduler.state()).isEqualTo(ServiceState.STOPPED);
        assertThat(scheduler.reason()).isEqualTo(TransitionReason.LEADERSHIP);
        assertThat(scheduler.nextRestartAt()).isNull();
        assertThat(scheduler.restarts()).isEqualTo(1);
        assertThat(time.pendingTimers()).isEmpty();
    }

    @Test
    void startingAServiceOnStandbyByHandIsRefusedNamingTheGroupAndAStopByHandOutlastsAGrant() throws Exception {
        installSchedulerGraph();
        done(registry.startAll());

        assertThatThrownBy(() -> registry.start("scheduler")).isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot start 'scheduler': it is leader-only for group 'jobs', and this instance does not "
                        + "lead it (UNKNOWN); it starts once leadership of 'jobs' is granted "
                        + "(registry.leadership().grant(\"jobs\"))");
        done(registry.stop("scheduler"));
        done(registry.leadership().grant("jobs"));

        assertThat(snapshot("scheduler").state()).isEqualTo(ServiceState.STOPPED);
        done(registry.start("scheduler"));
        assertThat(snapshot("scheduler").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(snapshot("reports").state()).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void listenersHearEachChangeOfLeadershipOnce() throws Exception {
        List<LeadershipChange> changes = new CopyOnWriteArrayList<>();
        registry.addListener(new ServiceListener() {
            @Override
            public void onLeadershipChanged(LeadershipChange change) {
                changes.add(change);
            }
        });

        done(registry.leadership().grant("jobs"));
        done(registry.leadership().grant("jobs"));
        done(registry.leadership().revoke("jobs"));

        assertThat(changes).containsExactly(
                new LeadershipChange("jobs", LeadershipState.UNKNOWN, LeadershipState.LEADER, t0),
                new LeadershipChange("jobs", LeadershipState.LEADER, LeadershipState.STANDBY, t0));
    }

    @Test
    void aBlankLeaderGroupIsRefusedWithHowToNameIt() {
        assertThatThrownBy(() -> log.definition("scheduler").leader(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ServiceDefinition.Builder.leader(group): the leader group must not be blank; name the "
                        + "group whose leader runs the service, e.g. \"scheduling\"");
        assertThatThrownBy(() -> registry.leadership().grant("jobs\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Leadership.grant(group): invalid leader group 'jobs\\n': it must not start or end with "
                        + "whitespace nor contain control characters");
    }
}
