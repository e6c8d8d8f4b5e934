package dev.lifecycle.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;

/**
 * Measures the heap in use after full collections, and waits for the previous run's threads to end first (a
 * container's worker threads that are still ending keep the whole container reachable for a while after its close).
 */
final class HeapMeter {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long SETTLE_NANOS = 10_000_000_000L;

    private HeapMeter() {
    }

    /** The number of live platform threads. */
    static int threads() {
        return THREADS.getThreadCount();
    }

    /**
     * Waits (up to 10 s) until no more than {@code threads} platform threads are alive, then collects garbage until
     * the heap in use stops shrinking, and returns it in bytes.
     */
    static long settledUsedAfterGc(int threads) {
        long deadline = System.nanoTime() + SETTLE_NANOS;
        while (threads() > threads && System.nanoTime() < deadline) {
            pause(10);
        }
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

    /** Waits (up to 10 s) for the previous run's threads to end, then collects garbage once. */
    static void settle(int threads) {
        long deadline = System.nanoTime() + SETTLE_NANOS;
        while (threads() > threads && System.nanoTime() < deadline) {
            pause(10);
        }
        System.gc();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
