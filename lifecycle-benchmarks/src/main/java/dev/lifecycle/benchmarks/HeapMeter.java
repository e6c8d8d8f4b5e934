package dev.lifecycle.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Measures the heap in use after full collections. */
final class HeapMeter {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private HeapMeter() {
    }

    /** Collects garbage a few times and returns the bytes of heap still in use. */
    static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            pause();
        }
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /** One collection, so that a run does not pay for the previous run's garbage. */
    static void collect() {
        System.gc();
    }

    /** Lets reference processing and cleaners run between collections. */
    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
