package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Independent starts run at the same time on the default executor, and a start that blocks holds back nothing but
 * its own dependents. Each test proves overlap with a barrier or latch that only opens when every start is inside
 * it at once; the bounded waits only keep a broken engine from hanging the build.
 */
class ParallelStartTests extends ManualRegistryTestBase {

    /** A start that counts {@code allInside} down, then fails unless all 64 starts are inside at once. */
    private static Service<Integer> insideAtOnce(CountDownLatch allInside) {
        return insideAtOnce(allInside, 64);
    }

    /** A start that counts {@code allInside} down, then fails unless all {@code count} starts are inside at once. */
    private static Service<Integer> insideAtOnce(CountDownLatch allInside, int count) {
        return ctx -> {
            allInside.countDown();
            if (!allInside.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("only " + (count - allInside.getCount()) + " of " + count
                        + " starts overlapped");
            }
            return 1;
        };
    }

    @Test
    void twoIndependentBlockingStartsAreInsideStartAtTheSameTime() throws Exception {
        CyclicBarrier bothInside = new CyclicBarrier(2);
        registry.install("left", String.class, ctx -> {
            bothInside.await(10, TimeUnit.SECONDS);
            return "left";
        });
        registry.install("right", String.class, ctx -> {
            bothInside.await(10, TimeUnit.SECONDS);
            return "right";
        });

        registry.startAll().get(20, TimeUnit.SECONDS);

        assertThat(registry.snapshot()).extracting(ServiceSnapshot::state).containsOnly(ServiceState.RUNNING);
    }

    @Test
    void sixtyFourIndependentBlockingStartsAreAllInsideStartAtOnce() throws Exception {
        CountDownLatch allInside = new CountDownLatch(64);
        for (int i = 0; i < 64; i++) {
            registry.install("blocking" + i, Integer.class, insideAtOnce(allInside));
        }

        registry.startAll().get(20, TimeUnit.SECONDS);

        assertThat(registry.snapshot()).hasSize(64).extracting(ServiceSnapshot::state)
                .containsOnly(ServiceState.RUNNING);
    }

    /**
     * More blocking starts than one stall of the queue adds workers for (the first adds as many as there are cores,
     * each following one twice as many, up to 256): the stalls go on until every start has a worker.
     */
    @Test
    void sixHundredIndependentBlockingStartsAreAllInsideStartAtOnce() throws Exception {
        CountDownLatch allInside = new CountDownLatch(600);
        for (int i = 0; i < 600; i++) {
            registry.install("blocking" + i, Integer.class, insideAtOnce(allInside, 600));
        }

        registry.startAll().get(20, TimeUnit.SECONDS);

        assertThat(registry.snapshot()).hasSize(600).extracting(ServiceSnapshot::state)
                .containsOnly(ServiceState.RUNNING);
    }

    @Test
    void sixtyFourDependentsReleasedByOneRequirementAreAllInsideStartAtOnce() throws Exception {
        CountDownLatch allInside = new CountDownLatch(64);
        ServiceHandle<String> root = registry.install("root", String.class, ctx -> "root");
        for (int i = 0; i < 64; i++) {
            registry.install(ServiceDefinition.builder(ServiceKey.of("dependent" + i, Integer.class),
                    insideAtOnce(allInside)).requires(root.key()).build());
        }

        registry.startAll().get(20, TimeUnit.SECONDS);

        assertThat(registry.snapshot()).hasSize(65).extracting(ServiceSnapshot::state)
                .containsOnly(ServiceState.RUNNING);
    }

    @Test
    void blockedStartHoldsBackOnlyItsOwnDependents() throws Exception {
        ServiceHandle<String> slow = registry.install("slow", String.class, ctx -> {
            release.await(10, TimeUnit.SECONDS);
            return "slow";
        });
        registry.install(ServiceDefinition.builder(ServiceKey.of("afterSlow", String.class), ctx -> "after")
                .requires(slow.key()).build());
        ServiceHandle<String> a = registry.install("a", String.class, ctx -> "a");
        ServiceHandle<String> b = registry.install(ServiceDefinition.builder(ServiceKey.of("b", String.class),
                ctx -> "b(" + a.get() + ")").requires(a.key()).build());

        registry.startAll();
        String chainValue = b.await().get(10, TimeUnit.SECONDS);
        ServiceState slowWhileChainRan = slow.state();
        ServiceState afterSlowWhileChainRan = registry.handle(ServiceKey.of("afterSlow", String.class)).state();
        release.countDown();
        registry.settled().get(10, TimeUnit.SECONDS);

        assertThat(chainValue).isEqualTo("b(a)");
        assertThat(slowWhileChainRan).isEqualTo(ServiceState.STARTING);
        assertThat(afterSlowWhileChainRan).isEqualTo(ServiceState.WAITING);
        assertThat(registry.snapshot()).extracting(ServiceSnapshot::state).containsOnly(ServiceState.RUNNING);
    }

    /**
     * Covers a bug where the JVM's watchdog ran the queued tasks of a caller-runs registry on its own thread: once
     * 'first' has started, 'slow' and 'other' are queued for the calling thread, and 'slow' blocks it.
     */
    @Test
    void withAnExecutorThatRunsTasksOnTheCallerEveryStartRunsOnTheCallingThread() throws Exception {
        ServiceRegistry inline = rebuild(options -> options.executor(Runnable::run));
        Thread caller = Thread.currentThread();
        CountDownLatch otherStarted = new CountDownLatch(1);
        List<String> starts = new CopyOnWriteArrayList<>();
        inline.install("first", String.class, ctx -> "first");
        inline.install("second", String.class, ctx -> "second");
        inline.install(ServiceDefinition.builder(ServiceKey.of("slow", String.class), ctx -> {
            starts.add("slow on " + (Thread.currentThread() == caller ? "caller" : Thread.currentThread()));
            // Far longer than the watchdog's stall window: a broken engine starts 'other' elsewhere meanwhile.
            otherStarted.await(500, TimeUnit.MILLISECONDS);
            return "slow";
        }).dependsOn("first").build());
        inline.install(ServiceDefinition.builder(ServiceKey.of("other", String.class), ctx -> {
            starts.add("other on " + (Thread.currentThread() == caller ? "caller" : Thread.currentThread()));
            otherStarted.countDown();
            return "other";
        }).dependsOn("first").build());

        inline.startAll().get(20, TimeUnit.SECONDS);

        assertThat(starts).containsExactly("slow on caller", "other on caller");
    }

    /** Covers a bug where a service installed from another's start was queued behind that start on its thread. */
    @Test
    void startThatInstallsAnotherServiceAndWaitsForItDoesNotHoldItBack() throws Exception {
        ServiceKey<String> pluginKey = ServiceKey.of("plugin", String.class);
        registry.install("loader", String.class, ctx -> {
            registry.install(pluginKey.name(), String.class, pluginCtx -> "plugin");
            return "loaded " + registry.await(pluginKey).get(10, TimeUnit.SECONDS);
        });

        registry.startAll().get(20, TimeUnit.SECONDS);

        assertThat(registry.get(ServiceKey.of("loader", String.class))).isEqualTo("loaded plugin");
        assertThat(registry.snapshot()).extracting(ServiceSnapshot::id).containsExactly("loader", "plugin");
    }

    /** Covers a bug where a start released by another service's start was queued behind that start on its thread. */
    @Test
    void startThatCompletesAnotherAsyncStartAndWaitsForItsDependentDoesNotHoldItBack() throws Exception {
        CompletableFuture<String> sourceFuture = new CompletableFuture<>();
        ServiceHandle<String> source = registry.install("source", String.class,
                (AsyncService<String>) ctx -> sourceFuture);
        ServiceKey<String> consumerKey = ServiceKey.of("consumer", String.class);
        registry.install(ServiceDefinition.builder(consumerKey, ctx -> "consumer of " + source.get())
                .requires(source.key()).build());
        registry.install("trigger", String.class, ctx -> {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                    .until(() -> sourceFuture.getNumberOfDependents() > 0);
            sourceFuture.complete("events");
            return "triggered " + registry.await(consumerKey).get(10, TimeUnit.SECONDS);
        });

        registry.startAll().get(20, TimeUnit.SECONDS);

        assertThat(registry.get(ServiceKey.of("trigger", String.class))).isEqualTo("triggered consumer of events");
    }
}
