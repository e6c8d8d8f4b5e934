package dev.lifecycle.benchmarks.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.lifecycle.benchmarks.boot.AlternatingRounds.Turn;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order in which W4's setups take turns in one JVM. */
class AlternatingRoundsTests {

    @Test
    void everySetupGetsTheSameWarmUpsAndMeasuredRuns() {
        List<Turn> turns = AlternatingRounds.of(2, 2, 3);

        for (int setup = 0; setup < 2; setup++) {
            int which = setup;
            assertThat(turns).filteredOn(turn -> turn.setup() == which && !turn.measured()).hasSize(2);
            assertThat(turns).filteredOn(turn -> turn.setup() == which && turn.measured()).hasSize(3);
        }
    }

    @Test
    void eachRoundRunsEverySetupOnceAndTheFirstChangesEveryRound() {
        List<Turn> turns = AlternatingRounds.of(2, 1, 2);

        assertThat(turns).containsExactly(
                new Turn(0, 0, false), new Turn(0, 1, false),
                new Turn(1, 1, true), new Turn(1, 0, true),
                new Turn(2, 0, true), new Turn(2, 1, true));
    }

    @Test
    void warmUpsComeBeforeAnyMeasuredRun() {
        List<Turn> turns = AlternatingRounds.of(2, 3, 4);

        int firstMeasured = turns.indexOf(turns.stream().filter(Turn::measured).findFirst().orElseThrow());
        assertThat(turns.subList(0, firstMeasured)).hasSize(6).noneMatch(Turn::measured);
        assertThat(turns.subList(firstMeasured, turns.size())).hasSize(8).allMatch(Turn::measured);
    }

    @Test
    void oneSetupAloneRunsEachRoundOnce() {
        assertThat(AlternatingRounds.of(1, 2, 2)).extracting(Turn::setup).containsExactly(0, 0, 0, 0);
    }

    @Test
    void noMeasuredRoundIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> AlternatingRounds.of(2, 1, 0));
    }
}
