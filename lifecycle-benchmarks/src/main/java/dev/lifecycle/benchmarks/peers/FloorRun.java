package dev.lifecycle.benchmarks.peers;

import dev.lifecycle.benchmarks.Dag;
import dev.lifecycle.benchmarks.Probe;
import dev.lifecycle.benchmarks.StartWork;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * What both floors do once their graph is known: a fork-join pool of one thread per core, created at install; start
 * as a {@link KahnRun} over the requirements, stop as one over the dependents; the cascade stops the root's
 * transitive dependents in reverse order, the root last, then starts them again in forward order. A blocking start
 * blocks through {@link ForkJoinPool#managedBlock}, so the pool adds a thread for each one blocked, as a growable
 * pool would; an asynchronous start finishes its node from the timer. A subclass says where the graph comes from:
 * {@link #requires} and {@link #dependents} of each node, by index (the index the probe knows the service by).
 */
abstract class FloorRun extends PeerRun {

    private @Nullable ForkJoinPool pool;

    FloorRun(Dag dag, Probe probe, StartWork work, ScheduledExecutorService timer) {
        super(dag, probe, work, timer);
    }

    /** The threads of the pool: one per core. */
    static int threads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The number of nodes. */
    abstract int size();

    /** The nodes {@code node} requires. Not modified. */
    abstract int[] requires(int node);

    /** The nodes that require {@code node}. Not modified. */
    abstract int[] dependents(int node);

    /** Creates the pool; a subclass building its graph at install does so after calling this. */
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
        boolean[] members = Dag.closure(size(), root, this::dependents);
        run(stopDirection(), members);
        run(startDirection(), members);
    }

    private KahnRun.Direction startDirection() {
        return new KahnRun.Direction() {
            @Override
            public int[] next(int node) {
                return dependents(node);
            }

            @Override
            public int[] previous(int node) {
                return requires(node);
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
                return requires(node);
            }

            @Override
            public int[] previous(int node) {
                return dependents(node);
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
        new KahnRun(size(), direction, members, pool).runAndWait();
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
