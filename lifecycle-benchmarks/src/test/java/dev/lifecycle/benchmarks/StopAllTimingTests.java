package dev.lifecycle.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stop-all timing: every service of the graph stopped in each measured run, with what the run counted. */
class StopAllTimingTests {

    @Test
    void eachMeasuredStopStopsEveryServiceOfTheGraph() throws Exception {
        StopAllTiming timing = new StopAllTiming(Dag.of(Dag.Shape.LAYERED, 1_000, 42),
                StopAllTiming.Threads.DEFAULT, null, null);

        StopAllTiming.Stop stop = timing.measure();

        assertThat(stop.stopped()).isEqualTo(1_000);
        assertThat(stop.threadsThatStopped()).isPositive();
        assertThat(stop.millis()).isPositive();
        assertThat(stop.handOffs()).as("counted only with counting threads").isEqualTo(-1);
        assertThat(stop.line()).contains("1000 services stopped on").contains("hand-offs n/a");
    }

    @Test
    void countingThreadsCountTheHandOffsToTheExecutorAndTheThreadsItMade() throws Exception {
        StopAllTiming timing = new StopAllTiming(Dag.of(Dag.Shape.LAYERED, 1_000, 42),
                StopAllTiming.Threads.COUNTING, null, null);

        StopAllTiming.Stop first = timing.measure();
        StopAllTiming.Stop second = timing.measure();

        assertThat(first.stopped()).isEqualTo(1_000);
        assertThat(second.stopped()).isEqualTo(1_000);
        assertThat(first.handOffs()).isPositive();
        assertThat(second.handOffs()).isPositive();
        assertThat(first.threadsMade()).isBetween(0, (int) first.handOffs());
    }

    @Test
    void printsOneLinePerMeasuredStopAfterItsHeader() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        StopAllTiming.main(List.of("--size", "500", "--runs", "2", "--warmup", "1", "--threads", "platform"),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("# stop-all of layered(500 services").contains("threads platform");
        assertThat(lines.subList(1, 3)).allMatch(line -> line.startsWith("stop-all ")
                && line.contains("500 services stopped on"));
    }

    @Test
    void badOptionsAreRefusedNamingTheOptionAndWhatItTakes() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThatIllegalArgumentException().isThrownBy(() -> StopAllTiming.main(List.of("--threads", "green"), out))
                .withMessage("--threads is one of default, platform, counting, not 'green'.");
        assertThatIllegalArgumentException().isThrownBy(() -> StopAllTiming.main(List.of("--runs", "0"), out))
                .withMessage("--runs must be at least 1, not 0.");
        assertThatIllegalArgumentException().isThrownBy(() -> StopAllTiming.main(List.of("--size"), out))
                .withMessage("Option --size needs a value.");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> StopAllTiming.main(List.of("--perf-control", "ctl"), out))
                .withMessageStartingWith("--perf-control takes the control FIFO and the ack FIFO");
        assertThatIllegalArgumentException().isThrownBy(() -> StopAllTiming.main(List.of("--sizes", "5"), out))
                .withMessage("Unknown option --sizes.");
    }
}
