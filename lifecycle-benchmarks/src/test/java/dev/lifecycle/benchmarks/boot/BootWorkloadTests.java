package dev.lifecycle.benchmarks.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.benchmarks.Cell;
import dev.lifecycle.benchmarks.CellResult;
import dev.lifecycle.benchmarks.CellResult.Status;
import dev.lifecycle.benchmarks.StartWork;
import dev.lifecycle.benchmarks.Workload;
import java.util.List;
import org.junit.jupiter.api.Test;

/** W4's two setups run together in one JVM, at a tiny size; order is checked in every run, timing never. */
class BootWorkloadTests {

    private static Cell cell(String peer) {
        return new Cell(Workload.W4, peer, 24, StartWork.NOOP, 2, 1, 42);
    }

    @Test
    void bothSetupsAreMeasuredAsOftenInOneJvm() {
        List<CellResult> results = BootWorkload.run(List.of(cell("lifecycle"), cell("spring")));

        assertThat(results).extracting(r -> r.cell().peer()).containsExactly("lifecycle", "spring");
        if (!BootWorkload.starterAvailable()) {
            assertThat(results.get(0).status()).isEqualTo(Status.UNAVAILABLE);
            return;
        }
        assertThat(results).allSatisfy(result -> {
            assertThat(result.status()).as(result.toString()).isEqualTo(Status.OK);
            assertThat(result.metrics().get("start")).hasSize(2);
            assertThat(result.metrics().get("close")).hasSize(2);
            assertThat(result.note())
                    .isEqualTo("in one JVM, alternating with the other setup, 1 warm-up and 2 measured rounds");
        });
    }

    @Test
    void setupRunAloneSaysNothingOfAlternating() {
        CellResult result = BootWorkload.run(cell("spring"));

        assertThat(result.status()).as(result.toString()).isEqualTo(Status.OK);
        assertThat(result.metrics().get("start")).hasSize(2);
        assertThat(result.note()).isEmpty();
    }

    @Test
    void peerWithoutAW4SetupIsUnsupportedAndTheOtherStillRuns() {
        List<CellResult> results = BootWorkload.run(List.of(cell("floor"), cell("spring")));

        assertThat(results.get(0).status()).isEqualTo(Status.UNSUPPORTED);
        assertThat(results.get(1).status()).as(results.get(1).toString()).isEqualTo(Status.OK);
        assertThat(results.get(1).metrics().get("start")).hasSize(2);
    }
}
