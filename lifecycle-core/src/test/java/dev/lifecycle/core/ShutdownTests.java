package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.event.ServiceTransition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShutdownTests extends ManualRegistryTestBase {

    @Test
    void stopAllInterruptsAStartInFlightAndTheServiceEndsStoppedNotFailed() throws Exception {
        rebuild(options -> options.startTimeout(Duration.ofHours(1)));
        List<String> calls = new CopyOnWriteArrayList<>();
        registry.install("ready", String.class, ctx -> "ready");
        registry.install("slow", String.class, new Service<>() {
            @Override
            public String start(ServiceContext context) throws InterruptedException {
                calls.add("start");
                entered.countDown();
                new CountDownLatch(1).await();
                return "never";
            }

            @Override
            public void stop(ServiceContext context) {
                calls.add("stop");
            }
        });
        registry.startAll();
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        registry.stopAll().get(10, TimeUnit.SECONDS);

        assertThat(registry.snapshot("slow").orElseThrow().state()).isEqualTo(ServiceState.STOPPED);
        assertThat(registry.snapshot("slow").orElseThrow().lastFailure()).isNull();
        assertThat(registry.snapshot("ready").orElseThrow().state()).isEqualTo(ServiceState.STOPPED);
        assertThat(calls).containsExactly("start");
        assertThat(listener.of("slow")).containsExactly("INSTALLED->STARTING", "STARTING->STOPPING",
                "STOPPING->STOPPED");
        listener.assertAllLegal();
    }

    @Test
    void atShutdownEveryServiceStopsForTheShutdownAndNoneIsNamedAsTheReasonOfAnother() throws Exception {
        registry.install("config", String.class, ctx -> "v1");
        registry.install(ServiceDefinition.builder(ServiceKey.of("db", String.class), ctx -> "db")
                .dependsOn("config").build());
        registry.install(ServiceDefinition.builder(ServiceKey.of("cache", String.class), ctx -> "cache")
                .dependsOn("db").build());
        registry.startAll().get(10, TimeUnit.SECONDS);

        registry.stopAll().get(10, TimeUnit.SECONDS);

        assertThat(listener.transitions()).filteredOn(t -> t.from() == ServiceState.RUNNING)
                .extracting(t -> t.key().id(), ServiceTransition::reason, ServiceTransition::detail)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("config", TransitionReason.SHUTDOWN, null),
                        org.assertj.core.groups.Tuple.tuple("db", TransitionReason.SHUTDOWN, null),
                        org.assertj.core.groups.Tuple.tuple("cache", TransitionReason.SHUTDOWN, null));
        listener.assertAllLegal();
    }

    @Test
    void onTheSystemClockTransitionsCarryTheSystemClocksTime() throws Exception {
        rebuild(options -> options.clock(Clock.systemUTC()));
        registry.install("config", String.class, ctx -> "v1");
        Instant before = Instant.now();

        registry.startAll().get(10, TimeUnit.SECONDS);

        Instant after = Instant.now();
        // The engine derives the system clock's time from System.nanoTime(): allow for the clock's resolution.
        assertThat(listener.transitions()).extracting(ServiceTransition::at)
                .allSatisfy(at -> assertThat(at).isBetween(before.minusMillis(1), after.plusMillis(1)));
        assertThat(registry.snapshot("config").orElseThrow().since())
                .isBetween(before.minusMillis(1), after.plusMillis(1));
    }

    @Test
    void closeReturnsOnceTheListenersHaveReceivedTheLastTransitionsEvenWhileAnotherThreadDeliversThem()
            throws Exception {
        CountDownLatch stopsCalled = new CountDownLatch(2);
        java.util.concurrent.atomic.AtomicBoolean blocked = new java.util.concurrent.atomic.AtomicBoolean();
        List<String> received = new CopyOnWriteArrayList<>();
        rebuild(options -> options.listener(new dev.lifecycle.core.event.ServiceListener() {
            @Override
            public void onTransition(ServiceTransition t) {
                received.add(t.key().id() + " " + t.to());
                if (t.to() == ServiceState.STOPPING && blocked.compareAndSet(false, true)) {
                    // The thread delivering this event is held: the later events queue behind it.
                    try {
                        release.await();
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }));
        for (String id : List.of("a", "b")) {
            registry.install(id, String.class, withStop(id, context -> stopsCalled.countDown()));
        }
        registry.startAll().get(10, TimeUnit.SECONDS);
        Thread stopper = new Thread(registry::stopAll, "stopper");
        stopper.start();
        assertThat(stopsCalled.await(10, TimeUnit.SECONDS)).isTrue();

        Thread closer = new Thread(registry::close, "closer");
        closer.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> closer.getState() == Thread.State.TIMED_WAITING || !closer.isAlive());
        assertThat(closer.isAlive()).as("close() waits for the listener").isTrue();
        release.countDown();
        closer.join(10_000);
        stopper.join(10_000);

        assertThat(closer.isAlive()).isFalse();
        assertThat(received).contains("a STOPPED", "b STOPPED");
    }
}
