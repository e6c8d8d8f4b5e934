package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.core.event.ServiceTransition;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The failure cascade: a failed service's dependents stop first, it stops and becomes FAILED, it restarts after its
 * back-off, and its dependents start again with fresh values. Time is driven by hand (restart delays are exact:
 * 100 ms for a first restart, no jitter); user code runs on the registry's default executor.
 */
class CascadeTests extends ManualRegistryTestBase {

    private final Instant t0 = time.instant();

    @Test
    void failedConfiguratorStopsDbclientFirstAndBothRestartWithTheNewConfiguration() throws Exception {
        AtomicReference<String> source = new AtomicReference<>("url=v1");
        ServiceHandle<String> configurator = registry.install("configurator", String.class,
                log.service("configurator", source::get));
        ServiceKey<String> dbclient = ServiceKey.of("dbclient", String.class);
        registry.install(ServiceDefinition.builder(dbclient,
                log.service("dbclient", () -> "db(" + configurator.get() + ")")).requires(configurator.key()).build());
        done(registry.startAll());
        assertThat(registry.get(dbclient)).isEqualTo("db(url=v1)");

        source.set("url=v2");
        IllegalStateException changed = new IllegalStateException("remote configuration changed");
        done(registry.fail("configurator", changed));

        assertThat(log.calls()).containsExactly("start configurator", "start dbclient", "stop dbclient",
                "join dbclient", "stop configurator", "join configurator");
        ServiceSnapshot failed = snapshot("configurator");
        assertThat(failed.state()).isEqualTo(ServiceState.FAILED);
        assertThat(failed.reason()).isEqualTo(TransitionReason.FAILURE);
        assertThat(failed.lastFailure().cause()).isSameAs(changed);
        assertThat(failed.lastFailure().summary())
                .isEqualTo("java.lang.IllegalStateException: remote configuration changed");
        assertThat(failed.nextRestartAt()).isEqualTo(t0.plusMillis(100));
        assertThat(time.pendingTimers()).containsExactly(t0.plusMillis(100));
        ServiceSnapshot waiting = snapshot("dbclient");
        assertThat(waiting.state()).isEqualTo(ServiceState.WAITING);
        assertThat(waiting.reason()).isEqualTo(TransitionReason.DEPENDENCY);
        assertThat(waiting.lastFailure()).isNull();
        assertThat(waiting.waitingOn()).containsExactly("configurator");
        assertThat(waiting.missing()).isEmpty();
        assertThat(waiting.rootCause()).isEqualTo(
                "blocked by configurator, which failed with java.lang.IllegalStateException: remote configuration changed");

        time.advance(Duration.ofMillis(100));
        assertThat(registry.await(dbclient)).succeedsWithin(WAIT).isEqualTo("db(url=v2)");
        done(registry.settled());
        assertThat(registry.get(configurator.key())).isEqualTo("url=v2");
        assertThat(log.calls()).containsExactly("start configurator", "start dbclient", "stop dbclient",
                "join dbclient", "stop configurator", "join configurator", "start configurator", "start dbclient");
        assertThat(snapshot("configurator").restarts()).isEqualTo(1);
        assertThat(snapshot("configurator").reason()).isEqualTo(TransitionReason.RESTART);
        assertThat(snapshot("dbclient").restarts()).isZero();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(listener.of("configurator")).containsExactly("INSTALLED->STARTING", "STARTING->RUNNING",
                    "RUNNING->STOPPING", "STOPPING->FAILED", "FAILED->STARTING", "STARTING->RUNNING");
            assertThat(listener.of("dbclient")).containsExactly("INSTALLED->WAITING", "WAITING->STARTING",
                    "STARTING->RUNNING", "RUNNING->STOPPING", "STOPPING->WAITING", "WAITING->STARTING",
                    "STARTING->RUNNING");
        });
        ServiceTransition dependentStop = transition("dbclient", ServiceState.STOPPING);
        assertThat(dependentStop.reason()).isEqualTo(TransitionReason.DEPENDENCY);
        assertThat(dependentStop.cause()).isSameAs(changed);
        ServiceTransition ownFailure = transition("configurator", ServiceState.FAILED);
        assertThat(ownFailure.reason()).isEqualTo(TransitionReason.FAILURE);
        assertThat(ownFailure.cause()).isSameAs(changed);
    }

    @Test
    void diamondRestartsTheSharedRequirementOnceAndEachDependentOnce() throws Exception {
        ServiceHandle<String> config = registry.install("config", String.class, log.service("config"));
        registry.install(ServiceDefinition.builder(ServiceKey.of("left", String.class), log.service("left"))
                .requires(config.key()).build());
        registry.install(ServiceDefinition.builder(ServiceKey.of("right", String.class), log.service("right"))
                .requires(config.key()).build());
        install("top", log.service("top"), "left", "right");
        done(registry.startAll());

        done(registry.fail("config", new IllegalStateException("changed")));

        List<String> stops = log.calls().subList(4, log.calls().size());
        assertThat(stops).containsExactlyInAnyOrder("stop top", "join top", "stop left", "join left", "stop right",
                "join right", "stop config", "join config");
        assertThat(stops.subList(0, 2)).containsExactly("stop top", "join top");
        assertThat(stops.subList(6, 8)).containsExactly("stop config", "join config");
        assertThat(snapshot("left").state()).isEqualTo(ServiceState.WAITING);
        assertThat(snapshot("right").state()).isEqualTo(ServiceState.WAITING);
        assertThat(snapshot("top").state()).isEqualTo(ServiceState.WAITING);
        assertThat(snapshot("top").rootCause())
                .isEqualTo("blocked by config, which failed with java.lang.IllegalStateException: changed");

        time.advance(Duration.ofMillis(100));
        assertThat(registry.await(ServiceKey.of("top", String.class))).succeedsWithin(WAIT).isEqualTo("top#2");
        done(registry.settled());
        List<String> starts = log.calls().subList(12, log.calls().size());
        assertThat(starts).hasSize(4);
        assertThat(starts.get(0)).isEqualTo("start config");
        assertThat(starts.subList(1, 3)).containsExactlyInAnyOrder("start left", "start right");
        assertThat(starts.get(3)).isEqualTo("start top");
        assertThat(List.of(log.starts("config"), log.starts("left"), log.starts("right"), log.starts("top")))
                .containsOnly(2);
        assertThat(time.pendingTimers()).isEmpty();
    }

    @Test
    void independentDependentsStopInParallelBeforeTheirRequirement() throws Exception {
        CountDownLatch bothStopping = new CountDownLatch(2);
        AtomicInteger overlapped = new AtomicInteger();
        registry.install("config", String.class, log.service("config"));
        for (String id : List.of("left", "right")) {
            install(id, withStop(id, context -> {
                bothStopping.countDown();
                if (bothStopping.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                    overlapped.incrementAndGet();
                }
                log.add("stop", id);
            }), "config");
        }
        done(registry.startAll());

        done(registry.fail("config", new IllegalStateException("changed")));

        assertThat(overlapped).as("stops that ran while the other was running").hasValue(2);
        assertThat(log.calls().subList(1, 3)).containsExactlyInAnyOrder("stop left", "stop right");
        assertThat(log.calls().subList(3, 5)).containsExactly("stop config", "join config");
    }

    @Test
    void failureDeepInAChainStopsOnlyWhatIsBelowIt() throws Exception {
        String[] chain = {"a", "b", "c", "d", "e"};
        install(chain[0], log.service(chain[0]));
        for (int i = 1; i < chain.length; i++) {
            install(chain[i], log.service(chain[i]), chain[i - 1]);
        }
        done(registry.startAll());

        done(registry.fail("c", new IOException("disk gone")));

        assertThat(log.calls().subList(5, log.calls().size())).containsExactly("stop e", "join e", "stop d",
                "join d", "stop c", "join c");
        assertThat(snapshot("a").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(snapshot("b").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(snapshot("c").state()).isEqualTo(ServiceState.FAILED);
        for (String below : List.of("d", "e")) {
            ServiceSnapshot s = snapshot(below);
            assertThat(s.state()).isEqualTo(ServiceState.WAITING);
            assertThat(s.reason()).isEqualTo(TransitionReason.DEPENDENCY);
            assertThat(s.rootCause()).isEqualTo("blocked by c, which failed with java.io.IOException: disk gone");
        }
        assertThat(snapshot("e").waitingOn()).containsExactly("d");

        time.advance(Duration.ofMillis(100));
        assertThat(registry.await(ServiceKey.of("e", String.class))).succeedsWithin(WAIT);
        done(registry.settled());
        assertThat(log.calls().subList(11, log.calls().size())).containsExactly("start c", "start d", "start e");
        assertThat(log.starts("a")).isEqualTo(1);
        assertThat(log.starts("b")).isEqualTo(1);
        assertThat(log.callsOf("a")).containsExactly("start a");
    }

    @Test
    void runningServiceReportsItsOwnFailureThroughItsContext() throws Exception {
        AtomicReference<ServiceContext> loop = new AtomicReference<>();
        registry.install("poller", String.class, new Service<>() {
            @Override
            public String start(ServiceContext context) {
                loop.set(context);
                log.add("start", "poller");
                return "poller";
            }

            @Override
            public void stop(ServiceContext context) {
                log.add("stop", "poller");
            }

            @Override
            public void join(ServiceContext context) {
                log.add("join", "poller");
            }
        });
        install("reporter", log.service("reporter"), "poller");
        done(registry.startAll());
        ServiceContext firstCycle = loop.get();

        IOException died = new IOException("poll loop died");
        firstCycle.fail(died);
        done(registry.settled());

        assertThat(log.calls()).containsExactly("start poller", "start reporter", "stop reporter", "join reporter",
                "stop poller", "join poller");
        assertThat(snapshot("poller").state()).isEqualTo(ServiceState.FAILED);
        assertThat(snapshot("poller").lastFailure().cause()).isSameAs(died);
        assertThat(snapshot("reporter").state()).isEqualTo(ServiceState.WAITING);

        time.advance(Duration.ofMillis(100));
        assertThat(registry.await(ServiceKey.of("reporter", String.class))).succeedsWithin(WAIT);
        done(registry.settled());
        assertThat(loop.get()).isNotSameAs(firstCycle);

        firstCycle.fail(new IOException("a late report from the old loop"));
        done(registry.settled());
        assertThat(snapshot("poller").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(snapshot("poller").lastFailure().cause()).isSameAs(died);
        assertThat(snapshot("poller").restarts()).isEqualTo(1);
        assertThat(time.pendingTimers()).isEmpty();
    }

    @Test
    void failWhileStartingInterruptsTheStartThenFailsAndRestarts() throws Exception {
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicInteger attempts = new AtomicInteger();
        registry.install("slow", String.class, new Service<>() {
            @Override
            public String start(ServiceContext context) throws InterruptedException {
                int attempt = attempts.incrementAndGet();
                log.add("start", "slow");
                if (attempt == 1) {
                    entered.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException ex) {
                        interrupted.set(true);
                        throw ex;
                    }
                }
                return "slow#" + attempt;
            }

            @Override
            public void stop(ServiceContext context) {
                log.add("stop", "slow");
            }
        });
        install("user", log.service("user"), "slow");
        CompletableFuture<@Nullable Void> startAll = registry.startAll();
        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(snapshot("slow").state()).isEqualTo(ServiceState.STARTING);

        IllegalStateException withdrawn = new IllegalStateException("configuration withdrawn");
        done(registry.fail("slow", withdrawn));

        assertThat(interrupted).isTrue();
        ServiceSnapshot slow = snapshot("slow");
        assertThat(slow.state()).isEqualTo(ServiceState.FAILED);
        assertThat(slow.lastFailure().cause()).isSameAs(withdrawn);
        assertThat(slow.nextRestartAt()).isEqualTo(t0.plusMillis(100));
        assertThat(snapshot("user").state()).isEqualTo(ServiceState.WAITING);
        assertThat(log.calls()).containsExactly("start slow");
        assertThat(startAll).isNotDone();

        time.advance(Duration.ofMillis(100));
        assertThat(startAll).succeedsWithin(WAIT);
        assertThat(registry.get(ServiceKey.of("slow", String.class))).isEqualTo("slow#2");
        assertThat(log.calls()).containsExactly("start slow", "start slow", "start user");
        await().atMost(WAIT).untilAsserted(() -> assertThat(listener.of("slow")).containsExactly(
                "INSTALLED->STARTING", "STARTING->FAILED", "FAILED->STARTING", "STARTING->RUNNING"));
    }

    @Test
    void failWhileAnAsynchronousStartIsPendingCancelsItsFuture() throws Exception {
        CompletableFuture<String> never = new CompletableFuture<>();
        AtomicInteger attempts = new AtomicInteger();
        registry.install("async", String.class, (AsyncService<String>) context -> attempts.incrementAndGet() == 1
                ? never : CompletableFuture.completedFuture("ready"));
        registry.startAll();
        assertThat(snapshot("async").state()).isEqualTo(ServiceState.STARTING);

        IllegalStateException cause = new IllegalStateException("not wanted any more");
        done(registry.fail("async", cause));

        assertThat(never).isCancelled();
        assertThat(snapshot("async").state()).isEqualTo(ServiceState.FAILED);
        assertThat(snapshot("async").lastFailure().cause()).isSameAs(cause);
        time.advance(Duration.ofMillis(100));
        assertThat(registry.await(ServiceKey.of("async", String.class))).succeedsWithin(WAIT).isEqualTo("ready");
    }

    @Test
    void failWhileStoppingIsMergedIntoTheStopAndEndsFailedWithOneRestart() throws Exception {
        installConfigAndDb(blockingStop("db"));
        done(registry.startAll());

        CompletableFuture<@Nullable Void> restart = registry.restart("config");
        await().atMost(WAIT).until(() -> log.calls().contains("stop db"));
        assertThat(snapshot("config").state()).isEqualTo(ServiceState.STOPPING);
        IllegalStateException broken = new IllegalStateException("broken while stopping");
        CompletableFuture<@Nullable Void> fail = registry.fail("config", broken);
        release.countDown();
        done(restart);
        done(fail);

        ServiceSnapshot config = snapshot("config");
        assertThat(config.state()).isEqualTo(ServiceState.FAILED);
        assertThat(config.lastFailure().cause()).isSameAs(broken);
        assertThat(config.restarts()).isZero();
        assertThat(time.pendingTimers()).containsExactly(t0.plusMillis(100));
        assertThat(snapshot("db").state()).isEqualTo(ServiceState.WAITING);

        time.advance(Duration.ofMillis(100));
        assertThat(registry.await(ServiceKey.of("db", String.class))).succeedsWithin(WAIT);
        done(registry.settled());
        assertThat(snapshot("config").restarts()).isEqualTo(1);
        assertThat(log.starts("config")).isEqualTo(2);
        assertThat(log.callsOf("config")).containsExactly("start config", "stop config", "join config",
                "start config");
    }

    @Test
    void dependentFailingWhileItIsStoppedForItsRequirementEndsFailedWithItsOwnCause() throws Exception {
        installConfigAndDb(blockingStop("db"));
        done(registry.startAll());

        CompletableFuture<@Nullable Void> configFailure = registry.fail("config", new IllegalStateException("first"));
        await().atMost(WAIT).until(() -> log.calls().contains("stop db"));
        IOException own = new IOException("db connection lost");
        registry.fail("db", own);
        release.countDown();
        done(configFailure);

        assertThat(snapshot("config").state()).isEqualTo(ServiceState.FAILED);
        assertThat(snapshot("db").state()).isEqualTo(ServiceState.FAILED);
        assertThat(snapshot("db").lastFailure().cause()).isSameAs(own);
        assertThat(time.pendingTimers()).containsExactly(t0.plusMillis(100), t0.plusMillis(100));

        time.advance(Duration.ofMillis(100));
        assertThat(registry.await(ServiceKey.of("db", String.class))).succeedsWithin(WAIT);
        done(registry.settled());
        assertThat(snapshot("db").restarts()).isEqualTo(1);
        assertThat(log.callsOf("db")).containsExactly("start db", "stop db", "start db");
    }

    @Test
    void twoFailsInARowGiveOneRestart() throws Exception {
        registry.install("x", String.class, blockingStop("x"));
        done(registry.startAll());

        IllegalStateException first = new IllegalStateException("first");
        CompletableFuture<@Nullable Void> one = registry.fail("x", first);
        await().atMost(WAIT).until(() -> log.calls().contains("stop x"));
        CompletableFuture<@Nullable Void> two = registry.fail("x", new IllegalStateException("second"));
        release.countDown();
        done(one);
        done(two);

        assertThat(snapshot("x").state()).isEqualTo(ServiceState.FAILED);
        assertThat(snapshot("x").lastFailure().cause()).isSameAs(first);
        assertThat(time.pendingTimers()).containsExactly(t0.plusMillis(100));
        time.advance(Duration.ofMillis(100));
        assertThat(registry.await(ServiceKey.of("x", String.class))).succeedsWithin(WAIT);
        done(registry.settled());
        assertThat(log.callsOf("x")).containsExactly("start x", "stop x", "start x");
        assertThat(snapshot("x").restarts()).isEqualTo(1);
        assertThat(time.pendingTimers()).isEmpty();
    }

    @Test
    void startThatThrowsFailsTheServiceAndItRestarts() throws Exception {
        registry.install("flaky", String.class,
                failingFirst(1, attempt -> new IOException("connection refused"), attempt -> "connected"));
        CompletableFuture<@Nullable Void> startAll = registry.startAll();
        done(registry.settled());

        assertThat(snapshot("flaky").state()).isEqualTo(ServiceState.FAILED);
        assertThat(snapshot("flaky").lastFailure().summary()).isEqualTo("java.io.IOException: connection refused");
        time.advance(Duration.ofMillis(100));
        assertThat(startAll).succeedsWithin(WAIT);
        assertThat(registry.get(ServiceKey.of("flaky", String.class))).isEqualTo("connected");
    }

    @Test
    void startWhoseFutureFailsFailsTheServiceAndItRestarts() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        registry.install("async", String.class, (AsyncService<String>) context -> attempts.incrementAndGet() == 1
                ? CompletableFuture.failedFuture(new IOException("handshake failed"))
                : CompletableFuture.supplyAsync(() -> "connected"));
        CompletableFuture<@Nullable Void> startAll = registry.startAll();
        done(registry.settled());

        assertThat(snapshot("async").state()).isEqualTo(ServiceState.FAILED);
        assertThat(snapshot("async").lastFailure().summary()).isEqualTo("java.io.IOException: handshake failed");
        time.advance(Duration.ofMillis(100));
        assertThat(startAll).succeedsWithin(WAIT);
        assertThat(registry.get(ServiceKey.of("async", String.class))).isEqualTo("connected");
    }

    @Test
    void startThatTimesOutIsInterruptedFailsAndRestarts() throws Exception {
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicInteger attempts = new AtomicInteger();
        registry.install(ServiceDefinition.builder(ServiceKey.of("slow", String.class), context -> {
            if (attempts.incrementAndGet() == 1) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException ex) {
                    interrupted.set(true);
                    throw ex;
                }
            }
            return "slow#" + attempts.get();
        }).startTimeout(Duration.ofSeconds(5)).build());
        CompletableFuture<@Nullable Void> startAll = registry.startAll();
        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        time.advance(Duration.ofSeconds(5));

        ServiceSnapshot slow = snapshot("slow");
        assertThat(slow.state()).isEqualTo(ServiceState.FAILED);
        assertThat(slow.lastFailure().cause()).isInstanceOf(TimeoutException.class);
        assertThat(slow.lastFailure().message()).isEqualTo("Service 'slow' did not start within 5 s; its start was "
                + "cancelled (raise its start timeout if it needs longer)");
        assertThat(slow.startDuration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(slow.nextRestartAt()).isEqualTo(t0.plusSeconds(5).plusMillis(100));
        await().atMost(WAIT).untilTrue(interrupted);
        time.advance(Duration.ofMillis(100));
        assertThat(startAll).succeedsWithin(WAIT);
        assertThat(registry.get(ServiceKey.of("slow", String.class))).isEqualTo("slow#2");
    }

    @Test
    void serviceMayFailAnotherFromItsOwnStart() throws Exception {
        installConfigAndDb(log.service("db"));
        done(registry.startAll());

        registry.install("invalidator", String.class, context -> {
            registry.fail("config", new IllegalStateException("invalidated"));
            return "invalidated";
        });

        assertThat(registry.await(ServiceKey.of("invalidator", String.class))).succeedsWithin(WAIT)
                .isEqualTo("invalidated");
        done(registry.settled());
        assertThat(snapshot("config").state()).isEqualTo(ServiceState.FAILED);
        assertThat(snapshot("config").lastFailure().message()).isEqualTo("invalidated");
        assertThat(log.calls()).containsExactly("start config", "start db", "stop db", "join db", "stop config",
                "join config");
    }

    @Test
    void serviceMayFailAnotherAndWaitForTheCascadeFromItsOwnStart() throws Exception {
        installConfigAndDb(log.service("db"));
        done(registry.startAll());

        registry.install("invalidator", String.class, context -> {
            registry.fail("config", new IllegalStateException("invalidated")).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return "invalidated";
        });

        assertThat(registry.await(ServiceKey.of("invalidator", String.class))).succeedsWithin(WAIT)
                .isEqualTo("invalidated");
        assertThat(snapshot("config").state()).isEqualTo(ServiceState.FAILED);
    }

    @Test
    void listenerMayFailAServiceAndWaitForTheCascade() throws Exception {
        installConfigAndDb(log.service("db"));
        AtomicReference<@Nullable Throwable> outcome = new AtomicReference<>();
        CountDownLatch reacted = new CountDownLatch(1);
        registry.addListener(new dev.lifecycle.core.event.ServiceListener() {
            @Override
            public void onTransition(ServiceTransition transition) {
                if (transition.key().id().equals("db") && transition.to() == ServiceState.RUNNING
                        && reacted.getCount() > 0) {
                    try {
                        registry.fail("config", new IllegalStateException("rejected by a listener"))
                                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
                    } catch (Exception ex) {
                        outcome.set(ex);
                    }
                    reacted.countDown();
                }
            }
        });
        registry.startAll();

        assertThat(reacted.await(2 * WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(outcome.get()).isNull();
        assertThat(snapshot("config").state()).isEqualTo(ServiceState.FAILED);
        assertThat(log.calls()).containsExactly("start config", "start db", "stop db", "join db", "stop config",
                "join config");
    }

    private ServiceTransition transition(String id, ServiceState to) {
        return listener.transitions().stream().filter(t -> t.key().id().equals(id) && t.to() == to).findFirst()
                .orElseThrow();
    }
}
