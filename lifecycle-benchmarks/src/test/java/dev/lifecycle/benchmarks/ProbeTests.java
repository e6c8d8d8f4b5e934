package dev.lifecycle.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The probe that decides whether a run kept dependency order. Graph: 0 <- 1 <- 2 (2 requires 1 requires 0). */
class ProbeTests {

    private final Probe probe = new Probe(Dag.chain(3));

    @Test
    void startsAndStopsInDependencyOrderAreNoViolation() {
        for (int i = 0; i < 3; i++) {
            probe.startBegin(i);
            probe.startEnd(i);
        }
        String upAfterStart = probe.checkAllUp(null, 0);
        for (int i = 2; i >= 0; i--) {
            probe.stopBegin(i);
            probe.stopEnd(i);
        }

        assertThat(upAfterStart).isNull();
        assertThat(probe.checkAllDown(null, 1)).isNull();
        assertThat(probe.violations()).isZero();
        assertThat(probe.firstViolation()).isNull();
    }

    @Test
    void startBeginningBeforeTheRequirementFinishedIsAViolation() {
        probe.startBegin(0);

        probe.startBegin(1);

        assertThat(probe.violations()).isEqualTo(1);
        assertThat(probe.firstViolation()).isEqualTo("s1 started while its requirement s0 was starting");
    }

    @Test
    void stopBeginningWhileADependentRunsIsAViolation() {
        for (int i = 0; i < 3; i++) {
            probe.startBegin(i);
            probe.startEnd(i);
        }

        probe.stopBegin(1);

        assertThat(probe.violations()).isEqualTo(1);
        assertThat(probe.firstViolation()).isEqualTo("s1 stopped while its dependent s2 was up");
    }

    @Test
    void secondStartOfARunningServiceIsAViolation() {
        probe.startBegin(0);
        probe.startEnd(0);

        probe.startBegin(0);

        assertThat(probe.firstViolation()).isEqualTo("s0 started while up");
    }

    @Test
    void checksNameServicesThatDidNotRun() {
        probe.startBegin(0);
        probe.startEnd(0);

        assertThat(probe.checkAllUp(null, 0))
                .isEqualTo("2 services are not up after 0 stops (first: s1 is down after 0 stops)");
        assertThat(probe.checkAllUp(new boolean[] {true, false, false}, 0)).isNull();
    }

    @Test
    void resetForgetsEverything() {
        probe.startBegin(2);
        probe.startEnd(2);

        probe.reset();

        assertThat(probe.violations()).isZero();
        assertThat(probe.firstViolation()).isNull();
        assertThat(probe.checkAllDown(null, 0)).isNull();
    }
}
