package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The graph changing at run time: services installed after the start (before or after what they require), and
 * services removed (their dependents stop and wait for the id to come back).
 */
class DynamicGraphTests extends ManualRegistryTestBase {

    private static final ServiceKey<String> CONFIG = ServiceKey.of("config", String.class);
    private static final ServiceKey<String> DB = ServiceKey.of("db", String.class);
    private static final ServiceKey<String> API = ServiceKey.of("api", String.class);
    private static final String REMOVED_CONFIG = "Service 'config' was removed; install it again to use it";

    @Test
    void serviceInstalledAtRunTimeStartsWithItsRequirementsValue() throws Exception {
        registry.install("config", String.class, log.service("config"));
        done(registry.startAll());

        ServiceHandle<String> db = registry.install(dependent(DB, CONFIG));

        assertThat(db.await()).succeedsWithin(WAIT).isEqualTo("db(config#1)");
        done(registry.settled());
        assertThat(log.calls()).containsExactly("start config", "start db");
        assertThat(snapshot("db").reason()).isEqualTo(TransitionReason.STARTUP);
        assertThat(snapshot("config").dependents()).containsExactly("db");
    }

    @Test
    void serviceInstalledWhileItsRequirementIsFailedWaitsForTheRestart() throws Exception {
        registry.install("config", String.class, log.service("config"));
        done(registry.startAll());
        done(registry.fail("config", new IOException("lost")));

        registry.install(dependent(DB, CONFIG));
        done(registry.settled());

        assertThat(snapshot("db").state()).isEqualTo(ServiceState.WAITING);
        assertThat(snapshot("db").rootCause())
                .isEqualTo("blocked by config, which failed with java.io.IOException: lost");
        time.advance(Duration.ofMillis(100));
        assertThat(registry.await(DB)).succeedsWithin(WAIT).isEqualTo("db(config#2)");
    }

    @Test
    void serviceInstalledBeforeItsRequirementWaitsAndSaysWhatIsMissing() throws Exception {
        registry.install("config", String.class, log.service("config"));
        done(registry.startAll());

        registry.install(dependent(API, DB));
        install("ui", log.service("ui"), "api");
        CompletableFuture<@Nullable String> api = registry.await(API);
        done(registry.settled());

        ServiceSnapshot waiting = snapshot("api");
        assertThat(waiting.state()).isEqualTo(ServiceState.WAITING);
        assertThat(waiting.requires()).containsExactly("db");
        assertThat(waiting.missing()).containsExactly("db");
        assertThat(waiting.waitingOn()).containsExactly("db");
        assertThat(waiting.rootCause()).isEqualTo("blocked by db, which is not installed");
        ServiceSnapshot below = snapshot("ui");
        assertThat(below.missing()).isEmpty();
        assertThat(below.waitingOn()).containsExactly("api");
        assertThat(below.rootCause()).isEqualTo("blocked by db, which is not installed");
        assertThat(api).isNotDone();

        registry.install(dependent(DB, CONFIG));

        assertThat(api).succeedsWithin(WAIT).isEqualTo("api(db(config#1))");
        assertThat(registry.await(ServiceKey.of("ui", String.class))).succeedsWithin(WAIT);
        assertThat(snapshot("api").missing()).isEmpty();
        assertThat(snapshot("db").dependents()).containsExactly("api");
        assertThat(log.calls()).containsExactly("start config", "start db", "start api", "start ui");
    }

    @Test
    void removeStopsTheDependentsFirstAndLeavesThemWaitingOnTheMissingService() throws Exception {
        startChain();
        ServiceHandle<String> config = registry.handle(CONFIG);

        CompletableFuture<@Nullable Void> removal = registry.remove("config");
        done(removal);

        assertThat(log.calls().subList(3, log.calls().size())).containsExactly("stop api", "join api", "stop db",
                "join db", "stop config", "join config");
        assertThat(registry.snapshot("config")).isEmpty();
        assertThat(registry.snapshot()).extracting(ServiceSnapshot::id).containsExactly("db", "api");
        assertThat(config.state()).isEqualTo(ServiceState.REMOVED);
        ServiceSnapshot db = snapshot("db");
        assertThat(db.state()).isEqualTo(ServiceState.WAITING);
        assertThat(db.reason()).isEqualTo(TransitionReason.DEPENDENCY);
        assertThat(db.missing()).containsExactly("config");
        assertThat(db.rootCause()).isEqualTo("blocked by config, which is not installed");
        ServiceSnapshot api = snapshot("api");
        assertThat(api.state()).isEqualTo(ServiceState.WAITING);
        assertThat(api.missing()).isEmpty();
        assertThat(api.rootCause()).isEqualTo("blocked by config, which is not installed");
        assertThatThrownBy(config::get).isInstanceOf(UnknownServiceException.class).hasMessage(REMOVED_CONFIG);
        await().atMost(WAIT).untilAsserted(() -> assertThat(listener.of("config")).endsWith("RUNNING->STOPPING",
                "STOPPING->REMOVED"));
    }

    @Test
    void removeOfALeafLeavesItsRequirementsRunning() throws Exception {
        startChain();

        done(registry.remove("api"));

        assertThat(log.calls().subList(3, log.calls().size())).containsExactly("stop api", "join api");
        assertThat(snapshot("db").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(snapshot("db").dependents()).isEmpty();
    }

    @Test
    void reinstallAfterRemoveRestartsTheDependentsWithTheNewValue() throws Exception {
        startChain();
        done(registry.remove("config"));

        registry.install("config", String.class, log.service("config", () -> "config-v2"));

        assertThat(registry.await(API)).succeedsWithin(WAIT).isEqualTo("api(db(config-v2))");
        done(registry.settled());
        assertThat(snapshot("db").missing()).isEmpty();
        assertThat(snapshot("config").dependents()).containsExactly("db");
        assertThat(log.calls().subList(9, log.calls().size())).containsExactly("start config", "start db",
                "start api");
    }

    @Test
    void aServiceInstalledInTheRemovedRequirementsPlaceIsNotTakenForIt() throws Exception {
        startChain();
        done(registry.remove("config"));

        registry.install("cache", String.class, log.service("cache"));
        done(registry.settled());

        assertThat(snapshot("cache").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(snapshot("cache").dependents()).isEmpty();
        assertThat(snapshot("db").state()).isEqualTo(ServiceState.WAITING);
        assertThat(snapshot("db").requires()).containsExactly("config");
        assertThat(snapshot("db").missing()).containsExactly("config");
        assertThat(registry.graph().edges()).extracting(ServiceGraph.Edge::requirement, ServiceGraph.Edge::dependent)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("config", "db"),
                        org.assertj.core.groups.Tuple.tuple("db", "api"));
        done(registry.remove("cache"));
        registry.install("config", String.class, log.service("config", () -> "config-v2"));
        assertThat(registry.await(API)).succeedsWithin(WAIT).isEqualTo("api(db(config-v2))");
        assertThat(snapshot("config").dependents()).containsExactly("db");
    }

    @Test
    void removeWhileStartingInterruptsTheStartAndCompletesWithoutWaitingForIt() throws Exception {
        registry.install("slow", String.class, blockingStart(() -> "slow", true));
        registry.startAll();
        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        done(registry.remove("slow"));

        assertThat(registry.snapshot("slow")).isEmpty();
        assertThat(log.calls()).containsExactly("start slow");
        await().atMost(WAIT).untilAsserted(() -> assertThat(listener.of("slow")).containsExactly("INSTALLED->STARTING",
                "STARTING->STOPPING", "STOPPING->REMOVED"));
        assertThat(listener.transitions()).filteredOn(t -> t.to() == ServiceState.STOPPING)
                .extracting(dev.lifecycle.core.event.ServiceTransition::detail).containsExactly("start cancelled");
        assertThat(time.pendingTimers()).isEmpty();
    }

    @Test
    void removeWhileStartingOfAStartThatIgnoresTheInterruptStopsTheValueItReturnsLate() throws Exception {
        registry.install("slow", String.class, blockingStart(() -> "slow", false));
        registry.startAll();
        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        CompletableFuture<@Nullable Void> removal = registry.remove("slow");
        assertThat(removal).isNotDone();
        release.countDown();
        done(removal);

        assertThat(registry.snapshot("slow")).isEmpty();
        assertThat(log.calls()).containsExactly("start slow", "stop slow", "join slow");
    }

    @Test
    void removeWhileStartingCompletesWhenTheStartFails() throws Exception {
        registry.install("slow", String.class, blockingStart(() -> {
            throw new IllegalStateException("could not connect");
        }, false));
        registry.startAll();
        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        CompletableFuture<@Nullable Void> removal = registry.remove("slow");
        release.countDown();

        assertThat(removal).succeedsWithin(WAIT);
        assertThat(registry.snapshot("slow")).isEmpty();
        assertThat(time.pendingTimers()).isEmpty();
        assertThat(log.calls()).containsExactly("start slow");
    }

    @Test
    void removeWhileADependentIsStartingInterruptsItsStartAndLeavesItWaitingOnTheMissingService() throws Exception {
        installConfigAndDb(blockingStart(() -> "db", true));
        registry.startAll();
        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        done(registry.remove("config"));

        assertThat(log.calls()).containsExactly("start config", "start db", "stop config", "join config");
        ServiceSnapshot db = snapshot("db");
        assertThat(db.state()).isEqualTo(ServiceState.WAITING);
        assertThat(db.reason()).isEqualTo(TransitionReason.DEPENDENCY);
        assertThat(db.missing()).containsExactly("config");
        assertThat(db.rootCause()).isEqualTo("blocked by config, which is not installed");
        assertThat(db.lastFailure()).isNull();
    }

    @Test
    void removeWhileADependentIsStartingStopsTheDependentFirstWhenItsStartIgnoresTheInterrupt() throws Exception {
        installConfigAndDb(blockingStart(() -> "db", false));
        registry.startAll();
        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        CompletableFuture<@Nullable Void> removal = registry.remove("config");
        assertThat(removal).isNotDone();
        release.countDown();
        done(removal);

        assertThat(log.calls()).containsExactly("start config", "start db", "stop db", "join db", "stop config",
                "join config");
        assertThat(snapshot("db").state()).isEqualTo(ServiceState.WAITING);
        assertThat(snapshot("db").missing()).containsExactly("config");
    }

    @Test
    void removeOfAFailedServiceCancelsItsRestart() throws Exception {
        startChain();
        done(registry.fail("config", new IOException("lost")));
        assertThat(time.pendingTimers()).hasSize(1);

        done(registry.remove("config"));

        assertThat(time.pendingTimers()).isEmpty();
        assertThat(registry.snapshot("config")).isEmpty();
        assertThat(snapshot("db").rootCause()).isEqualTo("blocked by config, which is not installed");
    }

    @Test
    void awaitingARemovedServiceFailsAtOnce() throws Exception {
        done(registry.startAll());
        registry.install(dependent(DB, CONFIG));
        CompletableFuture<@Nullable String> db = registry.await(DB);
        assertThat(db).isNotDone();

        done(registry.remove("db"));

        assertThat(db).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(ServiceFailedException.class).withMessage("Service 'db' was removed");
    }

    @Test
    void actionsOnARemovedServiceAndRemovingTwiceAreRefusedSayingItWasRemoved() throws Exception {
        startChain();
        done(registry.remove("config"));

        List<Runnable> actions = List.of(() -> registry.fail("config", new IOException("x")),
                () -> registry.restart("config"), () -> registry.stop("config"), () -> registry.start("config"),
                () -> registry.remove("config"), () -> registry.get(CONFIG));
        for (Runnable action : actions) {
            assertThatThrownBy(action::run).isInstanceOf(UnknownServiceException.class).hasMessage(REMOVED_CONFIG)
                    .extracting(ex -> ((UnknownServiceException) ex).id()).isEqualTo("config");
        }
        assertThat(registry.await(CONFIG)).isNotDone();
        assertThat(snapshot("db").state()).isEqualTo(ServiceState.WAITING);
    }

    @Test
    void removeRequestedTwiceWhileUnderWayReturnsTheSameFuture() throws Exception {
        registry.install("slow", String.class, blockingStart(() -> "slow", false));
        registry.startAll();
        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        CompletableFuture<@Nullable Void> first = registry.remove("slow");
        CompletableFuture<@Nullable Void> second = registry.remove("slow");
        release.countDown();

        assertThat(second).isSameAs(first);
        done(first);
    }

    /** Installs {@code config <- db <- api}, each publishing a value made of its requirement's, and starts them. */
    private void startChain() throws Exception {
        registry.install("config", String.class, log.service("config"));
        registry.install(dependent(DB, CONFIG));
        registry.install(dependent(API, DB));
        done(registry.startAll());
    }

    /** A recording service {@code key} that requires {@code requirement} and publishes {@code id(value)}. */
    private ServiceDefinition<String> dependent(ServiceKey<String> key, ServiceKey<String> requirement) {
        ServiceHandle<String> handle = registry.handle(requirement);
        return ServiceDefinition.builder(key, log.service(key.id(), () -> key.id() + "(" + handle.get() + ")"))
                .requires(requirement).build();
    }

}
