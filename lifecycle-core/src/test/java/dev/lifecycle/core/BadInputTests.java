package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.core.event.ServiceListener;
import dev.lifecycle.core.event.ServiceTransition;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a user, an operator or a service can get wrong: unknown names, a stop that never returns, errors and nulls
 * from user code, interrupts, throwing listeners, invalid options. Each gives a clear error or a recorded failure,
 * and the registry stays usable.
 */
class BadInputTests extends ManualRegistryTestBase {

    private @Nullable ExecutorService executor;

    /** Shuts down a test's own executor, once the registry that runs on it is closed. */
    @AfterEach
    void shutDownExecutor() {
        if (executor != null) {
            registry.close();
            executor.shutdownNow();
        }
    }

    @Test
    void everyOperationOnAnUnknownNameSaysWhichNameAndHowToFixIt() throws Exception {
        registry.install("db", String.class, log.service("db"));
        registry.startAll().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        String message = "No service 'queue' is installed; check the name (and the qualifier, written "
                + "name:qualifier)";
        ServiceKey<String> unknown = ServiceKey.of("queue", String.class);

        Map<String, Runnable> operations = Map.of(
                "fail", () -> registry.fail("queue", new IOException("x")),
                "restart", () -> registry.restart("queue"),
                "stop", () -> registry.stop("queue"),
                "start", () -> registry.start("queue"),
                "remove", () -> registry.remove("queue"),
                "get", () -> registry.get(unknown),
                "handle.get", () -> registry.handle(unknown).get());
        operations.forEach((name, operation) -> assertThatThrownBy(operation::run).as(name)
                .isInstanceOf(UnknownServiceException.class).hasMessage(message)
                .satisfies(ex -> assertThat(((UnknownServiceException) ex).suggestion()).isEmpty()));
        assertThat(registry.snapshot("queue")).isEmpty();
        assertThat(registry.handle(unknown).state()).isEqualTo(ServiceState.REMOVED);
        assertThatThrownBy(() -> registry.stop("db:replica")).isInstanceOf(UnknownServiceException.class)
                .hasMessageStartingWith("No service 'db:replica' is installed");

        registry.restart("db").get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(registry.get(ServiceKey.of("db", String.class))).isEqualTo("db#2");
    }

    @Test
    void everyOperationOnAMisspelledNameSuggestsTheInstalledName() throws Exception {
        registry.install("config", String.class, log.service("config"));
        registry.install("database", String.class, log.service("database"));
        registry.startAll().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        ServiceKey<String> misspelled = ServiceKey.of("databse", String.class);

        Map<String, Runnable> operations = Map.of(
                "fail", () -> registry.fail("databse", new IOException("x")),
                "restart", () -> registry.restart("databse"),
                "stop", () -> registry.stop("databse"),
                "start", () -> registry.start("databse"),
                "remove", () -> registry.remove("databse"),
                "restartForConfiguration", () -> registry.restartForConfiguration(List.of("databse"),
                        List.of("db.url")),
                "get", () -> registry.get(misspelled),
                "handle.get", () -> registry.handle(misspelled).get());

        operations.forEach((name, operation) -> assertThatThrownBy(operation::run).as(name)
                .isInstanceOf(UnknownServiceException.class)
                .hasMessage("No service 'databse' is installed; did you mean 'database'?")
                .satisfies(ex -> {
                    assertThat(((UnknownServiceException) ex).id()).isEqualTo("databse");
                    assertThat(((UnknownServiceException) ex).suggestion()).contains("database");
                }));
        assertThat(registry.snapshot()).extracting(ServiceSnapshot::state).containsOnly(ServiceState.RUNNING);
    }

    @Test
    void awaitOfAMisspelledNameFailsAtCloseSuggestingTheInstalledName() throws Exception {
        registry.install("database", String.class, log.service("database"));
        registry.startAll().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        CompletableFuture<@Nullable String> misspelled = registry.await(ServiceKey.of("databse", String.class));
        CompletableFuture<@Nullable String> unknown = registry.await(ServiceKey.of("queue", String.class));
        assertThat(misspelled).isNotDone();

        registry.close();

        assertThat(misspelled).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(ServiceFailedException.class)
                .withMessage("Service 'databse' will not start: it was never installed (did you mean 'database'?), "
                        + "and the registry was closed");
        assertThat(unknown).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().withMessage("Service 'queue' will not start: it was never installed, and the "
                        + "registry was closed");
    }

    @Test
    void startingByHandBeforeTheRegistryStartsOrAfterItStoppedIsRefused() throws Exception {
        registry.install("db", String.class, log.service("db"));

        assertThatThrownBy(() -> registry.start("db")).isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot start 'db': the registry is not started; call startAll() first");
        assertThatThrownBy(() -> registry.restart("db")).isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot start 'db': the registry is not started; call startAll() first");
        registry.startAll().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        registry.stopAll().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThatThrownBy(() -> registry.start("db")).isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot start 'db': the registry is stopped; call startAll() first");

        registry.startAll().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(log.calls()).containsExactly("start db", "stop db", "join db", "start db");
    }

    @Test
    void failWithoutACauseIsRefused() {
        registry.install("db", String.class, log.service("db"));

        assertThatThrownBy(() -> registry.fail("db", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("ServiceRegistry.fail(id, cause): cause must not be null");
    }

    @Test
    void stopThatNeverReturnsIsAbandonedAfterItsTimeoutAndShutdownCarriesOn() throws Exception {
        AtomicInteger interrupts = new AtomicInteger();
        CountDownLatch stopEntered = new CountDownLatch(1);
        registry.install("base", String.class, log.service("base"));
        registry.install(ServiceDefinition.builder(ServiceKey.of("stuck", String.class), new Service<String>() {
            @Override
            public String start(ServiceContext context) {
                log.add("start", "stuck");
                return "stuck";
            }

            @Override
            public void stop(ServiceContext context) {
                log.add("stop", "stuck");
                stopEntered.countDown();
                awaitReleaseIgnoringInterrupts(interrupts::incrementAndGet);
            }
        }).dependsOn("base").stopTimeout(Duration.ofSeconds(2)).build());
        registry.startAll().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        CompletableFuture<@Nullable Void> stopAll = registry.stopAll();
        assertThat(stopEntered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(stopAll).isNotDone();
        assertThat(log.calls()).doesNotContain("stop base");

        time.advance(Duration.ofSeconds(2));

        assertThat(stopAll).succeedsWithin(WAIT);
        ServiceSnapshot stuck = registry.snapshot("stuck").orElseThrow();
        assertThat(stuck.state()).isEqualTo(ServiceState.STOPPED);
        assertThat(stuck.stopDuration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(stuck.lastFailure().cause()).isInstanceOf(TimeoutException.class);
        assertThat(stuck.lastFailure().message()).isEqualTo(
                "Service 'stuck' did not stop within 2 s; carrying on without it (raise its stop timeout if it needs "
                        + "longer)");
        assertThat(registry.snapshot("base").orElseThrow().state()).isEqualTo(ServiceState.STOPPED);
        assertThat(log.calls()).endsWith("stop base", "join base");
        await().atMost(WAIT).until(() -> interrupts.get() > 0);

        registry.startAll().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(registry.snapshot()).extracting(ServiceSnapshot::state).containsOnly(ServiceState.RUNNING);
    }

    @Test
    void errorThrownFromStartIsARecordedFailureAndTheServiceRestarts() throws Exception {
        registry.install("broken", String.class, failingFirst(1,
                attempt -> new BrokenServiceError("class could not be initialised"), attempt -> "fixed"));
        registry.install("healthy", String.class, log.service("healthy"));
        CompletableFuture<@Nullable Void> startAll = registry.startAll();
        registry.settled().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        ServiceSnapshot broken = registry.snapshot("broken").orElseThrow();
        assertThat(broken.state()).isEqualTo(ServiceState.FAILED);
        assertThat(broken.lastFailure().type()).isEqualTo(BrokenServiceError.class.getName());
        assertThat(broken.lastFailure().message()).isEqualTo("class could not be initialised");
        assertThat(registry.snapshot("healthy").orElseThrow().state()).isEqualTo(ServiceState.RUNNING);

        time.advance(Duration.ofMillis(100));
        assertThat(startAll).succeedsWithin(WAIT);
        assertThat(registry.get(ServiceKey.of("broken", String.class))).isEqualTo("fixed");
    }

    @Test
    void errorThrownFromSetupIsARecordedFailure() throws Exception {
        registry.install("broken", String.class, new Service<>() {
            @Override
            public void setup(ServiceContext context) {
                throw new AssertionError("setup broke");
            }

            @Override
            public String start(ServiceContext context) {
                log.add("start", "broken");
                return "never";
            }
        });
        registry.startAll();
        registry.settled().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(registry.snapshot("broken").orElseThrow().lastFailure().summary())
                .isEqualTo("java.lang.AssertionError: setup broke");
        assertThat(log.calls()).isEmpty();
    }

    @Test
    void errorOrExceptionFromStopIsRecordedAndStoppingCarriesOn() throws Exception {
        registry.install("base", String.class, log.service("base"));
        install("leaky", withStop("leaky", context -> {
            throw new IOException("flush failed");
        }, context -> {
            throw new BrokenServiceError("join broke");
        }), "base");
        registry.startAll().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        registry.stopAll().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        ServiceSnapshot leaky = registry.snapshot("leaky").orElseThrow();
        assertThat(leaky.state()).isEqualTo(ServiceState.STOPPED);
        assertThat(leaky.lastFailure().summary()).isEqualTo("java.io.IOException: flush failed");
        assertThat(leaky.lastFailure().cause().getSuppressed()).singleElement()
                .isInstanceOf(BrokenServiceError.class);
        assertThat(registry.snapshot("base").orElseThrow().state()).isEqualTo(ServiceState.STOPPED);
        assertThat(log.calls()).endsWith("stop base", "join base");
    }

    @Test
    void nullFromStartOfATypedServiceFailsItWithTheFix() throws Exception {
        registry.install("empty", String.class, context -> null);
        registry.install("nothing", String.class, (AsyncService<String>) context -> null);
        registry.startAll();
        registry.settled().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(registry.snapshot("empty").orElseThrow().lastFailure().message()).isEqualTo(
                "Service 'empty' returned null from start() but its type is java.lang.String; return the value its "
                        + "dependents receive, or install it with type Void");
        assertThat(registry.snapshot("nothing").orElseThrow().lastFailure().message()).isEqualTo(
                "Service 'nothing' returned null from startAsync(); return a CompletionStage");
    }

    @Test
    void interruptOfTheCallingThreadDoesNotStopAnOperationAndIsKept() throws Exception {
        registry.install("db", String.class, log.service("db"));
        registry.startAll().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        List<Supplier<CompletableFuture<@Nullable Void>>> operations = List.of(
                () -> registry.fail("db", new IOException("lost")), () -> registry.restart("db"),
                () -> registry.stop("db"), () -> registry.start("db"), registry::settled);
        for (Supplier<CompletableFuture<@Nullable Void>> operation : operations) {
            Thread.currentThread().interrupt();
            CompletableFuture<@Nullable Void> future = operation.get();
            assertThat(Thread.interrupted()).as("the caller's interrupt is kept").isTrue();
            future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        time.advance(Duration.ofMillis(100));
        registry.settled().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(log.calls()).containsExactly("start db", "stop db", "join db", "start db", "stop db", "join db",
                "start db");
        assertThat(registry.snapshot("db").orElseThrow().state()).isEqualTo(ServiceState.RUNNING);
        Thread.currentThread().interrupt();
        registry.close();
        assertThat(Thread.interrupted()).isTrue();
        assertThat(registry.snapshot("db").orElseThrow().state()).isEqualTo(ServiceState.STOPPED);
    }

    @Test
    void startThatIsInterruptedFailsAndItsInterruptDoesNotLeakIntoTheNextTask() throws Exception {
        executor = Executors.newSingleThreadExecutor();
        rebuild(options -> options.executor(executor));
        AtomicInteger attempts = new AtomicInteger();
        AtomicBoolean nextSawInterrupt = new AtomicBoolean(true);
        registry.install("interrupted", String.class, context -> {
            if (attempts.incrementAndGet() == 1) {
                Thread.currentThread().interrupt();
                throw new InterruptedException("interrupted from elsewhere");
            }
            Thread.currentThread().interrupt();
            return "up, leaving its thread interrupted";
        });
        registry.install(ServiceDefinition.builder(ServiceKey.of("next", String.class), context -> {
            nextSawInterrupt.set(Thread.currentThread().isInterrupted());
            return "next";
        }).dependsOn("interrupted").build());
        CompletableFuture<@Nullable Void> startAll = registry.startAll();
        registry.settled().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(registry.snapshot("interrupted").orElseThrow().lastFailure().summary())
                .isEqualTo("java.lang.InterruptedException: interrupted from elsewhere");
        time.advance(Duration.ofMillis(100));
        assertThat(startAll).succeedsWithin(WAIT);
        assertThat(nextSawInterrupt).isFalse();
    }

    @Test
    void listenerThatThrowsIsLoggedAndTheRegistryCarriesOn() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        rebuild(options -> options.listener(new ServiceListener() {
            @Override
            public void onTransition(ServiceTransition transition) {
                calls.incrementAndGet();
                throw new IllegalStateException("listener bug");
            }
        }));
        registry.install("db", String.class, log.service("db"));

        registry.startAll().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        registry.restart("db").get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(registry.snapshot("db").orElseThrow().state()).isEqualTo(ServiceState.RUNNING);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(calls).hasValue(6);
            assertThat(listener.of("db")).hasSize(6);
        });
    }

    @Test
    void invalidOptionsAreRefusedWithTheRule() {
        ServiceDefinition.Builder<String> builder = ServiceDefinition.builder(ServiceKey.of("db", String.class),
                context -> "db");
        assertThatThrownBy(() -> builder.startTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The start timeout must be positive, was PT0S");
        assertThatThrownBy(() -> builder.stopTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The stop timeout must be positive, was PT-1S");
        assertThatThrownBy(() -> builder.failAfterUnhealthyChecks(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("failAfterUnhealthyChecks must be >= 0, was -1");
        assertThatThrownBy(() -> RestartPolicy.defaults().withJitter(1.5)).isInstanceOf(
                IllegalArgumentException.class).hasMessage("Invalid restart jitter 1.5: it must be between 0 and 1");
        assertThatThrownBy(() -> RestartPolicy.defaults().withIntensity(-1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid max-restarts -1: it must be >= 0");
        assertThatThrownBy(() -> RestartPolicy.defaults().withIntensity(1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid restart window PT0S: it must be positive");
        assertThatThrownBy(() -> RestartPolicy.defaults().withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Invalid restart back-off: initial PT2S, "
                        + "max PT1S; the initial delay must be >= 0 and the maximum >= the initial delay");
        assertThatThrownBy(() -> RestartPolicy.defaults().withBackoff(Duration.ZERO, Duration.ZERO, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid restart back-off multiplier 0.5: it must be >= 1");
    }

    /** An {@link Error} a service's own code throws. */
    static final class BrokenServiceError extends Error {

        private static final long serialVersionUID = 1L;

        BrokenServiceError(String message) {
            super(message);
        }
    }
}
