package dev.lifecycle.benchmarks.peers;

import dev.lifecycle.benchmarks.Dag;
import dev.lifecycle.benchmarks.Probe;
import dev.lifecycle.benchmarks.StartWork;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.msc.Service;
import org.jboss.msc.service.ServiceBuilder;
import org.jboss.msc.service.ServiceContainer;
import org.jboss.msc.service.ServiceController;
import org.jboss.msc.service.ServiceName;
import org.jboss.msc.service.StartContext;
import org.jboss.msc.service.StopContext;
import org.jspecify.annotations.Nullable;

/**
 * jboss-msc, the engine behind WildFly, with its default container (a pool of twice as many threads as cores):
 * services added with {@code addService()}, {@code provides} and {@code requires}, in mode ACTIVE, so they start as
 * they are installed; start-all waits for the container's stability; stop-all is {@code shutdown()} and
 * {@code awaitTermination()}. The cascade sets the root's mode to NEVER, waits for stability, sets it back to ACTIVE
 * and waits again. Its asynchronous start is {@code StartContext.asynchronous()} completed from a timer.
 */
final class MscPeer implements Peer {

    @Override
    public String id() {
        return "jboss-msc";
    }

    @Override
    public String title() {
        return "jboss-msc " + Versions.of("jboss-msc");
    }

    @Override
    public PeerInstance create(Dag dag, Probe probe, StartWork work, ScheduledExecutorService timer) {
        return new Instance(dag, probe, work, timer);
    }

    private static final class Instance extends PeerRun {

        private @Nullable ServiceContainer container;
        private boolean shutDown;

        Instance(Dag dag, Probe probe, StartWork work, ScheduledExecutorService timer) {
            super(dag, probe, work, timer);
        }

        @Override
        public void install() {
            // jboss-msc starts ACTIVE services as they are installed: installing is starting; see start().
        }

        @Override
        public void start() throws InterruptedException {
            ServiceContainer container = ServiceContainer.Factory.create("benchmark", false);
            this.container = container;
            ServiceName[] names = new ServiceName[dag.size()];
            for (int i = 0; i < dag.size(); i++) {
                names[i] = ServiceName.of(dag.name(i));
                ServiceBuilder<?> builder = container.addService();
                builder.provides(names[i]);
                for (int r : dag.requires(i)) {
                    builder.requires(names[r]);
                }
                builder.setInstance(new ProbeService(probe, i, work, timer));
                builder.install();
            }
            container.awaitStability();
        }

        @Override
        public void stop() throws InterruptedException {
            ServiceContainer container = container();
            container.shutdown();
            container.awaitTermination();
            shutDown = true;
        }

        @Override
        public void cascade(int root, int affected) throws InterruptedException {
            ServiceContainer container = container();
            ServiceController<?> controller = container.getRequiredService(ServiceName.of(dag.name(root)));
            controller.setMode(ServiceController.Mode.NEVER);
            container.awaitStability();
            controller.setMode(ServiceController.Mode.ACTIVE);
            container.awaitStability();
        }

        @Override
        public void close() {
            if (container != null && !shutDown) {
                container.shutdown();
                try {
                    container.awaitTermination(1, TimeUnit.MINUTES);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private ServiceContainer container() {
            if (container == null) {
                throw new IllegalStateException("start() first");
            }
            return container;
        }
    }

    /** A service reporting to the probe; blocking or asynchronous in its start as asked. */
    private static final class ProbeService implements Service {

        private final Probe probe;
        private final int index;
        private final StartWork work;
        private final ScheduledExecutorService timer;

        ProbeService(Probe probe, int index, StartWork work, ScheduledExecutorService timer) {
            this.probe = probe;
            this.index = index;
            this.work = work;
            this.timer = timer;
        }

        @Override
        public void start(StartContext context) {
            probe.startBegin(index);
            switch (work) {
                case NOOP -> probe.startEnd(index);
                case BLOCKING -> {
                    StartWork.block();
                    probe.startEnd(index);
                }
                case ASYNC -> {
                    context.asynchronous();
                    timer.schedule(() -> {
                        probe.startEnd(index);
                        context.complete();
                    }, StartWork.MILLIS, TimeUnit.MILLISECONDS);
                }
            }
        }

        @Override
        public void stop(StopContext context) {
            probe.stopBegin(index);
            probe.stopEnd(index);
        }
    }
}
