package dev.lifecycle.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.benchmarks.CellResult.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tables and the targets, rendered from results made up here: every figure is a single run's, so exact. */
class ResultTablesTests {

    @Test
    void w1TableComparesStartWithBothFloorsAndStopWithThePlainOne() {
        String tables = ResultTables.render(List.of(
                w1("lifecycle", 40, 30, 12, 250),
                w1("floor", 10, 0.1, 4, 1),
                w1("floor-by-name", 20, 9, 4, 90)));

        assertThat(tables).contains(
                "| peer | start-all ms | × floor | × by-name floor | of which install ms | stop-all ms | × floor "
                        + "| heap B/service |",
                "| lifecycle | 40.00 | 4.0× | 2.0× | 30.00 | 12.00 | 3.0× | 250 |",
                "| floor | 10.00 | 1.0× | 0.5× | 0.10 | 4.00 | 1.0× | 1 |",
                "| floor-by-name | 20.00 | 2.0× | 1.0× | 9.00 | 4.00 | 1.0× | 90 |");
    }

    @Test
    void w1TargetsAreStartAgainstTheByNameFloorStopAgainstTheFloorAndHeap() {
        String tables = ResultTables.render(List.of(
                w1("lifecycle", 90, 30, 12.5, 301),
                w1("floor", 10, 0.1, 4, 1),
                w1("floor-by-name", 30, 9, 4, 90)));

        assertThat(tables).contains(
                "| W1 100,000 start-all ≤ 4× by-name floor | 3.00× | yes |",
                "| W1 100,000 stop-all ≤ 3× floor | 3.13× | **no** |",
                "| W1 100,000 heap ≤ 300 B/service | 301 B | **no** |");
    }

    @Test
    void targetWhosePeerDidNotRunSaysSoInsteadOfAFigure() {
        String tables = ResultTables.render(List.of(w1("lifecycle", 90, 30, 12, 250), w1("floor", 10, 0.1, 4, 1)));

        assertThat(tables).contains(
                "| lifecycle | 90.00 | 9.0× | — | 30.00 |",
                "| W1 100,000 start-all ≤ 4× by-name floor | floor-by-name not run | — |",
                "| W1 100,000 stop-all ≤ 3× floor | 3.00× | yes |",
                "| W1 100,000 heap ≤ 300 B/service | 250 B | yes |");
    }

    @Test
    void onlyTheEngineRunGivesEveryTargetNeedingAReferenceAsNotRun() {
        String tables = ResultTables.render(List.of(w1("lifecycle", 90, 30, 12, 250), w2("lifecycle", 54),
                single(Workload.W3, "lifecycle", 1_000, "cascade", 3), w4("lifecycle", 300, 20)));

        assertThat(tables).contains(
                "| W1 100,000 start-all ≤ 4× by-name floor | floor-by-name not run | — |",
                "| W1 100,000 stop-all ≤ 3× floor | floor not run | — |",
                "| W1 100,000 heap ≤ 300 B/service | 250 B | yes |",
                "| W2 blocking starts ≤ min(1.10×, floor's) × critical-path bound | floor not run | — |",
                "| W3 cascade ≤ 3× floor | floor not run | — |",
                "| W4 starter adds ≤ 10% to context start | spring not run | — |",
                "| W4 starter adds ≤ 10% to context close | spring not run | — |");
    }

    @Test
    void referenceWithoutFiguresIsNamedWithItsStatus() {
        Cell floorCell = new Cell(Workload.W1, "floor", 100_000, StartWork.NOOP, 1, 0, 42);
        String tables = ResultTables.render(List.of(w1("lifecycle", 90, 30, 12, 250),
                CellResult.without(floorCell, Status.FAILURE, "warm-up run 1: s3 is down", "floor"),
                w1("floor-by-name", 30, 9, 4, 90)));

        assertThat(tables).contains("| W1 100,000 stop-all ≤ 3× floor | floor: failure | — |",
                "| W1 100,000 start-all ≤ 4× by-name floor | 3.00× | yes |");
    }

    @Test
    void w2TargetIsTheBoundTimesTheLowerOfTenPercentMoreAndTheFloorsOwnRatio() {
        // The bound is depth 10 × 5 ms = 50 ms; the engine takes 1.08× that.
        String floorFaster = ResultTables.render(List.of(w2("lifecycle", 54), w2("floor", 52.5)));
        String floorSlower = ResultTables.render(List.of(w2("lifecycle", 54), w2("floor", 60)));

        assertThat(floorFaster).contains(
                "| W2 blocking starts ≤ min(1.10×, floor's 1.05×) = 1.05× critical-path bound | 1.08× | **no** |");
        assertThat(floorSlower).contains(
                "| W2 blocking starts ≤ min(1.10×, floor's 1.20×) = 1.10× critical-path bound | 1.08× | yes |");
    }

    @Test
    void w2TargetAtTheFloorsRatioIsMet() {
        String tables = ResultTables.render(List.of(w2("lifecycle", 52.5), w2("floor", 52.5)));

        assertThat(tables).contains("= 1.05× critical-path bound | 1.05× | yes |");
    }

    @Test
    void w3TargetStaysAgainstThePlainFloor() {
        String tables = ResultTables.render(List.of(single(Workload.W3, "lifecycle", 1_000, "cascade", 3),
                single(Workload.W3, "floor", 1_000, "cascade", 1.2),
                single(Workload.W3, "floor-by-name", 1_000, "cascade", 0.6)));

        assertThat(tables).contains("| lifecycle | 3.00 | 2.5× |", "| floor-by-name | 0.60 | 0.5× |",
                "| W3 cascade ≤ 3× floor | 2.50× | yes |");
    }

    @Test
    void w4ShowsTheStarterAgainstThePlainBeansWithTheirSign() {
        String tables = ResultTables.render(List.of(w4("lifecycle", 90, 23), w4("spring", 100, 20)));

        assertThat(tables).contains(
                "| lifecycle (starter, services) | 90.00 | −10.0% | 23.00 | +15.0% |",
                "| W4 starter adds ≤ 10% to context start | −10% | yes |",
                "| W4 starter adds ≤ 10% to context close | +15% | **no** |");
    }

    @Test
    void signIsAMinusOnlyForWhatIsNotZeroOnceRounded() {
        assertThat(ResultTables.signed(-3.25, "%.1f")).isEqualTo("−3.3");
        assertThat(ResultTables.signed(-0.01, "%.1f")).isEqualTo("+0.0");
        assertThat(ResultTables.signed(4, "%.0f")).isEqualTo("+4");
    }

    private static CellResult w1(String peer, double start, double install, double stop, double heap) {
        Map<String, double[]> metrics = new LinkedHashMap<>();
        metrics.put("start", new double[] {start});
        metrics.put("install", new double[] {install});
        metrics.put("stop", new double[] {stop});
        metrics.put("heap", new double[] {heap});
        return result(Workload.W1, peer, 100_000, StartWork.NOOP, metrics);
    }

    private static CellResult w2(String peer, double start) {
        Map<String, double[]> metrics = new LinkedHashMap<>();
        metrics.put("start", new double[] {start});
        metrics.put("depth", new double[] {10});
        return result(Workload.W2, peer, 500, StartWork.BLOCKING, metrics);
    }

    private static CellResult w4(String peer, double start, double close) {
        Map<String, double[]> metrics = new LinkedHashMap<>();
        metrics.put("start", new double[] {start});
        metrics.put("close", new double[] {close});
        return result(Workload.W4, peer, 1_000, StartWork.NOOP, metrics);
    }

    private static CellResult single(Workload workload, String peer, int size, String metric, double value) {
        return result(workload, peer, size, StartWork.NOOP, Map.of(metric, new double[] {value}));
    }

    private static CellResult result(Workload workload, String peer, int size, StartWork work,
            Map<String, double[]> metrics) {
        return new CellResult(new Cell(workload, peer, size, work, 1, 0, 42), Status.OK, "", "", peer, "",
                new LinkedHashMap<>(metrics));
    }
}
