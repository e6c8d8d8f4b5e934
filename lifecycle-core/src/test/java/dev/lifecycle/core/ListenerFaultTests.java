package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.core.event.ServiceListener;
import dev.lifecycle.core.event.ServiceTransition;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Faulty listeners: one throws at every event, one blocks. The registry goes on (services start, fail, restart and
 * stop, and every operation's future completes), the well-behaved listener receives every event in order, the
 * blocked one receives its events once it returns, and {@code close()} completes within the event delivery timeout.
 */
class ListenerFaultTests {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ServiceKey<String> API = ServiceKey.of("api", String.class);

    private final CountDownLatch unblock = new CountDownLatch(1);
    private final TransitionLog recorded = new TransitionLog();
    private final AtomicInteger thrownAt = new AtomicInteger();
    private final ServiceListener throwing = new ServiceListener() {
        @Override
        public void onTransition(ServiceTransition transition) {
            thrownAt.incrementAndGet();
            throw new IllegalStateException("listener bug");
        }
    };

    @AfterEach
    void unblock() {
        unblock.countDown();
    }

    /** A listener that records what it receives and blocks, until {@link #unblock}, on the first event matching. */
    private final class Blocking implements ServiceListener {
        final List<ServiceTransition> received = new CopyOnWriteArrayList<>();
        final CountDownLatch blocked = new CountDownLatch(1);
        private final Predicate<ServiceTransition> blockOn;

        Blocking(Predicate<ServiceTransition> blockOn) {
            this.blockOn = blockOn;
        }

        @Override
        public void onTransition(ServiceTransition transition) {
            received.add(transition);
            if (blocked.getCount() > 0 && blockOn.test(transition)) {
                blocked.countDown();
                try {
                    unblock.await();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private ServiceRegistry registry(Blocking blocking) {
        return registry(ServiceRegistry.builder(), blocking);
    }

    private ServiceRegistry registry(ServiceRegistryBuilder builder, Blocking blocking) {
        ServiceRegistry registry = builder.listener(throwing).listener(blocking).listener(recorded)
                .restartPolicy(RestartPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(1), 1))
                .eventDeliveryTimeout(Duration.ofMillis(200)).build();
        registry.install("config", String.class, ctx -> "config");
        registry.install(ServiceDefinition.builder(ServiceKey.of("db", String.class), ctx -> "db")
                .dependsOn("config").build());
        registry.install(ServiceDefinition.builder(API, ctx -> "api").dependsOn("db").build());
        return registry;
    }

    @Test
    void aListenerBlockedForEverHoldsBackNeitherTheRegistryNorTheOtherListenersAndCloseCompletes() throws Exception {
        Blocking blocking = new Blocking(t -> true);
        ServiceRegistry registry = registry(blocking);
        // Whichever thread delivers the blocking listener's first event stays inside it: not this one.
        CompletableFuture<Void> caller = CompletableFuture.runAsync(registry::startAll);
        assertThat(blocking.blocked.await(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        assertThat(registry.await(API)).succeedsWithin(WAIT);
        assertThat(registry.fail("config", new IOException("lost"))).succeedsWithin(WAIT);
        assertThat(registry.await(API)).succeedsWithin(WAIT);
        assertThat(registry.restart("db")).succeedsWithin(WAIT);
        assertThat(registry.stop("api")).succeedsWithin(WAIT);
        assertThat(registry.start("api")).succeedsWithin(WAIT);
        assertThat(registry.snapshot()).extracting(ServiceSnapshot::state).containsOnly(ServiceState.RUNNING);

        // On its own thread: the blocked listener holds a thread of the common pool, which may have no other.
        CompletableFuture<Void> close = CompletableFuture.runAsync(registry::close,
                task -> new Thread(task, "close").start());
        assertThat(close).as("close() waits for the blocked listener at most its delivery timeout")
                .succeedsWithin(WAIT);

        assertThat(recorded.replay(Map.of("db", List.of("config"), "api", List.of("db")),
                Map.of("config", List.of("db"), "db", List.of("api")), 20)).isEmpty();
        assertThat(recorded.states()).containsOnlyKeys("config", "db", "api");
        assertThat(recorded.states().values()).containsOnly(ServiceState.STOPPED);
        assertThat(thrownAt).as("the throwing listener was called for every event").hasValue(recorded.size());
        assertThat(blocking.received).hasSize(1);

        unblock.countDown();
        await().atMost(WAIT).untilAsserted(() -> assertThat(blocking.received).as("its events waited for it")
                .containsExactlyElementsOf(recorded.transitions()));
        assertThat(caller).succeedsWithin(WAIT);
    }

    @Test
    void theFuturesOfAChangeWhoseDeliveryABlockedListenerHoldsCompleteAnyway() throws Exception {
        // Every start and every delivery runs on the thread that calls startAll(): that thread makes the change in
        // which api becomes RUNNING, and blocks delivering it, before it would complete the change's futures.
        Blocking blocking = new Blocking(t -> t.key().equals(API) && t.to() == ServiceState.RUNNING);
        ServiceRegistry registry = registry(ServiceRegistry.builder().executor(Runnable::run), blocking);
        CompletableFuture<@Nullable String> api = registry.await(API);

        Thread starter = new Thread(registry::startAll, "starter");
        starter.start();

        assertThat(blocking.blocked.await(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(api).succeedsWithin(WAIT).isEqualTo("api");
        await().atMost(WAIT).until(() -> recorded.states().get("api") == ServiceState.RUNNING);
        assertThat(starter.isAlive()).as("the starter is still inside the listener").isTrue();
        unblock.countDown();
        starter.join(WAIT.toMillis());
        registry.close();
        assertThat(blocking.received).containsExactlyElementsOf(recorded.transitions());
    }
}
