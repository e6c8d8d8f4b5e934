package dev.lifecycle.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.benchmarks.CellResult.Status;
import dev.lifecycle.benchmarks.boot.BootWorkload;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The harness at tiny sizes: every peer × workload (× kind of start for W2), one measured run, in this JVM. A cell is
 * OK only if no run broke dependency order and every service started and stopped (or restarted), so an OK result is
 * the assertion; no timing is checked.
 */
class HarnessTests {

    /** Spring's concurrent start-up does not wait for a bean's dependsOn to finish starting: it may break order. */
    private static final String MAY_BREAK_ORDER = "spring-concurrent";

    private static final Set<String> CASCADING = Set.of("lifecycle", "floor", "floor-by-name", "jboss-msc");

    static Stream<Cell> cells() {
        return HarnessOptions.parse(List.of("--size", "24", "--runs", "1", "--warmup", "0", "--no-fork")).cells()
                .stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void everyPeerRunsEveryWorkloadInDependencyOrder(Cell cell) {
        CellResult result = CellRunner.run(cell);

        Status expected = expectedStatus(cell);
        if (cell.peer().equals(MAY_BREAK_ORDER) && result.status() == Status.FAILURE) {
            assertThat(result.message()).contains("dependency-order violations, first: ");
            return;
        }
        assertThat(result.status()).as(result.toString()).isEqualTo(expected);
        if (expected == Status.OK) {
            assertThat(result.metrics()).isNotEmpty();
            result.metrics().values().forEach(values -> assertThat(values).hasSizeGreaterThanOrEqualTo(1));
        }
    }

    private static Status expectedStatus(Cell cell) {
        String peer = cell.peer();
        return switch (cell.workload()) {
            case W1 -> Status.OK;
            case W2 -> cell.work() == StartWork.ASYNC && peer.startsWith("spring") ? Status.UNSUPPORTED : Status.OK;
            case W3 -> CASCADING.contains(peer) ? Status.OK : Status.UNSUPPORTED;
            case W4 -> peer.equals("lifecycle") && !BootWorkload.starterAvailable() ? Status.UNAVAILABLE : Status.OK;
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tinyRuns")
    void tablesShowEachWorkloadAndTheTargets(List<String> args) {
        HarnessOptions options = HarnessOptions.parse(args);

        List<CellResult> results = Harness.run(options, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        String tables = ResultTables.render(results);

        assertThat(results).extracting(CellResult::status).containsOnly(Status.OK);
        assertThat(tables).contains("### W1 no-op scale: 30 services", "| lifecycle | ", "| floor | ",
                "| floor-by-name | ", "### W3 cascade: a root with 30 transitive dependents",
                "### Targets of the lifecycle engine", "| W1 30 start-all ≤ 4× by-name floor | ",
                "| W1 30 stop-all ≤ 3× floor | ", "| W3 cascade ≤ 3× floor | ");
        assertThat(tables).doesNotContain(" not run | ");
    }

    static Stream<List<String>> tinyRuns() {
        return Stream.of(List.of("--peer", "lifecycle,floor,floor-by-name", "--workload", "W1,W3", "--size", "30",
                "--runs", "2", "--warmup", "1", "--no-fork"));
    }

    @Test
    void w4SetupsOfOneSizeShareAJvmAndEveryOtherCellHasItsOwn() {
        List<List<Cell>> batches = HarnessOptions.parse(List.of("--workload", "W1,W4", "--size", "10,20")).batches();

        assertThat(batches).filteredOn(batch -> batch.get(0).workload() == Workload.W4)
                .extracting(batch -> batch.stream().map(cell -> cell.peer() + " " + cell.size()).toList())
                .containsExactly(List.of("lifecycle 10", "spring 10"), List.of("lifecycle 20", "spring 20"));
        assertThat(batches).filteredOn(batch -> batch.get(0).workload() == Workload.W1).hasSize(2 * 7)
                .allMatch(batch -> batch.size() == 1);
    }

    @Test
    void w4SetupSelectedAloneRunsAlone() {
        List<List<Cell>> batches = HarnessOptions.parse(List.of("--peer", "lifecycle", "--workload", "W4")).batches();

        assertThat(batches).containsExactly(List.of(new Cell(Workload.W4, "lifecycle", 1_000, StartWork.NOOP, 5, 2,
                42)));
    }

    @Test
    void cellsSharingAJvmAreGivenToItAndReadBackAsTheyWere() {
        List<Cell> batch = HarnessOptions.parse(List.of("--workload", "W4", "--runs", "3", "--warmup", "4",
                "--seed", "7")).batches().get(0);

        List<String> arguments = Harness.arguments(batch);

        assertThat(arguments).startsWith("cell").containsSubsequence("--peer", "lifecycle,spring");
        assertThat(Harness.cells(arguments.subList(1, arguments.size()))).isEqualTo(batch);
    }
}
