package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Operator actions: restart, stop and start by hand. Each cascades to the dependents and returns a future that
 * completes once the registry has settled, so the states are asserted right after it completes. The graph is
 * {@code config <- db <- api}, plus {@code other} that depends on nothing.
 */
class OperatorActionTests extends ManualRegistryTestBase {

    @Override
    ServiceRegistryBuilder builder() {
        return super.builder().restartPolicy(RestartPolicy.defaults().withIntensity(1, Duration.ofSeconds(60)));
    }

    @Test
    void restartStopsDependentsFirstThenStartsInOrderWithoutBackoffAndIsNoFailure() throws Exception {
        startChain();
        IOException earlier = new IOException("earlier failure");
        done(registry.fail("config", earlier));
        time.advance(Duration.ofMillis(100));
        assertThat(registry.await(ServiceKey.of("api", String.class))).succeedsWithin(WAIT);
        done(registry.settled());
        int before = log.calls().size();

        done(registry.restart("config"));

        assertThat(log.calls().subList(before, log.calls().size())).containsExactly("stop api", "join api",
                "stop db", "join db", "stop config", "join config", "start config", "start db", "start api");
        ServiceSnapshot config = snapshot("config");
        assertThat(config.state()).isEqualTo(ServiceState.RUNNING);
        assertThat(config.reason()).isEqualTo(TransitionReason.OPERATOR);
        assertThat(config.restarts()).isEqualTo(2);
        assertThat(config.lastFailure().cause()).isSameAs(earlier);
        assertThat(config.nextRestartAt()).isNull();
        assertThat(time.pendingTimers()).isEmpty();
        assertThat(snapshot("db").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(snapshot("api").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(snapshot("db").restarts()).isZero();
        assertThat(registry.get(ServiceKey.of("api", String.class))).isEqualTo("api#3");
        assertThat(log.starts("other")).isEqualTo(1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(listener.of("config")).endsWith("RUNNING->STOPPING",
                "STOPPING->WAITING", "WAITING->STARTING", "STARTING->RUNNING"));
        assertThat(listener.transitions().stream().filter(t -> t.key().id().equals("config")
                && t.from() == ServiceState.RUNNING).reduce((a, b) -> b).orElseThrow().reason())
                .isEqualTo(TransitionReason.OPERATOR);
    }

    @Test
    void restartsByHandDoNotCountTowardsTheIntensityLimit() throws Exception {
        startChain();

        for (int i = 1; i <= 5; i++) {
            done(registry.restart("config"));
            assertThat(snapshot("config").state()).isEqualTo(ServiceState.RUNNING);
            assertThat(snapshot("config").restarts()).isEqualTo(i);
        }
        assertThat(snapshot("config").lastFailure()).isNull();
        assertThat(log.starts("api")).isEqualTo(6);
    }

    @Test
    void restartOfADependentLeavesItsRequirementsRunning() throws Exception {
        startChain();

        done(registry.restart("db"));

        assertThat(log.calls().subList(4, log.calls().size())).containsExactly("stop api", "join api", "stop db",
                "join db", "start db", "start api");
        assertThat(log.starts("config")).isEqualTo(1);
        assertThat(snapshot("db").restarts()).isEqualTo(1);
    }

    @Test
    void stopTakesTheServiceAndItsDependentsDownUntilStartedAgain() throws Exception {
        startChain();

        done(registry.stop("config"));

        assertThat(log.calls().subList(4, log.calls().size())).containsExactly("stop api", "join api", "stop db",
                "join db", "stop config", "join config");
        assertThat(snapshot("config").state()).isEqualTo(ServiceState.STOPPED);
        assertThat(snapshot("config").reason()).isEqualTo(TransitionReason.OPERATOR);
        assertThat(snapshot("config").lastFailure()).isNull();
        for (String dependent : List.of("db", "api")) {
            assertThat(snapshot(dependent).state()).isEqualTo(ServiceState.WAITING);
            assertThat(snapshot(dependent).reason()).isEqualTo(TransitionReason.DEPENDENCY);
            assertThat(snapshot(dependent).rootCause()).isEqualTo("blocked by config, which was stopped");
        }
        assertThat(snapshot("other").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(time.pendingTimers()).isEmpty();
        time.advance(Duration.ofHours(1));
        done(registry.settled());
        assertThat(snapshot("config").state()).isEqualTo(ServiceState.STOPPED);
        assertThat(snapshot("api").state()).isEqualTo(ServiceState.WAITING);

        done(registry.start("config"));

        assertThat(log.calls().subList(10, log.calls().size())).containsExactly("start config", "start db",
                "start api");
        assertThat(snapshot("config").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(snapshot("config").reason()).isEqualTo(TransitionReason.OPERATOR);
        assertThat(snapshot("config").restarts()).isZero();
        assertThat(snapshot("api").state()).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void stopOfADependentLeavesItsRequirementRunning() throws Exception {
        startChain();

        done(registry.stop("db"));

        assertThat(snapshot("config").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(snapshot("db").state()).isEqualTo(ServiceState.STOPPED);
        assertThat(snapshot("api").state()).isEqualTo(ServiceState.WAITING);
        assertThat(snapshot("api").rootCause()).isEqualTo("blocked by db, which was stopped");

        done(registry.restart("config"));
        assertThat(snapshot("db").state()).isEqualTo(ServiceState.STOPPED);
        assertThat(snapshot("api").state()).isEqualTo(ServiceState.WAITING);

        done(registry.start("db"));
        assertThat(snapshot("api").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(log.starts("db")).isEqualTo(2);
    }

    @Test
    void stopCancelsAScheduledRestart() throws Exception {
        startChain();
        done(registry.fail("config", new IOException("lost")));
        assertThat(time.pendingTimers()).hasSize(1);

        done(registry.stop("config"));

        assertThat(snapshot("config").state()).isEqualTo(ServiceState.STOPPED);
        assertThat(snapshot("config").nextRestartAt()).isNull();
        assertThat(time.pendingTimers()).isEmpty();
        time.advance(Duration.ofMinutes(1));
        assertThat(snapshot("config").state()).isEqualTo(ServiceState.STOPPED);
        assertThat(log.starts("config")).isEqualTo(1);
    }

    @Test
    void stopWhileStartingOfAStartThatIgnoresTheInterruptStopsTheValueOnceItArrives() throws Exception {
        registry.install("slow", String.class, blockingStart(() -> "slow", false));
        registry.startAll();
        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        CompletableFuture<@Nullable Void> stop = registry.stop("slow");
        assertThat(stop).isNotDone();
        release.countDown();
        done(stop);

        assertThat(snapshot("slow").state()).isEqualTo(ServiceState.STOPPED);
        assertThat(log.calls()).containsExactly("start slow", "stop slow", "join slow");
    }

    @Test
    void stopWhileStartingInterruptsTheStartAndEndsStoppedWithoutAFailure() throws Exception {
        registry.install("slow", String.class, blockingStart(() -> "slow", true));
        registry.startAll();
        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        done(registry.stop("slow"));

        assertThat(snapshot("slow").state()).isEqualTo(ServiceState.STOPPED);
        assertThat(snapshot("slow").reason()).isEqualTo(TransitionReason.OPERATOR);
        assertThat(snapshot("slow").lastFailure()).isNull();
        assertThat(snapshot("slow").nextRestartAt()).isNull();
        assertThat(log.calls()).containsExactly("start slow");
        assertThat(time.pendingTimers()).isEmpty();
    }

    @Test
    void startBringsBackAServiceThatGaveUpAndItsDependents() throws Exception {
        installConfigThatGivesUpAtItsFirstStart();
        install("db", log.service("db"), "config");
        CompletableFuture<@Nullable Void> startAll = registry.startAll();
        assertThat(startAll).failsWithin(WAIT);
        assertThat(snapshot("config").state()).isEqualTo(ServiceState.FAILED);
        assertThat(snapshot("config").nextRestartAt()).isNull();

        done(registry.start("config"));

        assertThat(registry.get(ServiceKey.of("config", String.class))).isEqualTo("config#2");
        assertThat(snapshot("config").restarts()).isZero();
        assertThat(snapshot("config").lastFailure().summary()).isEqualTo("java.io.IOException: unreachable");
        assertThat(snapshot("db").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(registry.await(ServiceKey.of("config", String.class))).succeedsWithin(WAIT);
    }

    @Test
    void restartOfAServiceThatGaveUpStartsItAndCountsARestart() throws Exception {
        installConfigThatGivesUpAtItsFirstStart();
        registry.startAll();
        done(registry.settled());

        done(registry.restart("config"));

        assertThat(snapshot("config").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(snapshot("config").restarts()).isEqualTo(1);
    }

    @Test
    void restartsRequestedWhileOneIsUnderWayAreMergedIntoIt() throws Exception {
        registry.install("x", String.class, blockingStop("x"));
        done(registry.startAll());

        CompletableFuture<@Nullable Void> first = registry.restart("x");
        await().atMost(WAIT).until(() -> log.calls().contains("stop x"));
        CompletableFuture<@Nullable Void> second = registry.restart("x");
        release.countDown();
        done(first);
        done(second);

        assertThat(log.calls()).containsExactly("start x", "stop x", "start x");
        assertThat(snapshot("x").restarts()).isEqualTo(1);
        assertThat(snapshot("x").state()).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void theLastOfStopAndRestartWhileStoppingDecidesTheOutcome() throws Exception {
        registry.install("x", String.class, blockingStop("x"));
        registry.install("y", String.class, blockingStop("y"));
        done(registry.startAll());

        CompletableFuture<@Nullable Void> stopX = registry.stop("x");
        CompletableFuture<@Nullable Void> restartY = registry.restart("y");
        await().atMost(WAIT).until(() -> log.calls().containsAll(List.of("stop x", "stop y")));
        CompletableFuture<@Nullable Void> restartX = registry.restart("x");
        CompletableFuture<@Nullable Void> stopY = registry.stop("y");
        release.countDown();
        for (CompletableFuture<@Nullable Void> f : List.of(stopX, restartY, restartX, stopY)) {
            done(f);
        }

        assertThat(snapshot("x").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(snapshot("y").state()).isEqualTo(ServiceState.STOPPED);
        assertThat(log.callsOf("x")).containsExactly("start x", "stop x", "start x");
        assertThat(log.callsOf("y")).containsExactly("start y", "stop y");
    }

    @Test
    void restartOfAStoppedServiceStartsIt() throws Exception {
        startChain();
        done(registry.stop("config"));

        done(registry.restart("config"));

        assertThat(snapshot("config").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(snapshot("config").restarts()).isEqualTo(1);
        assertThat(snapshot("api").state()).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void startingEachServiceThatIsDownAsDocumentedBringsBackWhatWasStoppedOrStaysFailed() throws Exception {
        installConfigThatGivesUpAtItsFirstStart();
        install("db", log.service("db"), "config");
        registry.install("other", String.class, log.service("other"));
        registry.install(ServiceDefinition.builder(ServiceKey.of("legacy", String.class), log.service("legacy"))
                .mode(StartMode.NEVER).build());
        assertThat(registry.startAll()).failsWithin(WAIT);
        done(registry.stop("other"));
        assertThat(registry.snapshot()).extracting(ServiceSnapshot::state).containsExactly(ServiceState.FAILED,
                ServiceState.WAITING, ServiceState.STOPPED, ServiceState.STOPPED);

        for (ServiceSnapshot s : registry.snapshot()) {
            if (s.mode() != StartMode.NEVER
                    && (s.state() == ServiceState.STOPPED || s.state() == ServiceState.FAILED)) {
                done(registry.start(s.id()));
            }
        }

        assertThat(registry.snapshot()).extracting(ServiceSnapshot::state).containsExactly(ServiceState.RUNNING,
                ServiceState.RUNNING, ServiceState.RUNNING, ServiceState.STOPPED);
        assertThat(snapshot("legacy").reason()).isEqualTo(TransitionReason.DISABLED);
    }

    /** {@code config}, whose first start fails and which is never restarted; it publishes {@code config#<attempt>}. */
    private void installConfigThatGivesUpAtItsFirstStart() {
        registry.install(ServiceDefinition.builder(ServiceKey.of("config", String.class),
                failingFirst(1, attempt -> new IOException("unreachable"), attempt -> "config#" + attempt))
                .restartPolicy(RestartPolicy.never()).build());
    }

    /** Installs {@code config <- db <- api} and {@code other}, and starts them. */
    private void startChain() throws Exception {
        registry.install("config", String.class, log.service("config"));
        registry.install(ServiceDefinition.builder(ServiceKey.of("db", String.class), log.service("db"))
                .requires(ServiceKey.of("config", String.class)).build());
        registry.install(ServiceDefinition.builder(ServiceKey.of("api", String.class), log.service("api"))
                .requires(ServiceKey.of("db", String.class)).build());
        registry.install("other", String.class, log.service("other"));
        done(registry.startAll());
    }
}
