package dev.lifecycle.benchmarks.peers;

import dev.lifecycle.benchmarks.Dag;
import dev.lifecycle.benchmarks.Probe;
import dev.lifecycle.benchmarks.StartWork;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The floor: the least work a correct dependency-ordered parallel starter can do, as the physical-limit reference.
 * Kahn's algorithm with an atomic in-degree counter per service on a fork-join pool of one thread per core: a service
 * is handed to the pool when its last requirement has finished; a thread that finishes a service runs the first
 * dependent it made ready itself. A blocking start blocks through {@link ForkJoinPool#managedBlock}, so the pool
 * adds a thread for each one blocked, as a growable pool would. Stop is the same on the reversed graph; the cascade stops the root's transitive
 * dependents in reverse order, the root last, then starts them again in forward order. No states, no names, no
 * events, no failure handling: what any real engine must add on top is what the ratio to the floor shows.
 */
final class FloorPeer implements Peer {

    @Override
    public String id() {
        return "floor";
    }

    @Override
    public String title() {
        return "floor (Kahn, atomic in-degrees, " + threads() + " threads)";
    }

    static int threads() {
        return Runtime.getRuntime().availableProcessors();
    }

    @Override
    public PeerInstance create(Dag dag, Probe probe, StartWork work, ScheduledExecutorService timer) {
        return new Instance(dag, probe, work, timer);
    }

    private static final class Instance extends PeerRun {

        private @Nullable ForkJoinPool pool;

        Instance(Dag dag, Probe probe, StartWork work, ScheduledExecutorService timer) {
            super(dag, probe, work, timer);
        }

        @Override
        public void install() {
            pool = new ForkJoinPool(threads(), ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
        }

        @Override
        public void start() throws InterruptedException {
            run(startDirection(), null);
        }

        @Override
        public void stop() throws InterruptedException {
            run(stopDirection(), null);
        }

        @Override
        public void cascade(int root, int affected) throws InterruptedException {
            boolean[] members = dag.dependentClosure(root);
            run(stopDirection(), members);
            run(startDirection(), members);
        }

        private KahnRun.Direction startDirection() {
            return new KahnRun.Direction() {
                @Override
                public int[] next(int node) {
                    return dag.dependents(node);
                }

                @Override
                public int[] previous(int node) {
                    return dag.requires(node);
                }

                @Override
                public boolean visit(int node, KahnRun run) {
                    return startNode(node, run);
                }
            };
        }

        private KahnRun.Direction stopDirection() {
            return new KahnRun.Direction() {
                @Override
                public int[] next(int node) {
                    return dag.requires(node);
                }

                @Override
                public int[] previous(int node) {
                    return dag.dependents(node);
                }

                @Override
                public boolean visit(int node, KahnRun run) {
                    probe.stopBegin(node);
                    probe.stopEnd(node);
                    return true;
                }
            };
        }

        private boolean startNode(int node, KahnRun run) {
            probe.startBegin(node);
            switch (work) {
                case NOOP -> probe.startEnd(node);
                case BLOCKING -> {
                    blockManaged();
                    probe.startEnd(node);
                }
                case ASYNC -> {
                    timer.schedule(() -> {
                        probe.startEnd(node);
                        run.finished(node);
                    }, StartWork.MILLIS, TimeUnit.MILLISECONDS);
                    return false;
                }
            }
            return true;
        }

        /**
         * Blocks the way a fork-join task should: through {@link ForkJoinPool#managedBlock}, so that the pool adds a
         * thread while this one sleeps, and blocked starts never hold the pool's threads.
         */
        private static void blockManaged() {
            try {
                ForkJoinPool.managedBlock(new ForkJoinPool.ManagedBlocker() {
                    private boolean done;

                    @Override
                    public boolean block() {
                        StartWork.block();
                        done = true;
                        return true;
                    }

                    @Override
                    public boolean isReleasable() {
                        return done;
                    }
                });
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while starting", ex);
            }
        }

        private void run(KahnRun.Direction direction, boolean @Nullable [] members) throws InterruptedException {
            ForkJoinPool pool = this.pool;
            if (pool == null) {
                throw new IllegalStateException("install() first");
            }
            new KahnRun(dag.size(), direction, members, pool).runAndWait();
        }

        @Override
        public void close() {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }
}
