package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.event.ServiceListener;
import dev.lifecycle.core.internal.RegistryInternals;
import dev.lifecycle.core.event.ServiceTransition;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The order of events and futures, and which thread applies an outcome, as {@link ServiceRegistry} documents them.
 */
class EventOrderTests {

    private static final long WAIT_SECONDS = 10;

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final List<Thread> deliveredOn = new CopyOnWriteArrayList<>();
    private final ServiceListener recorder = new ServiceListener() {
        @Override
        public void onTransition(ServiceTransition t) {
            seen.add(t.key().id() + ":" + t.to());
            deliveredOn.add(Thread.currentThread());
        }
    };
    private @Nullable ServiceRegistry registry;

    @AfterEach
    void close() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void whenNoOtherThreadIsDeliveringAListenerHasEveryEventOfAChangeBeforeItsFutureCompletes() throws Exception {
        ServiceRegistry registry = ServiceRegistry.builder().executor(Runnable::run).listener(recorder).build();
        this.registry = registry;
        registry.install("db", String.class, ctx -> "db");
        registry.install(ServiceDefinition.builder(ServiceKey.of("api", String.class), ctx -> "api")
                .dependsOn("db").build());
        registry.startAll().join();
        List<String> whenCompleted = new CopyOnWriteArrayList<>();

        registry.fail("db", new IOException("lost")).thenRun(() -> whenCompleted.addAll(seen)).join();

        assertThat(whenCompleted).endsWith("api:STOPPING", "db:STOPPING", "api:WAITING", "db:FAILED");
    }

    @Test
    void aCallerThatTakesTheLockNextAppliesTheOutcomesOtherThreadsReportedMeanwhile() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        ServiceRegistry registry = ServiceRegistry.builder().listener(recorder).build();
        this.registry = registry;
        registry.install("db", String.class, ctx -> {
            started.countDown();
            proceed.await();
            return "db";
        });
        java.util.concurrent.locks.ReentrantLock lock = RegistryInternals.lock(registry);
        registry.startAll();
        assertThat(started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        // The start returns while another thread holds the lock: its worker queues the outcome and goes on.
        lock.lock();
        try {
            proceed.countDown();
            org.awaitility.Awaitility.await().until(() -> RegistryInternals.outcomesWaiting(registry));
        } finally {
            lock.unlock();
        }
        assertThat(registry.handle(ServiceKey.of("db", String.class)).state()).isEqualTo(ServiceState.STARTING);
        CompletableFuture<@Nullable Void> settled = registry.settled();

        assertThat(settled).succeedsWithin(java.time.Duration.ofSeconds(WAIT_SECONDS));
        assertThat(seen).containsExactly("db:STARTING", "db:RUNNING");
        assertThat(deliveredOn.get(1)).as("the RUNNING event, delivered by the caller that applied the outcome")
                .isSameAs(Thread.currentThread());
    }
}
