package dev.lifecycle.benchmarks.peers;

import com.google.common.util.concurrent.AbstractIdleService;
import com.google.common.util.concurrent.AbstractService;
import com.google.common.util.concurrent.Service;
import com.google.common.util.concurrent.ServiceManager;
import dev.lifecycle.benchmarks.Dag;
import dev.lifecycle.benchmarks.Probe;
import dev.lifecycle.benchmarks.StartWork;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Guava's {@link ServiceManager}, a reference without dependency support: it starts every service at once, so its
 * ordering violations are counted, not a failure. No-op services are {@link AbstractService}s that start on the
 * calling thread; blocking ones are {@link AbstractIdleService}s (Guava's idiom for a start that blocks, on a thread
 * of its own); asynchronous ones call {@code notifyStarted()} from a timer. Guava services cannot be started again
 * once stopped, so there is no cascade.
 */
final class GuavaPeer implements Peer {

    @Override
    public String id() {
        return "guava";
    }

    @Override
    public String title() {
        return "Guava " + Versions.of("guava") + " ServiceManager (no dependencies)";
    }

    @Override
    public boolean declaresDependencies() {
        return false;
    }

    @Override
    public boolean cascades() {
        return false;
    }

    @Override
    public PeerInstance create(Dag dag, Probe probe, StartWork work, ScheduledExecutorService timer) {
        return new Instance(dag, probe, work, timer);
    }

    private static final class Instance extends PeerRun {

        private @Nullable ServiceManager manager;

        Instance(Dag dag, Probe probe, StartWork work, ScheduledExecutorService timer) {
            super(dag, probe, work, timer);
        }

        @Override
        public void install() {
            List<Service> services = new ArrayList<>(dag.size());
            for (int i = 0; i < dag.size(); i++) {
                services.add(switch (work) {
                    case NOOP -> new NoopService(probe, i);
                    case BLOCKING -> new BlockingService(probe, i);
                    case ASYNC -> new AsyncService(probe, i, timer);
                });
            }
            manager = new ServiceManager(services);
        }

        @Override
        public void start() {
            manager().startAsync().awaitHealthy();
        }

        @Override
        public void stop() {
            manager().stopAsync().awaitStopped();
        }

        @Override
        public void cascade(int root, int affected) {
            throw new UnsupportedOperationException("Guava services cannot be restarted");
        }

        @Override
        public void close() {
            if (manager != null) {
                manager.stopAsync();
                try {
                    manager.awaitStopped(1, TimeUnit.MINUTES);
                } catch (TimeoutException ex) {
                    // Nothing more to do: close never throws.
                }
            }
        }

        private ServiceManager manager() {
            if (manager == null) {
                throw new IllegalStateException("install() first");
            }
            return manager;
        }
    }

    private static final class NoopService extends AbstractService {

        private final Probe probe;
        private final int index;

        NoopService(Probe probe, int index) {
            this.probe = probe;
            this.index = index;
        }

        @Override
        protected void doStart() {
            probe.startBegin(index);
            probe.startEnd(index);
            notifyStarted();
        }

        @Override
        protected void doStop() {
            probe.stopBegin(index);
            probe.stopEnd(index);
            notifyStopped();
        }
    }

    private static final class BlockingService extends AbstractIdleService {

        private final Probe probe;
        private final int index;

        BlockingService(Probe probe, int index) {
            this.probe = probe;
            this.index = index;
        }

        @Override
        protected void startUp() {
            probe.startBegin(index);
            StartWork.block();
            probe.startEnd(index);
        }

        @Override
        protected void shutDown() {
            probe.stopBegin(index);
            probe.stopEnd(index);
        }
    }

    private static final class AsyncService extends AbstractService {

        private final Probe probe;
        private final int index;
        private final ScheduledExecutorService timer;

        AsyncService(Probe probe, int index, ScheduledExecutorService timer) {
            this.probe = probe;
            this.index = index;
            this.timer = timer;
        }

        @Override
        protected void doStart() {
            probe.startBegin(index);
            timer.schedule(() -> {
                probe.startEnd(index);
                notifyStarted();
            }, StartWork.MILLIS, TimeUnit.MILLISECONDS);
        }

        @Override
        protected void doStop() {
            probe.stopBegin(index);
            probe.stopEnd(index);
            notifyStopped();
        }
    }
}
