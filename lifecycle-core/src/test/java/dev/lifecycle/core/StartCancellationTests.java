package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Stop, restart and remove of a service whose start is in flight: the start is cancelled (its thread interrupted, its
 * future cancelled) rather than waited for, the operation completes once the start has ended, and the dependents wait
 * with the reason. The start timeout is an hour on a clock that only moves by hand, so an operation that waited for the
 * start to time out would never complete.
 */
class StartCancellationTests extends ManualRegistryTestBase {

    private static final ServiceKey<String> DB = ServiceKey.of("db", String.class);
    private static final ServiceKey<String> API = ServiceKey.of("api", String.class);

    private final ManualStart<String> db = new ManualStart<>();

    @Override
    ServiceRegistryBuilder builder() {
        return super.builder().startTimeout(Duration.ofHours(1));
    }

    /**
     * Installs {@code db}, whose asynchronous start never completes unless the test completes it, and {@code api} on
     * it, and starts them until db is STARTING.
     */
    private void startUntilDbIsStarting() {
        registry.install(ServiceDefinition.builder(DB, db).build());
        registry.install(ServiceDefinition.builder(API, log.service("api")).requires(DB).build());
        registry.startAll();
        await().atMost(WAIT).until(() -> db.starts() == 1);
        assertThat(snapshot("db").state()).isEqualTo(ServiceState.STARTING);
    }

    @Test
    void removeOfAServiceWhoseAsynchronousStartNeverCompletesCancelsItsFutureAndCompletes() throws Exception {
        startUntilDbIsStarting();
        CompletableFuture<@Nullable String> startFuture = db.future();

        done(registry.remove("db"));

        assertThat(startFuture).isCancelled();
        assertThat(registry.snapshot("db")).isEmpty();
        assertThat(db.stops()).as("no value was published, so nothing to stop").isZero();
        ServiceSnapshot api = snapshot("api");
        assertThat(api.state()).isEqualTo(ServiceState.WAITING);
        assertThat(api.missing()).containsExactly("db");
        assertThat(api.rootCause()).isEqualTo("blocked by db, which is not installed");
        assertThat(log.starts("api")).isZero();
    }

    @Test
    void stopOfAServiceWhoseAsynchronousStartNeverCompletesEndsItStoppedWithoutAFailure() throws Exception {
        startUntilDbIsStarting();

        done(registry.stop("db"));

        assertThat(db.future()).isCancelled();
        ServiceSnapshot stopped = snapshot("db");
        assertThat(stopped.state()).isEqualTo(ServiceState.STOPPED);
        assertThat(stopped.reason()).isEqualTo(TransitionReason.OPERATOR);
        assertThat(stopped.lastFailure()).isNull();
        assertThat(stopped.nextRestartAt()).isNull();
        assertThat(snapshot("api").state()).isEqualTo(ServiceState.WAITING);
        assertThat(snapshot("api").rootCause()).isEqualTo("blocked by db, which was stopped");
        assertThat(time.pendingTimers()).as("no restart scheduled, no deadline left").isEmpty();
        await().atMost(WAIT).untilAsserted(() -> assertThat(listener.of("db")).containsExactly(
                "INSTALLED->STARTING", "STARTING->STOPPING", "STOPPING->STOPPED"));
    }

    @Test
    void restartOfAServiceWhoseAsynchronousStartNeverCompletesStartsItAgainAndItsDependentsFollow() throws Exception {
        startUntilDbIsStarting();
        CompletableFuture<@Nullable String> first = db.future();

        CompletableFuture<@Nullable Void> restart = registry.restart("db");
        await().atMost(WAIT).until(() -> db.starts() == 2);
        db.complete("db#2");
        done(restart);

        assertThat(first).isCancelled();
        assertThat(snapshot("db").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(snapshot("db").restarts()).isEqualTo(1);
        assertThat(snapshot("db").lastFailure()).isNull();
        assertThat(registry.get(DB)).isEqualTo("db#2");
        assertThat(registry.await(API)).succeedsWithin(WAIT);
        assertThat(snapshot("api").state()).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void startAfterAStopOfAStartingServiceWithdrawsTheStopAndTheServiceStartsAgain() throws Exception {
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        registry.install(ServiceDefinition.builder(DB, blockingStart(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("connection interrupted");
            }
            return "db#2";
        }, false)).build());
        registry.startAll();
        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        CompletableFuture<@Nullable Void> stop = registry.stop("db");
        CompletableFuture<@Nullable Void> start = registry.start("db");
        release.countDown();
        done(stop);
        done(start);

        assertThat(snapshot("db").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(snapshot("db").lastFailure()).as("the cancelled start's error is not a failure").isNull();
        assertThat(registry.get(DB)).isEqualTo("db#2");
        await().atMost(WAIT).untilAsserted(() -> assertThat(listener.of("db")).containsExactly(
                "INSTALLED->STARTING", "STARTING->STOPPING", "STOPPING->WAITING", "WAITING->STARTING",
                "STARTING->RUNNING"));
        assertThat(listener.transitions()).filteredOn(t -> t.to() == ServiceState.WAITING)
                .extracting(dev.lifecycle.core.event.ServiceTransition::detail).containsExactly("starting again");
    }

    @Test
    void aValueCompletedAfterTheCancellationNeverReachesTheRegistryAndTheCompleterSeesItRefused() throws Exception {
        startUntilDbIsStarting();
        CompletableFuture<@Nullable String> startFuture = db.future();

        done(registry.stop("db"));

        // The code completing an asynchronous start learns that its value was refused, and releases it itself.
        assertThat(startFuture.complete("late")).isFalse();
        assertThat(startFuture).isCompletedExceptionally();
        assertThat(startFuture.handle((v, e) -> e)).succeedsWithin(WAIT).isInstanceOf(CancellationException.class);
        done(registry.settled());
        assertThat(snapshot("db").state()).isEqualTo(ServiceState.STOPPED);
        assertThat(db.stops()).isZero();
    }

    @Test
    void stopOfARequirementCancelsTheStartOfItsStartingDependentInsteadOfWaitingForIt() throws Exception {
        installConfigAndDb(blockingStart(() -> "db", true));
        registry.startAll();
        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        done(registry.stop("config"));

        assertThat(log.calls()).containsExactly("start config", "start db", "stop config", "join config");
        ServiceSnapshot dependent = snapshot("db");
        assertThat(dependent.state()).isEqualTo(ServiceState.WAITING);
        assertThat(dependent.reason()).isEqualTo(TransitionReason.DEPENDENCY);
        assertThat(dependent.lastFailure()).isNull();
        assertThat(dependent.rootCause()).isEqualTo("blocked by config, which was stopped");
    }

    @Test
    void aCancelledStartThatIgnoresTheInterruptAndNeverReturnsIsAbandonedAtItsTimeoutAndStoppedIfItReturns()
            throws Exception {
        registry.install(ServiceDefinition.builder(DB, blockingStart(() -> "late", false))
                .startTimeout(Duration.ofSeconds(5)).build());
        registry.startAll();
        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        CompletableFuture<@Nullable Void> stop = registry.stop("db");
        assertThat(stop).isNotDone();
        time.advance(Duration.ofSeconds(5));
        done(stop);

        assertThat(snapshot("db").state()).isEqualTo(ServiceState.STOPPED);
        assertThat(snapshot("db").lastFailure()).isNull();
        assertThat(listener.transitions()).filteredOn(t -> t.to() == ServiceState.STOPPING)
                .extracting(dev.lifecycle.core.event.ServiceTransition::detail)
                .containsExactly("start cancelled; it did not return within its start timeout and was abandoned");
        // The start returns its value after all: the value is stopped, and the service stays STOPPED.
        release.countDown();
        await().atMost(WAIT).until(() -> log.calls().contains("join db"));
        assertThat(log.calls()).containsExactly("start db", "stop db (abandoned)", "join db");
        registry.start("db");
        await().atMost(WAIT).until(() -> snapshot("db").state() == ServiceState.RUNNING);
        assertThat(log.calls()).containsExactly("start db", "stop db (abandoned)", "join db", "start db");
    }
}
