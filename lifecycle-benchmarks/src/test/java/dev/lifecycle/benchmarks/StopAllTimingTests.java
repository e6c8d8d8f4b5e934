package dev.lifecycle.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

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
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void perfIsEnabledAroundEachStopAndEachAckIsAwaited(@TempDir Path dir) throws Exception {
        Path control = dir.resolve("ctl");
        Path ack = dir.resolve("ack");
        assumeTrue(mkfifo(control) && mkfifo(ack), "mkfifo is not available here: FIFOs are a Linux tool's");
        List<String> commands = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> perf = CompletableFuture.runAsync(() -> actAsPerf(control, ack, 6, commands),
                runnable -> new Thread(runnable, "perf").start());

        StopAllTiming.main(List.of("--size", "200", "--runs", "2", "--warmup", "1", "--perf-control",
                control + "," + ack), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        perf.get(30, TimeUnit.SECONDS);
        assertThat(commands).containsExactly("enable", "disable", "enable", "disable", "enable", "disable");
    }

    private static boolean mkfifo(Path path) throws Exception {
        try {
            return new ProcessBuilder("mkfifo", path.toString()).start().waitFor() == 0;
        } catch (java.io.IOException notFound) {
            return false;
        }
    }

    /**
     * Does what {@code perf record --control fifo:CTL,ACK} does: opens the control FIFO, then the ack FIFO, and answers
     * each command with {@code ack\n\0}.
     */
    private static void actAsPerf(Path control, Path ack, int commands, List<String> received) {
        try (BufferedReader in = Files.newBufferedReader(control, StandardCharsets.US_ASCII);
                OutputStream out = Files.newOutputStream(ack)) {
            for (int i = 0; i < commands; i++) {
                received.add(in.readLine());
                out.write("ack\n\0".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
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
