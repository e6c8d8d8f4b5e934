package dev.lifecycle.benchmarks.peers;

import dev.lifecycle.benchmarks.Dag;
import dev.lifecycle.benchmarks.Probe;
import dev.lifecycle.benchmarks.StartWork;
import dev.lifecycle.core.AsyncService;
import dev.lifecycle.core.RestartPolicy;
import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceContext;
import dev.lifecycle.core.ServiceDefinition;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.core.event.ServiceListener;
import dev.lifecycle.core.event.ServiceTransition;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * This project's engine with its defaults (virtual threads on Java 21+, a pool growing with demand on 17): services
 * installed with {@code dependsOn}, {@code startAll()}, {@code stopAll()}; the cascade is
 * {@code fail(root, cause)} under a restart policy of zero back-off, timed until every affected service is RUNNING
 * again (a listener counts RUNNING transitions).
 */
final class LifecyclePeer implements Peer {

    /** Restart at once, without jitter, and never give up within a run. */
    static final RestartPolicy IMMEDIATE_RESTART = RestartPolicy.defaults()
            .withBackoff(Duration.ZERO, Duration.ZERO, 1.0)
            .withJitter(0)
            .withIntensity(Integer.MAX_VALUE, Duration.ofSeconds(1));

    @Override
    public String id() {
        return "lifecycle";
    }

    @Override
    public String title() {
        return "lifecycle-core " + Versions.of("lifecycle");
    }

    @Override
    public PeerInstance create(Dag dag, Probe probe, StartWork work, ScheduledExecutorService timer) {
        return new Instance(dag, probe, work, timer);
    }

    private static final class Instance extends PeerRun implements ServiceListener {

        private @Nullable ServiceRegistry registry;
        private final AtomicInteger awaitedRunning = new AtomicInteger();
        private volatile @Nullable CompletableFuture<@Nullable Void> allRunning;
        private boolean listening;

        Instance(Dag dag, Probe probe, StartWork work, ScheduledExecutorService timer) {
            super(dag, probe, work, timer);
        }

        @Override
        public void install() {
            ServiceRegistry registry = ServiceRegistry.builder().restartPolicy(IMMEDIATE_RESTART).build();
            this.registry = registry;
            for (int i = 0; i < dag.size(); i++) {
                String[] names = dag.requiredNames(i);
                Service<Void> service = work == StartWork.ASYNC ? new AsyncProbeService(probe, i, timer)
                        : new ProbeService(probe, i, work == StartWork.BLOCKING);
                registry.install(ServiceDefinition.builder(ServiceKey.of(dag.name(i), Void.class), service)
                        .dependsOn(names).build());
            }
        }

        @Override
        public void start() {
            registry().startAll().join();
        }

        @Override
        public void stop() {
            registry().stopAll().join();
        }

        @Override
        public void cascade(int root, int affected) throws Exception {
            CompletableFuture<@Nullable Void> done = new CompletableFuture<>();
            awaitedRunning.set(affected);
            allRunning = done;
            if (!listening) {
                // Added here, not at install, so that the other workloads measure the engine without listeners.
                registry().addListener(this);
                listening = true;
            }
            registry().fail(dag.name(root), new IllegalStateException("failed by the benchmark"));
            done.get(5, TimeUnit.MINUTES);
            allRunning = null;
        }

        @Override
        public void onTransition(ServiceTransition transition) {
            CompletableFuture<@Nullable Void> done = allRunning;
            if (done != null && transition.to() == ServiceState.RUNNING && awaitedRunning.decrementAndGet() == 0) {
                done.complete(null);
            }
        }

        @Override
        public void close() {
            if (registry != null) {
                registry.close();
            }
        }

        private ServiceRegistry registry() {
            if (registry == null) {
                throw new IllegalStateException("install() first");
            }
            return registry;
        }
    }

    /** A service reporting to the probe, optionally blocking in its start. */
    private static final class ProbeService implements Service<Void> {

        private final Probe probe;
        private final int index;
        private final boolean blocking;

        ProbeService(Probe probe, int index, boolean blocking) {
            this.probe = probe;
            this.index = index;
            this.blocking = blocking;
        }

        @Override
        public @Nullable Void start(ServiceContext context) {
            probe.startBegin(index);
            if (blocking) {
                StartWork.block();
            }
            probe.startEnd(index);
            return null;
        }

        @Override
        public void stop(ServiceContext context) {
            probe.stopBegin(index);
            probe.stopEnd(index);
        }
    }

    /** A service reporting to the probe whose start completes from a timer. */
    private static final class AsyncProbeService implements AsyncService<Void> {

        private final Probe probe;
        private final int index;
        private final ScheduledExecutorService timer;

        AsyncProbeService(Probe probe, int index, ScheduledExecutorService timer) {
            this.probe = probe;
            this.index = index;
            this.timer = timer;
        }

        @Override
        public CompletionStage<@Nullable Void> startAsync(ServiceContext context) {
            probe.startBegin(index);
            CompletableFuture<@Nullable Void> started = new CompletableFuture<>();
            timer.schedule(() -> {
                probe.startEnd(index);
                started.complete(null);
            }, StartWork.MILLIS, TimeUnit.MILLISECONDS);
            return started;
        }

        @Override
        public void stop(ServiceContext context) {
            probe.stopBegin(index);
            probe.stopEnd(index);
        }
    }
}
