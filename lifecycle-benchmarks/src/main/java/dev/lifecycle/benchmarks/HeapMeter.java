package dev.lifecycle.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;

/**
 * Measures the heap in use after full collections, and before a run waits for the previous run's threads to end (a
 * container's worker threads that are still ending keep the whole container reachable for a while after its close).
 *
 * <p>Threads that a peer keeps for the life of the JVM (jboss-msc's cleaner thread) are recognised as such: when the
 * number of threads stays above the baseline without changing for {@value #STEADY_MILLIS} ms, that number becomes the
 * baseline. Not thread-safe: one per cell.
 */
final class HeapMeter {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    static final long STEADY_MILLIS = 300;
    private static final long MAX_WAIT_MILLIS = 10_000;

    private int baselineThreads;

    /** A meter whose thread baseline is the threads alive now. */
    HeapMeter() {
        this.baselineThreads = THREADS.getThreadCount();
    }

    /** Waits for the previous run's threads, then collects garbage once. */
    void settle() {
        awaitThreads();
        System.gc();
    }

    /** Waits for the previous run's threads, then collects garbage until the heap in use stops shrinking. */
    long settledUsedAfterGc() {
        awaitThreads();
        long previous = usedAfterGc();
        for (int i = 0; i < 10; i++) {
            pause(20);
            long used = usedAfterGc();
            if (used > previous - previous / 200) {
                return Math.min(used, previous);
            }
            previous = used;
        }
        return previous;
    }

    /** Collects garbage twice and returns the bytes of heap still in use. */
    static long usedAfterGc() {
        System.gc();
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    private void awaitThreads() {
        long start = System.nanoTime();
        long lastChange = start;
        int last = THREADS.getThreadCount();
        while (last > baselineThreads) {
            pause(5);
            long now = System.nanoTime();
            int count = THREADS.getThreadCount();
            if (count != last) {
                last = count;
                lastChange = now;
            } else if (now - lastChange > STEADY_MILLIS * 1_000_000 || now - start > MAX_WAIT_MILLIS * 1_000_000) {
                baselineThreads = count;
                return;
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
