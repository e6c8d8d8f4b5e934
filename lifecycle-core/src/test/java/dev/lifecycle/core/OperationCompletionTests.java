package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * When an operation's future completes: once the services it concerns have settled (the service, the dependents its
 * cascade stops, cancels or starts again, and what the service itself waits for), never later because of a service it
 * does not concern, such as one stuck in a long start. User code runs on the calling thread and the stuck starts are
 * asynchronous starts the test completes by hand (start timeout: an hour on a clock that moves only by hand), so a
 * future that is not done right after the call is waiting.
 */
class OperationCompletionTests extends ManualRegistryTestBase {

    private final ManualStart<String> stuck = new ManualStart<>();

    @Override
    boolean onCallingThread() {
        return true;
    }

    @Override
    ServiceRegistryBuilder builder() {
        return super.builder().startTimeout(Duration.ofHours(1));
    }

    /** Installs {@code config <- db <- api} (recorded services) and {@code stuck}, whose start never ends by itself. */
    private void startChainAndAStuckStart() {
        registry.install("config", String.class, log.service("config"));
        install("db", log.service("db"), "config");
        install("api", log.service("api"), "db");
        install("stuck", stuck);
        registry.startAll();
        assertThat(snapshot("api").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(snapshot("stuck").state()).isEqualTo(ServiceState.STARTING);
    }

    @Test
    void restartOfAServiceWithoutDependentsCompletesWhileAnUnrelatedStartIsStuck() throws Exception {
        registry.install("other", String.class, log.service("other"));
        install("stuck", stuck);
        registry.startAll();

        CompletableFuture<@Nullable Void> restart = registry.restart("other");

        assertThat(restart).isDone();
        assertThat(snapshot("other").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(snapshot("other").restarts()).isEqualTo(1);
        assertThat(snapshot("stuck").state()).isEqualTo(ServiceState.STARTING);
    }

    @Test
    void restartOfAServiceWithDependentsCompletesOnceTheyAreBackWhileAnUnrelatedStartIsStuck() throws Exception {
        startChainAndAStuckStart();

        CompletableFuture<@Nullable Void> restart = registry.restart("config");

        assertThat(restart).isDone();
        assertThat(log.calls()).endsWith("stop api", "join api", "stop db", "join db", "stop config", "join config",
                "start config", "start db", "start api");
        assertThat(List.of("config", "db", "api")).allSatisfy(id ->
                assertThat(snapshot(id).state()).isEqualTo(ServiceState.RUNNING));
        assertThat(snapshot("stuck").state()).isEqualTo(ServiceState.STARTING);
    }

    @Test
    void failStopAndStartOfAServiceWithDependentsCompleteWhileAnUnrelatedStartIsStuck() throws Exception {
        startChainAndAStuckStart();

        CompletableFuture<@Nullable Void> fail = registry.fail("config", new IOException("config file changed"));
        assertThat(fail).isDone();
        assertThat(snapshot("config").state()).isEqualTo(ServiceState.FAILED);
        assertThat(snapshot("api").state()).isEqualTo(ServiceState.WAITING);
        time.advance(Duration.ofMillis(100));
        assertThat(snapshot("api").state()).isEqualTo(ServiceState.RUNNING);

        CompletableFuture<@Nullable Void> stop = registry.stop("config");
        assertThat(stop).isDone();
        assertThat(snapshot("config").state()).isEqualTo(ServiceState.STOPPED);
        assertThat(snapshot("db").state()).isEqualTo(ServiceState.WAITING);

        CompletableFuture<@Nullable Void> start = registry.start("config");
        assertThat(start).isDone();
        assertThat(snapshot("api").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(snapshot("stuck").state()).isEqualTo(ServiceState.STARTING);
    }

    @Test
    void settledWaitsForTheWholeRegistryWhereAnOperationDoesNot() throws Exception {
        startChainAndAStuckStart();

        CompletableFuture<@Nullable Void> restart = registry.restart("db");
        CompletableFuture<@Nullable Void> settled = registry.settled();

        assertThat(restart).isDone();
        assertThat(settled).isNotDone();
        stuck.complete("stuck");
        assertThat(settled).isDone();
    }

    @Test
    void operationWaitsForTheDependentsItsCascadeStartsAgain() throws Exception {
        ManualStart<String> api = new ManualStart<>();
        registry.install("config", String.class, log.service("config"));
        install("api", api, "config");
        registry.startAll();
        api.complete("api#1");

        CompletableFuture<@Nullable Void> restart = registry.restart("config");

        assertThat(restart).isNotDone();
        assertThat(snapshot("config").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(snapshot("api").state()).isEqualTo(ServiceState.STARTING);
        api.complete("api#2");
        assertThat(restart).isDone();
    }

    @Test
    void operationWaitsForADependentWhoseStartItsCascadeCancelledUntilThatStartEnds() throws Exception {
        CompletableFuture<@Nullable String> apiStart = new IgnoresCancellation<>();
        registry.install("config", String.class, log.service("config"));
        install("api", startingWith(apiStart), "config");
        registry.startAll();
        assertThat(snapshot("api").state()).isEqualTo(ServiceState.STARTING);

        CompletableFuture<@Nullable Void> stop = registry.stop("config");

        assertThat(stop).isNotDone();
        assertThat(snapshot("config").state()).isEqualTo(ServiceState.STOPPING);
        apiStart.complete("api");
        assertThat(stop).isDone();
        assertThat(snapshot("config").state()).isEqualTo(ServiceState.STOPPED);
        assertThat(snapshot("api").state()).isEqualTo(ServiceState.WAITING);
    }

    @Test
    void operationOnAServiceThatRequiresAStuckOneWaitsForItButNotForItsOtherDependents() throws Exception {
        ManualStart<String> sibling = new ManualStart<>();
        install("stuck", stuck);
        install("db", log.service("db"), "stuck");
        install("sibling", sibling, "stuck");
        registry.startAll();
        assertThat(registry.stop("db")).isDone();

        CompletableFuture<@Nullable Void> start = registry.start("db");

        assertThat(start).isNotDone();
        assertThat(snapshot("db").state()).isEqualTo(ServiceState.WAITING);
        assertThat(snapshot("db").rootCause()).isEqualTo("waiting for stuck to start");
        stuck.complete("stuck");
        assertThat(snapshot("db").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(snapshot("sibling").state()).isEqualTo(ServiceState.STARTING);
        assertThat(start).isDone();
    }

    @Test
    void operationWaitsForADependentInstalledWhileItRunsThatStartsAfterTheService() throws Exception {
        ManualStart<String> config = new ManualStart<>();
        ManualStart<String> late = new ManualStart<>();
        install("config", config);
        registry.startAll();
        config.complete("config#1");
        CompletableFuture<@Nullable Void> restart = registry.restart("config");
        assertThat(snapshot("config").state()).isEqualTo(ServiceState.STARTING);

        install("late", late, "config");
        config.complete("config#2");

        assertThat(snapshot("late").state()).isEqualTo(ServiceState.STARTING);
        assertThat(restart).isNotDone();
        late.complete("late");
        assertThat(restart).isDone();
    }

    @Test
    void operationThatChangesNothingDoesNotWaitForADependentStartingForItsOwnReasons() throws Exception {
        ManualStart<String> slow = new ManualStart<>();
        registry.install("config", String.class, log.service("config"));
        registry.startAll();
        install("slow", slow, "config");
        assertThat(snapshot("slow").state()).isEqualTo(ServiceState.STARTING);

        CompletableFuture<@Nullable Void> start = registry.start("config");

        assertThat(start).isDone();
        assertThat(snapshot("slow").state()).isEqualTo(ServiceState.STARTING);
    }

    @Test
    void restartForConfigurationCompletesWhileAnUnrelatedStartIsStuck() throws Exception {
        startChainAndAStuckStart();

        CompletableFuture<@Nullable Void> restart = registry.restartForConfiguration(List.of("db"), List.of("db.url"));

        assertThat(restart).isDone();
        assertThat(log.calls()).endsWith("stop api", "join api", "stop db", "join db", "start db", "start api");
    }

    @Test
    void serviceMayFailItsOwnRequirementFromItsStartAndWaitForTheCascadeWhileItsStartIgnoresTheInterrupt()
            throws Exception {
        rebuildOnDefaultExecutor();
        AtomicReference<String> outcome = new AtomicReference<>("not done");
        registry.install("config", String.class, log.service("config"));
        install("invalidator", context -> {
            CompletableFuture<@Nullable Void> fail = registry.fail("config", new IOException("invalidated"));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!fail.isDone() && System.nanoTime() < deadline) {
                try {
                    fail.get(10, TimeUnit.MILLISECONDS);
                } catch (InterruptedException | TimeoutException | ExecutionException ignored) {
                    // The cascade cancels this start: it goes on waiting, as code that ignores interrupts does.
                }
            }
            outcome.set(fail.isDone() ? "done" : "still waiting");
            return "invalidator";
        }, "config");

        registry.startAll();

        await().atMost(WAIT).untilAsserted(() -> assertThat(outcome.get()).isEqualTo("done"));
        done(registry.settled());
        assertThat(snapshot("config").state()).isEqualTo(ServiceState.FAILED);
        assertThat(snapshot("invalidator").state()).isEqualTo(ServiceState.WAITING);
    }

    /** A start future that ignores cancellation, as a start that ignores its interrupt does. */
    private static final class IgnoresCancellation<T> extends CompletableFuture<T> {
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }
    }

    /** An asynchronous service whose (only) start returns {@code start}. */
    private static AsyncService<String> startingWith(CompletableFuture<@Nullable String> start) {
        return new AsyncService<>() {
            @Override
            public CompletionStage<@Nullable String> startAsync(ServiceContext context) {
                return start;
            }
        };
    }
}
