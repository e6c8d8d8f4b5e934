package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifecycle.core.internal.RegistryInternals;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The edges of a service's life: calls racing with its removal, null arguments, the value of an unknown or a Void
 * service, when a failure is recorded as having happened, and the scheduler never being called under the lock.
 */
class ServiceEdgeTests extends ManualRegistryTestBase {

    private static final ServiceKey<String> SLOW = ServiceKey.of("slow", String.class);

    /** Calls made to the scheduler, and how many of them came with the registry's lock held. */
    private final AtomicInteger schedulerCalls = new AtomicInteger();
    private final List<String> underTheLock = new CopyOnWriteArrayList<>();

    @Override
    ServiceRegistryBuilder builder() {
        Scheduler probed = (task, delay) -> {
            check("schedule");
            Scheduler.Cancellable cancellable = time.schedule(task, delay);
            return () -> {
                check("cancel");
                cancellable.cancel();
            };
        };
        return super.builder().scheduler(probed).healthCheckInterval(Duration.ofSeconds(1));
    }

    private void check(String call) {
        schedulerCalls.incrementAndGet();
        if (RegistryInternals.lock(registry).isHeldByCurrentThread()) {
            underTheLock.add(call + " from " + Thread.currentThread().getName());
        }
    }

    @Test
    void operationsOnAServiceBeingRemovedAreRefusedNamingTheRemovalAndTheRemovalStillCompletes() throws Exception {
        registry.install("slow", String.class, blockingStart(() -> "slow", false));
        registry.startAll();
        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        CompletableFuture<@Nullable Void> removal = registry.remove("slow");

        Map<String, Runnable> calls = new LinkedHashMap<>();
        calls.put("fail", () -> registry.fail("slow", new IOException("x")));
        calls.put("restart", () -> registry.restart("slow"));
        calls.put("stop", () -> registry.stop("slow"));
        calls.put("start", () -> registry.start("slow"));
        calls.forEach((call, operation) -> assertThatThrownBy(operation::run).as(call)
                .isInstanceOf(UnknownServiceException.class)
                .hasMessage("Cannot " + call + "('slow'): the service is being removed (install it again once its "
                        + "remove() future completes)"));
        assertThatThrownBy(() -> registry.install("slow", String.class, ctx -> "again"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot install('slow'): the service installed with that id is being removed; install it "
                        + "again once its remove() future completes");
        assertThat(registry.remove("slow")).isSameAs(removal);

        release.countDown();
        done(removal);
        assertThat(registry.snapshot("slow")).isEmpty();
        registry.install("slow", String.class, ctx -> "again");
        assertThat(registry.await(SLOW)).succeedsWithin(WAIT).isEqualTo("again");
    }

    @Test
    void operationsRacingWithARemovalFromAnotherThreadAreEitherAppliedOrRefusedNeverLost() throws Exception {
        for (int round = 0; round < 50; round++) {
            String id = "s" + round;
            registry.install(id, String.class, log.service(id));
            done(round == 0 ? registry.startAll() : registry.settled());
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<CompletableFuture<@Nullable Void>> removal = CompletableFuture.supplyAsync(() -> {
                awaitQuietly(go);
                return registry.remove(id);
            });
            go.countDown();
            boolean applied;
            try {
                done(registry.stop(id));
                applied = true;
            } catch (UnknownServiceException refused) {
                assertThat(refused.id()).isEqualTo(id);
                applied = false;
            }
            done(removal.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertThat(registry.snapshot(id)).isEmpty();
            // A stop that was accepted took effect before the removal: the service went down for the stop (and
            // the removal merged into it); one that was refused found the removal under way.
            String expected = applied ? "stopped by an operator" : "removing";
            org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(listener.transitions())
                    .filteredOn(t -> t.key().id().equals(id) && t.to() == ServiceState.STOPPING)
                    .extracting(dev.lifecycle.core.event.ServiceTransition::detail).containsExactly(expected));
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void nullArgumentsSayWhichArgumentOfWhichCall() {
        Map<String, Runnable> calls = new LinkedHashMap<>();
        calls.put("ServiceKey.of(name, type): name must not be null", () -> ServiceKey.of(null, String.class));
        calls.put("ServiceKey.of(name, type): type must not be null", () -> ServiceKey.of("db", null));
        calls.put("ServiceRegistry.install(name, type, service): name must not be null",
                () -> registry.install(null, String.class, ctx -> "db"));
        calls.put("ServiceRegistry.install(name, type, service): service must not be null",
                () -> registry.install("db", String.class, null));
        calls.put("ServiceRegistry.install(definition): definition must not be null", () -> registry.install(null));
        calls.put("ServiceDefinition.builder(key, service): key must not be null",
                () -> ServiceDefinition.builder(null, ctx -> "db"));
        calls.put("ServiceDefinition.Builder.dependsOn(ids): an id must not be null",
                () -> ServiceDefinition.builder(SLOW, ctx -> "db").dependsOn((String) null));
        calls.put("ServiceRegistry.fail(id, cause): id must not be null", () -> registry.fail(null, new IOException()));
        calls.put("ServiceRegistry.restart(id): id must not be null", () -> registry.restart(null));
        calls.put("ServiceRegistry.stop(id): id must not be null", () -> registry.stop(null));
        calls.put("ServiceRegistry.start(id): id must not be null", () -> registry.start(null));
        calls.put("ServiceRegistry.remove(id): id must not be null", () -> registry.remove(null));
        calls.put("ServiceRegistry.snapshot(id): id must not be null", () -> registry.snapshot((String) null));
        calls.put("ServiceRegistry.get(key): key must not be null", () -> registry.get(null));
        calls.put("ServiceRegistry.await(key): key must not be null", () -> registry.await(null));
        calls.put("ServiceRegistry.handle(key): key must not be null", () -> registry.handle(null));
        calls.put("ServiceRegistry.addListener(listener): listener must not be null",
                () -> registry.addListener(null));
        calls.forEach((message, call) -> assertThatThrownBy(call::run).isInstanceOf(NullPointerException.class)
                .hasMessage(message));
        assertThat(registry.snapshot()).isEmpty();
    }

    @Test
    void getOfAnUnknownKeyThrowsAndOnlyAVoidServiceGivesNull() throws Exception {
        ServiceKey<Void> marker = ServiceKey.of("marker", Void.class);
        registry.install("marker", Void.class, ctx -> null);
        done(registry.startAll());

        assertThat(registry.get(marker)).isNull();
        assertThatThrownBy(() -> registry.get(SLOW)).isInstanceOf(UnknownServiceException.class)
                .hasMessage("No service 'slow' is installed; check the name (and the qualifier, written "
                        + "name:qualifier)");
    }

    @Test
    void aFailureIsRecordedAtTheTimeItWasReportedNotWhenTheStopEnded() throws Exception {
        registry.install("db", String.class, blockingStop("db"));
        done(registry.startAll());
        Instant reported = time.instant();

        CompletableFuture<@Nullable Void> fail = registry.fail("db", new IOException("connection reset"));
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> log.calls().contains("stop db"));
        time.advance(Duration.ofSeconds(3));
        release.countDown();
        done(fail);

        FailureInfo failure = snapshot("db").lastFailure();
        assertThat(failure.summary()).isEqualTo("java.io.IOException: connection reset");
        assertThat(failure.at()).isEqualTo(reported);
        assertThat(snapshot("db").since()).isEqualTo(reported.plusSeconds(3));
    }

    @Test
    void theSchedulerIsNeverCalledWithTheRegistrysLockHeld() throws Exception {
        registry.install(ServiceDefinition.builder(ServiceKey.of("db", String.class),
                failingFirst(1, attempt -> new IOException("not yet"), attempt -> "db"))
                .healthCheck(() -> true).startTimeout(Duration.ofSeconds(30)).build());
        install("api", log.service("api"), "db");

        registry.startAll();
        done(registry.settled());
        assertThat(snapshot("db").state()).isEqualTo(ServiceState.FAILED);
        time.advance(Duration.ofSeconds(1));
        done(registry.settled());
        assertThat(snapshot("db").state()).isEqualTo(ServiceState.RUNNING);
        time.advance(Duration.ofSeconds(3));
        done(registry.checkHealth());
        done(registry.fail("db", new IOException("lost")));
        done(registry.stop("db"));
        done(registry.stopAll());

        assertThat(schedulerCalls).as("restart back-offs, deadlines and health checks were scheduled")
                .hasValueGreaterThan(5);
        assertThat(underTheLock).isEmpty();
    }
}
