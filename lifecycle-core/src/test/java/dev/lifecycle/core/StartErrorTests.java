package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What an error in each phase does: refused installs, failed services, dependents held back with their root cause,
 * the start-up failure, and stop errors that are recorded while shutdown carries on.
 */
class StartErrorTests extends ManualRegistryTestBase {

    @Override
    boolean onCallingThread() {
        return true;
    }

    @Override
    ServiceRegistryBuilder builder() {
        return super.builder().restartPolicy(RestartPolicy.never());
    }

    /** A service that logs its phases and throws {@code error} from {@code phase}. */
    private <T> Service<T> throwingIn(String phase, String id, T value, Throwable error, String... requires) {
        return log.everyPhase(id, value, current -> {
            if (current.equals(phase)) {
                if (error instanceof Exception ex) {
                    throw ex;
                }
                throw (Error) error;
            }
        }, requires);
    }

    @Test
    void initThatThrowsRefusesTheInstallAndInstallsNothing() {
        IllegalStateException noPath = new IllegalStateException("no config path");

        assertThatThrownBy(() -> registry.install("config", String.class, throwingIn("init", "config", "c", noPath)))
                .isExactlyInstanceOf(LifecycleException.class)
                .hasMessage("Init of service 'config' failed: java.lang.IllegalStateException: no config path; "
                        + "nothing was installed")
                .hasCause(noPath);

        assertThat(registry.snapshot()).isEmpty();
        assertThat(registry.handle(ServiceKey.of("config", String.class)).state()).isEqualTo(ServiceState.REMOVED);
    }

    @Test
    void registryStaysUsableAfterAnInitThatThrows() throws Exception {
        assertThatThrownBy(() -> registry.install("config", String.class,
                throwingIn("init", "config", "c", new IllegalStateException("no config path"))))
                .isInstanceOf(LifecycleException.class);

        log.install(registry, "config");
        log.install(registry, "db", "config");
        registry.startAll().get(5, TimeUnit.SECONDS);

        assertThat(registry.snapshot()).extracting(ServiceSnapshot::state).containsOnly(ServiceState.RUNNING);
    }

    @Test
    void setupThatThrowsFailsTheServiceWithoutCallingStartOrStop() {
        IllegalStateException badSetting = new IllegalStateException("bad setting");
        registry.install("config", String.class, throwingIn("setup", "config", "c", badSetting));

        registry.startAll();

        assertThat(snapshot("config").state()).isEqualTo(ServiceState.FAILED);
        assertThat(snapshot("config").lastFailure().cause()).isSameAs(badSetting);
        assertThat(log.calls()).containsExactly("init config", "setup config");
    }

    @Test
    void startThatThrowsFailsTheServiceWithoutCallingStop() throws Exception {
        SQLException refused = new SQLException("connection refused");
        registry.install("db", String.class, throwingIn("start", "db", "db", refused));

        registry.startAll();
        registry.stopAll().get(5, TimeUnit.SECONDS);

        assertThat(snapshot("db").state()).isEqualTo(ServiceState.FAILED);
        assertThat(snapshot("db").lastFailure().cause()).isSameAs(refused);
        assertThat(snapshot("db").lastFailure().summary()).isEqualTo("java.sql.SQLException: connection refused");
        assertThat(log.count("stop", "db")).isZero();
    }

    @Test
    void assertionErrorThrownFromStartFailsTheService() {
        AssertionError broken = new AssertionError("invariant broken");
        registry.install("db", String.class, throwingIn("start", "db", "db", broken));

        registry.startAll();

        assertThat(snapshot("db").state()).isEqualTo(ServiceState.FAILED);
        assertThat(snapshot("db").lastFailure().cause()).isSameAs(broken);
    }

    @Test
    void stackOverflowInStartFailsTheServiceAndOthersStillStart() throws Exception {
        registry.install("recursive", Integer.class, new Service<>() {
            @Override
            public Integer start(ServiceContext context) {
                return depth(0);
            }

            private int depth(int n) {
                return depth(n + 1) + 1;
            }
        });
        log.install(registry, "other");

        registry.startAll();

        assertThat(snapshot("recursive").state()).isEqualTo(ServiceState.FAILED);
        assertThat(snapshot("recursive").lastFailure().cause()).isInstanceOf(StackOverflowError.class);
        assertThat(snapshot("other").state()).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void nullFromStartOfAServiceWithAValueTypeFailsItSayingWhy() {
        registry.install("config", String.class, ctx -> null);

        registry.startAll();

        assertThat(snapshot("config").state()).isEqualTo(ServiceState.FAILED);
        assertThat(snapshot("config").lastFailure().cause()).isInstanceOf(LifecycleException.class)
                .hasMessage("Service 'config' returned null from start() but its type is java.lang.String; return "
                        + "the value its dependents receive, or install it with type Void");
    }

    @Test
    void nullFromStartOfAVoidServiceIsItsValue() throws Exception {
        registry.install("migration", Void.class, ctx -> null);

        registry.startAll().get(5, TimeUnit.SECONDS);

        assertThat(snapshot("migration").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(registry.get(ServiceKey.of("migration", Void.class))).isNull();
    }

    @Test
    void failedStartKeepsItsDependentsWaitingOnItWhileAnIndependentServiceKeepsRunning() {
        log.install(registry, "metrics");
        registry.install("db", String.class, throwingIn("start", "db", "db", new SQLException("connection refused")));
        log.install(registry, "repository", "db");
        log.install(registry, "web", "repository");

        registry.startAll();

        assertThat(snapshot("db").state()).isEqualTo(ServiceState.FAILED);
        for (String dependent : List.of("repository", "web")) {
            assertThat(snapshot(dependent).state()).isEqualTo(ServiceState.WAITING);
            assertThat(snapshot(dependent).rootCause())
                    .isEqualTo("blocked by db, which failed with java.sql.SQLException: connection refused");
        }
        assertThat(snapshot("repository").waitingOn()).containsExactly("db");
        assertThat(snapshot("web").waitingOn()).containsExactly("repository");
        assertThat(snapshot("metrics").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(log.of("start")).containsExactly("metrics", "db");
    }

    @Test
    void startAllFailsListingEveryServiceThatIsNotRunningAndWhy() {
        SQLException refused = new SQLException("connection refused");
        log.install(registry, "metrics");
        registry.install("db", String.class, throwingIn("start", "db", "db", refused));
        log.install(registry, "repository", "db");
        log.install(registry, "web", "repository");

        CompletableFuture<Void> startAll = registry.startAll();

        Throwable failure = catchThrowableOfType(ExecutionException.class, () -> startAll.get(5, TimeUnit.SECONDS))
                .getCause();
        assertThat(failure).isInstanceOf(StartupFailedException.class).hasMessage("""
                Start-up failed:
                  - db is FAILED: java.sql.SQLException: connection refused
                  - repository is WAITING (blocked by db, which failed with java.sql.SQLException: \
                connection refused)
                  - web is WAITING (blocked by db, which failed with java.sql.SQLException: \
                connection refused)""").hasCause(refused);
        assertThat(((StartupFailedException) failure).notRunning()).extracting(ServiceSnapshot::id)
                .containsExactly("db", "repository", "web");
        assertThat(snapshot("metrics").state()).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void firstStartWithAMisspelledRequirementSuggestsTheInstalledNameAndStartsNothing() {
        log.install(registry, "database");
        log.install(registry, "repository", "databse");
        log.install(registry, "cache", "queue");

        MissingDependencyException missing = catchThrowableOfType(MissingDependencyException.class,
                registry::startAll);

        assertThat(missing).hasMessage("Missing required services: 'repository' requires 'databse', which is not "
                + "installed; did you mean 'database'? 'cache' requires 'queue', which is not installed. Install the "
                + "missing services before starting the registry, or remove the requirements.");
        assertThat(missing.suggestions()).isEqualTo(Map.of("databse", "database"));
        assertThat(missing.missing()).isEqualTo(Map.of("databse", List.of("repository"), "queue", List.of("cache")));
        assertThat(log.of("start")).isEmpty();
    }

    @Test
    void exceptionFromStopIsRecordedAsLastFailureAndShutdownCarriesOn() throws Exception {
        IllegalStateException flushFailed = new IllegalStateException("flush failed");
        log.install(registry, "config");
        registry.install("db", String.class, throwingIn("stop", "db", "db", flushFailed, "config"));
        log.install(registry, "web", "db");
        registry.startAll().get(5, TimeUnit.SECONDS);

        registry.stopAll().get(5, TimeUnit.SECONDS);

        assertThat(registry.snapshot()).extracting(ServiceSnapshot::state).containsOnly(ServiceState.STOPPED);
        assertThat(snapshot("db").lastFailure().cause()).isSameAs(flushFailed);
        assertThat(snapshot("db").lastFailure().at()).isEqualTo(time.instant());
        assertThat(log.of("stop")).containsExactly("web", "db", "config");
        assertThat(log.of("join")).containsExactly("web", "db", "config");
    }

    @Test
    void exceptionsFromStopAndJoinAreBothRecordedAndShutdownCarriesOn() throws Exception {
        IllegalStateException stopFailed = new IllegalStateException("stop failed");
        IllegalStateException joinFailed = new IllegalStateException("join failed");
        log.install(registry, "config");
        registry.install("db", String.class, withStop("db", context -> {
            throw stopFailed;
        }, context -> {
            throw joinFailed;
        }));
        registry.install("cache", String.class, throwingIn("join", "cache", "cache", joinFailed, "config"));
        registry.startAll().get(5, TimeUnit.SECONDS);

        registry.stopAll().get(5, TimeUnit.SECONDS);

        assertThat(registry.snapshot()).extracting(ServiceSnapshot::state).containsOnly(ServiceState.STOPPED);
        assertThat(snapshot("db").lastFailure().cause()).isSameAs(stopFailed);
        assertThat(stopFailed.getSuppressed()).containsExactly(joinFailed);
        assertThat(snapshot("cache").lastFailure().cause()).isSameAs(joinFailed);
        assertThat(log.count("stop", "config")).isEqualTo(1);
    }

    @Test
    void stopThatNeverReturnsIsCutOffByTheStopTimeoutAndShutdownCompletes() throws Exception {
        rebuildOnDefaultExecutor();
        CountDownLatch insideStop = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        log.install(registry, "config");
        registry.install(ServiceDefinition.builder(ServiceKey.of("consumer", String.class), withStop("consumer",
                context -> {
                    log.add("stop", "consumer");
                    insideStop.countDown();
                    try {
                        never.await();
                    } catch (InterruptedException ex) {
                        interrupted.set(true);
                    }
                })).dependsOn("config").stopTimeout(Duration.ofSeconds(3)).build());
        registry.startAll().get(10, TimeUnit.SECONDS);

        CompletableFuture<Void> stopAll = registry.stopAll();
        assertThat(insideStop.await(10, TimeUnit.SECONDS)).isTrue();
        time.advance(Duration.ofMillis(2999));
        boolean doneBeforeTimeout = stopAll.isDone();
        time.advance(Duration.ofMillis(1));
        stopAll.get(10, TimeUnit.SECONDS);

        assertThat(doneBeforeTimeout).isFalse();
        assertThat(registry.snapshot()).extracting(ServiceSnapshot::state).containsOnly(ServiceState.STOPPED);
        ServiceSnapshot consumer = snapshot("consumer");
        assertThat(consumer.lastFailure().cause()).isInstanceOf(TimeoutException.class)
                .hasMessage("Service 'consumer' did not stop within 3 s; carrying on without it "
                        + "(raise its stop timeout if it needs longer)");
        assertThat(consumer.stopDuration()).isEqualTo(Duration.ofSeconds(3));
        assertThat(log.of("stop")).containsExactly("consumer", "config");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilTrue(interrupted);
    }

    @Test
    void aStopReturningAfterItsTimeoutDoesNotEndTheNextStopOfTheSameService() throws Exception {
        rebuildOnDefaultExecutor();
        CountDownLatch firstStopEntered = new CountDownLatch(1);
        CountDownLatch releaseFirstStop = new CountDownLatch(1);
        CountDownLatch secondStopEntered = new CountDownLatch(1);
        CountDownLatch releaseSecondStop = new CountDownLatch(1);
        AtomicInteger stops = new AtomicInteger();
        IllegalStateException lateFailure = new IllegalStateException("closed late");
        registry.install(ServiceDefinition.builder(ServiceKey.of("consumer", String.class), withStop("consumer",
                context -> {
                    if (stops.incrementAndGet() == 1) {
                        firstStopEntered.countDown();
                        awaitIgnoringInterrupts(releaseFirstStop);
                        throw lateFailure;
                    }
                    secondStopEntered.countDown();
                    awaitIgnoringInterrupts(releaseSecondStop);
                })).stopTimeout(Duration.ofSeconds(3)).build());
        registry.startAll().get(10, TimeUnit.SECONDS);
        registry.stop("consumer");
        assertThat(firstStopEntered.await(10, TimeUnit.SECONDS)).isTrue();
        time.advance(Duration.ofSeconds(3));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> snapshot("consumer").state() == ServiceState.STOPPED);
        registry.start("consumer").get(10, TimeUnit.SECONDS);
        CompletableFuture<Void> secondStop = registry.stop("consumer");
        assertThat(secondStopEntered.await(10, TimeUnit.SECONDS)).isTrue();

        try (CapturedEngineLog engineLog = new CapturedEngineLog()) {
            releaseFirstStop.countDown();
            // Logged as the late outcome is applied, under the registry's lock: it has been dealt with.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> engineLog.lines().contains(
                    "WARN Service 'consumer' stopped late, after its stop timeout, with an error"));
        }

        assertThat(snapshot("consumer").state()).isEqualTo(ServiceState.STOPPING);
        assertThat(secondStop).isNotDone();
        releaseSecondStop.countDown();
        secondStop.get(10, TimeUnit.SECONDS);
        assertThat(snapshot("consumer").state()).isEqualTo(ServiceState.STOPPED);
        assertThat(snapshot("consumer").lastFailure().cause()).isInstanceOf(TimeoutException.class);
    }

    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException ignored) {
                // A timed-out stop is interrupted; this one carries on until released.
            }
        }
    }

    @Test
    void blockingStartOutlivingItsTimeoutIsInterruptedAndFailsTheService() throws Exception {
        rebuildOnDefaultExecutor();
        AtomicBoolean interrupted = new AtomicBoolean();
        registry.install(ServiceDefinition.builder(ServiceKey.of("db", String.class), ctx -> {
            entered.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException ex) {
                interrupted.set(true);
                throw ex;
            }
            return "db";
        }).startTimeout(Duration.ofSeconds(2)).restartPolicy(RestartPolicy.never()).build());
        CompletableFuture<Void> startAll = registry.startAll();
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        time.advance(Duration.ofSeconds(2));

        Throwable failure = catchThrowableOfType(ExecutionException.class, () -> startAll.get(10, TimeUnit.SECONDS))
                .getCause();
        assertThat(failure).isInstanceOf(StartupFailedException.class).cause().isInstanceOf(TimeoutException.class)
                .hasMessage("Service 'db' did not start within 2 s; its start was cancelled (raise its start "
                        + "timeout if it needs longer)");
        assertThat(snapshot("db").state()).isEqualTo(ServiceState.FAILED);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilTrue(interrupted);
    }

    @Test
    void startThatReturnsAfterItsTimeoutHasWhatItStartedStoppedOnce() throws Exception {
        rebuildOnDefaultExecutor();
        registry.install(ServiceDefinition.builder(ServiceKey.of("db", String.class), new Service<String>() {
            @Override
            public String start(ServiceContext context) {
                log.add("start", "db");
                entered.countDown();
                awaitReleaseIgnoringInterrupts(() -> log.add("interrupted", "db"));
                return "late";
            }

            @Override
            public void stop(ServiceContext context) {
                log.add("stop", "db");
            }
        }).startTimeout(Duration.ofSeconds(2)).restartPolicy(RestartPolicy.never()).build());
        registry.startAll();
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        time.advance(Duration.ofSeconds(2));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> log.count("interrupted", "db") == 1);

        release.countDown();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> log.count("stop", "db") == 1);
        registry.settled().get(10, TimeUnit.SECONDS);

        assertThat(snapshot("db").state()).isEqualTo(ServiceState.FAILED);
        assertThat(log.calls()).containsExactly("start db", "interrupted db", "stop db");
        assertThatThrownBy(() -> registry.get(ServiceKey.of("db", String.class)))
                .isInstanceOf(ServiceNotRunningException.class);
    }

    @Test
    void everyServiceIsStoppedExactlyOnceWhenStopsFailAndTimeOut() throws Exception {
        rebuildOnDefaultExecutor();
        CountDownLatch insideStop = new CountDownLatch(1);
        log.install(registry, "root");
        registry.install("throws", String.class,
                throwingIn("stop", "throws", "t", new IllegalStateException("stop failed"), "root"));
        install("hangs", withStop("hangs", context -> {
            log.add("stop", "hangs");
            insideStop.countDown();
            new CountDownLatch(1).await();
        }), "root");
        registry.install("leaf", String.class,
                throwingIn("join", "leaf", "l", new IllegalStateException("join failed"), "throws", "hangs"));
        registry.startAll().get(10, TimeUnit.SECONDS);

        CompletableFuture<Void> stopAll = registry.stopAll();
        assertThat(insideStop.await(10, TimeUnit.SECONDS)).isTrue();
        time.advance(Duration.ofSeconds(10));
        stopAll.get(10, TimeUnit.SECONDS);
        registry.close();

        for (String id : List.of("root", "throws", "hangs", "leaf")) {
            assertThat(log.count("stop", id)).as("stops of %s", id).isEqualTo(1);
        }
        assertThat(log.indexOf("stop", "root")).isGreaterThan(log.indexOf("stop", "hangs"))
                .isGreaterThan(log.indexOf("stop", "throws"));
        assertThat(registry.snapshot()).extracting(ServiceSnapshot::state).containsOnly(ServiceState.STOPPED);
    }
}
