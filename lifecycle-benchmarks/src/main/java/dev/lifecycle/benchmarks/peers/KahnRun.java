package dev.lifecycle.benchmarks.peers;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.jspecify.annotations.Nullable;

/**
 * One pass of Kahn's algorithm over a graph (or the part of it marked in {@code members}) on a fork-join pool: each
 * node's counter starts at the number of its predecessors and the node is visited once the counter reaches zero. A
 * pool thread that finishes a node visits the first successor it made ready itself and forks the others; a node
 * finished from another thread (a timer) hands every ready successor to the pool. The pass is over once every node
 * without successors has finished, which implies every node has.
 */
final class KahnRun {

    /** Which way the pass goes and what a visit does. */
    interface Direction {

        /** The nodes that wait for {@code node}. */
        int[] next(int node);

        /** The nodes {@code node} waits for. */
        int[] previous(int node);

        /**
         * Visits a node whose predecessors have all finished.
         *
         * @return {@code true} if it finished now; {@code false} if {@link KahnRun#finished} will be called later
         */
        boolean visit(int node, KahnRun run);
    }

    private final Direction direction;
    private final boolean @Nullable [] members;
    private final ForkJoinPool pool;
    private final AtomicIntegerArray pending;
    private final AtomicInteger terminalsLeft;
    private final int[] sources;
    private final CountDownLatch over = new CountDownLatch(1);

    KahnRun(int size, Direction direction, boolean @Nullable [] members, ForkJoinPool pool) {
        this.direction = direction;
        this.members = members;
        this.pool = pool;
        int[] counts = new int[size];
        int[] sourceList = new int[size];
        int sourceCount = 0;
        int terminals = 0;
        for (int i = 0; i < size; i++) {
            if (members != null && !members[i]) {
                continue;
            }
            int count = members == null ? direction.previous(i).length : countMembers(direction.previous(i));
            counts[i] = count;
            if (count == 0) {
                sourceList[sourceCount++] = i;
            }
            if ((members == null ? direction.next(i).length : countMembers(direction.next(i))) == 0) {
                terminals++;
            }
        }
        this.pending = new AtomicIntegerArray(counts);
        this.terminalsLeft = new AtomicInteger(terminals);
        this.sources = Arrays.copyOf(sourceList, sourceCount);
    }

    private int countMembers(int[] nodes) {
        int count = 0;
        for (int n : nodes) {
            if (members[n]) {
                count++;
            }
        }
        return count;
    }

    /** Runs the pass and waits until it is over. */
    void runAndWait() throws InterruptedException {
        if (terminalsLeft.get() == 0) {
            return;
        }
        for (int source : sources) {
            pool.execute(new Visit(source));
        }
        over.await();
    }

    /** Called by a visit that returned {@code false}, once its node has finished. */
    void finished(int node) {
        release(node, false);
    }

    /** Counts {@code node} as finished in its successors; returns one now ready to visit inline, or -1. */
    private int release(int node, boolean inline) {
        int follow = -1;
        boolean anySuccessor = false;
        for (int next : direction.next(node)) {
            if (members != null && !members[next]) {
                continue;
            }
            anySuccessor = true;
            if (pending.decrementAndGet(next) == 0) {
                if (inline && follow < 0) {
                    follow = next;
                } else {
                    submit(next);
                }
            }
        }
        if (!anySuccessor && terminalsLeft.decrementAndGet() == 0) {
            over.countDown();
        }
        return follow;
    }

    private void submit(int node) {
        Visit visit = new Visit(node);
        if (Thread.currentThread() instanceof ForkJoinWorkerThread worker && worker.getPool() == pool) {
            visit.fork();
        } else {
            pool.execute(visit);
        }
    }

    /** Visits a node, then the chain of nodes it makes ready first, on one pool thread. */
    private final class Visit extends RecursiveAction {

        private static final long serialVersionUID = 1L;
        private final int node;

        Visit(int node) {
            this.node = node;
        }

        @Override
        protected void compute() {
            int current = node;
            while (current >= 0 && direction.visit(current, KahnRun.this)) {
                current = release(current, true);
            }
        }
    }
}
