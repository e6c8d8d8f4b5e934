package dev.lifecycle.benchmarks.boot;

import java.util.ArrayList;
import java.util.List;

/**
 * The order in which W4 runs the contexts of its setups in one JVM: round after round, first the warm-up rounds, then
 * the measured ones, each round running every setup once; the order within a round is reversed every other round, so
 * that no setup always runs right after the JVM's previous context of the same kind, or always first.
 */
final class AlternatingRounds {

    private AlternatingRounds() {
    }

    /**
     * One context run.
     *
     * @param round the round, from 0; rounds below the warm-up count are warm-ups
     * @param setup which setup, an index into the caller's list
     * @param measured whether the run is measured
     */
    record Turn(int round, int setup, boolean measured) {
    }

    /** The turns of {@code setups} setups over {@code warmup} warm-up and {@code runs} measured rounds, in order. */
    static List<Turn> of(int setups, int warmup, int runs) {
        if (setups < 1 || warmup < 0 || runs < 1) {
            throw new IllegalArgumentException("Need at least one setup and one measured round, and no negative "
                    + "warm-up: " + setups + " setups, " + warmup + " warm-ups, " + runs + " runs");
        }
        List<Turn> turns = new ArrayList<>();
        for (int round = 0; round < warmup + runs; round++) {
            for (int k = 0; k < setups; k++) {
                int setup = round % 2 == 0 ? k : setups - 1 - k;
                turns.add(new Turn(round, setup, round >= warmup));
            }
        }
        return turns;
    }
}
