package dev.lifecycle.benchmarks;

import java.util.List;

/**
 * One measurement: a workload at one size (and, for W2, one kind of start) on one peer, with its warm-up and
 * measured runs. Each run builds a fresh container.
 *
 * @param workload the workload
 * @param peer the peer's id
 * @param size services for W1, W2 and W4, dependents of the root for W3
 * @param work what each start does
 * @param runs how many runs are measured
 * @param warmup how many runs come first, unmeasured
 * @param seed the seed of the random graph
 */
public record Cell(Workload workload, String peer, int size, StartWork work, int runs, int warmup, long seed) {

    /** Checks the numbers. */
    public Cell {
        if (size < 1 || runs < 1 || warmup < 0) {
            throw new IllegalArgumentException("Invalid cell " + workload + "/" + peer + ": size " + size + ", runs "
                    + runs + ", warm-up " + warmup + " (size and runs must be >= 1, warm-up >= 0)");
        }
    }

    /** The command-line arguments that run this cell in another JVM: {@code cell} and its options. */
    List<String> arguments() {
        return List.of("cell", "--workload", workload.name(), "--peer", peer, "--size", Integer.toString(size),
                "--work", work.label(), "--runs", Integer.toString(runs), "--warmup", Integer.toString(warmup),
                "--seed", Long.toString(seed));
    }

    @Override
    public String toString() {
        return workload + " " + peer + " size " + size + (workload == Workload.W2 ? " " + work.label() : "");
    }
}
