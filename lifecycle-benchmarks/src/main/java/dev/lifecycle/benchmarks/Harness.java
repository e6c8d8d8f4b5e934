package dev.lifecycle.benchmarks;

import dev.lifecycle.benchmarks.CellResult.Status;
import dev.lifecycle.benchmarks.peers.Peer;
import dev.lifecycle.benchmarks.peers.Peers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The comparative harness: runs the selected workloads on the selected peers, each cell (workload × size × peer) in
 * a JVM of its own by default (W4's two setups of one size share one, alternating), and prints markdown tables of the
 * results. {@code jmh} runs the JMH microbenchmarks instead, {@code stop-all} times the engine's stop-all alone
 * ({@link StopAllTiming}). Progress goes to standard error, the tables to standard output.
 *
 * <pre>
 * java -jar lifecycle-benchmarks.jar                                   # everything, about 6 minutes on 2 cores
 * java -jar lifecycle-benchmarks.jar --peer lifecycle,floor --workload W1 --size 100000 --runs 5 --warmup 2
 * java -jar lifecycle-benchmarks.jar jmh -prof gc StartStopBenchmark
 * java -jar lifecycle-benchmarks.jar stop-all --size 100000 --threads counting
 * </pre>
 */
public final class Harness {

    private Harness() {
    }

    /** Runs the harness; exits non-zero on bad options or when a cell ended in an error. */
    public static void main(String[] args) throws Exception {
        List<String> arguments = List.of(args);
        if (!arguments.isEmpty() && arguments.get(0).equals("jmh")) {
            org.openjdk.jmh.Main.main(arguments.subList(1, arguments.size()).toArray(String[]::new));
            return;
        }
        if (!arguments.isEmpty() && arguments.get(0).equals("stop-all")) {
            try {
                StopAllTiming.main(arguments.subList(1, arguments.size()), System.out);
            } catch (IllegalArgumentException ex) {
                System.err.println(ex.getMessage());
                System.err.print(StopAllTiming.USAGE);
                System.exit(2);
            }
            System.exit(0);
        }
        if (!arguments.isEmpty() && arguments.get(0).equals("cell")) {
            for (CellResult result : CellRunner.run(cells(arguments.subList(1, arguments.size())))) {
                System.out.println(result.encode());
            }
            System.out.flush();
            System.exit(0);
        }
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.print(HarnessOptions.USAGE);
            return;
        }
        if (arguments.contains("--list")) {
            for (Peer peer : Peers.all()) {
                System.out.println(peer.id() + ": " + peer.title());
            }
            return;
        }
        HarnessOptions options;
        try {
            options = HarnessOptions.parse(arguments);
        } catch (IllegalArgumentException ex) {
            System.err.println(ex.getMessage());
            System.err.print(HarnessOptions.USAGE);
            System.exit(2);
            return;
        }
        String loadBefore = loadAverage();
        List<CellResult> results = run(options, System.err);
        String report = header(arguments, loadBefore, loadAverage()) + "\n" + ResultTables.render(results);
        System.out.print(report);
        if (options.out() != null) {
            Files.writeString(options.out(), report, StandardCharsets.UTF_8);
        }
        System.exit(ResultTables.anyFailure(results) ? 1 : 0);
    }

    /** Runs every cell the options select, reporting progress to {@code progress}. */
    static List<CellResult> run(HarnessOptions options, PrintStream progress) {
        List<List<Cell>> batches = options.batches();
        int total = batches.stream().mapToInt(List::size).sum();
        List<CellResult> results = new ArrayList<>();
        long began = System.nanoTime();
        for (List<Cell> batch : batches) {
            int from = results.size() + 1;
            progress.printf(Locale.ROOT, "[%s/%d] %s ...%n", batch.size() == 1 ? Integer.toString(from)
                    : from + "-" + (from + batch.size() - 1), total, describe(batch));
            long t0 = System.nanoTime();
            List<CellResult> outcomes = options.fork() ? forked(batch, options.cellTimeout()) : CellRunner.run(batch);
            for (CellResult result : outcomes) {
                progress.printf(Locale.ROOT, "        %s%s%n", batch.size() == 1 ? "" : result.cell().peer() + ": ",
                        summary(result));
            }
            progress.printf(Locale.ROOT, "        (%.1f s)%n", (System.nanoTime() - t0) / 1e9);
            results.addAll(outcomes);
        }
        progress.printf(Locale.ROOT, "%d cells in %.1f s%n", total, (System.nanoTime() - began) / 1e9);
        return results;
    }

    private static String describe(List<Cell> batch) {
        if (batch.size() == 1) {
            return batch.get(0).toString();
        }
        Cell first = batch.get(0);
        return first.workload() + " " + batch.stream().map(Cell::peer).collect(Collectors.joining(" + "))
                + " size " + first.size() + ", in one JVM, alternating";
    }

    private static String summary(CellResult result) {
        if (!result.ok()) {
            return result.status() + ": " + result.message();
        }
        StringBuilder figures = new StringBuilder("ok");
        result.metrics().forEach((name, values) -> {
            if (!name.equals("depth")) {
                figures.append(String.format(Locale.ROOT, ", %s %.2f", name, Stats.of(values).median()));
            }
        });
        return figures.toString();
    }

    /** Runs cells that share a JVM (one, or W4's setups) in a new JVM with this one's options and class path. */
    static List<CellResult> forked(List<Cell> batch, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // A profiler or debugger of the parent is not for its children.
            if (!argument.startsWith("-XX:StartFlightRecording") && !argument.startsWith("-agentlib")
                    && !argument.startsWith("-javaagent") && !argument.startsWith("-XX:FlightRecorderOptions")) {
                command.add(argument);
            }
        }
        if (Runtime.version().feature() >= 24) {
            // jboss-threads reads field offsets through sun.misc.Unsafe: allowed, without a warning in every cell.
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Harness.class.getName());
        command.addAll(arguments(batch));
        // Cells sharing a JVM share its time limit too: each one's.
        long seconds = timeout.toSeconds() * batch.size();
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            List<String> lines = new ArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        synchronized (lines) {
                            lines.add(line);
                        }
                    }
                } catch (IOException ex) {
                    // The process died; its exit says why.
                }
            }, "cell-output");
            reader.start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                return errors(batch, "timed out after " + seconds + " s (--cell-timeout)");
            }
            reader.join();
            List<CellResult> results = new ArrayList<>();
            synchronized (lines) {
                for (String line : lines) {
                    if (CellResult.isEncoded(line)) {
                        results.add(CellResult.decode(line));
                    } else {
                        System.err.println(line);
                    }
                }
            }
            List<CellResult> ordered = new ArrayList<>();
            for (Cell cell : batch) {
                ordered.add(results.stream().filter(r -> r.cell().equals(cell)).findFirst()
                        .orElse(CellResult.without(cell, Status.ERROR, "the cell's JVM exited with "
                                + process.exitValue() + " without a result", cell.peer())));
            }
            return ordered;
        } catch (IOException ex) {
            return errors(batch, "could not start a JVM: " + ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return errors(batch, "interrupted");
        }
    }

    private static List<CellResult> errors(List<Cell> batch, String message) {
        return batch.stream().map(cell -> CellResult.without(cell, Status.ERROR, message, cell.peer())).toList();
    }

    /** The {@code cell} subcommand's arguments for cells that differ only in their peer: the peers comma-separated. */
    static List<String> arguments(List<Cell> batch) {
        List<String> arguments = new ArrayList<>(batch.get(0).arguments());
        arguments.set(arguments.indexOf("--peer") + 1, batch.stream().map(Cell::peer)
                .collect(Collectors.joining(",")));
        return arguments;
    }

    /** The cells given by the {@code cell} subcommand's options, one per peer of {@code --peer}. */
    static List<Cell> cells(List<String> args) {
        Cell cell = cell(args);
        return List.of(cell.peer().split(",")).stream().map(peer -> new Cell(cell.workload(), peer, cell.size(),
                cell.work(), cell.runs(), cell.warmup(), cell.seed())).toList();
    }

    /** The cell given by the {@code cell} subcommand's options, with {@code --peer} as given. */
    private static Cell cell(List<String> args) {
        Workload workload = null;
        String peer = null;
        int size = 0;
        StartWork work = StartWork.NOOP;
        int runs = 5;
        int warmup = 2;
        long seed = 42;
        for (int i = 0; i + 1 < args.size(); i += 2) {
            String value = args.get(i + 1);
            switch (args.get(i)) {
                case "--workload" -> workload = Workload.parse(value);
                case "--peer" -> peer = value;
                case "--size" -> size = Integer.parseInt(value);
                case "--work" -> work = HarnessOptions.form(value);
                case "--runs" -> runs = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                default -> throw new IllegalArgumentException("Unknown cell option " + args.get(i));
            }
        }
        if (workload == null || peer == null) {
            throw new IllegalArgumentException("A cell needs --workload and --peer: " + args);
        }
        return new Cell(workload, peer, size, work, runs, warmup, seed);
    }

    private static String header(List<String> arguments, String loadBefore, String loadAfter) {
        Runtime runtime = Runtime.getRuntime();
        return String.format(Locale.ROOT, """
                ## lifecycle-benchmarks results

                - Command: `java -jar lifecycle-benchmarks.jar%s`
                - JDK: %s (%s), %s
                - Machine: %d cores, max heap %d MB, %s %s; load average (1, 5, 15 min) %s before the run, %s after
                - Date: %s
                - Each figure: median (min–max) of the measured runs, milliseconds unless said; a fresh container per run.
                """,
                arguments.isEmpty() ? "" : " " + String.join(" ", arguments),
                System.getProperty("java.vm.version"), System.getProperty("java.vm.vendor"),
                jvmFlags(), runtime.availableProcessors(), runtime.maxMemory() / (1024 * 1024),
                System.getProperty("os.name"), System.getProperty("os.arch"), loadBefore, loadAfter,
                ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME.withLocale(Locale.ROOT)));
    }

    /** The load averages of the machine, where the system tells them ({@code /proc/loadavg}); else "unknown". */
    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException | RuntimeException ex) {
            return "unknown";
        }
    }

    private static String jvmFlags() {
        List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments();
        String gc = ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName())
                .reduce((a, b) -> a + ", " + b).orElse("?");
        return "GC " + gc + (flags.isEmpty() ? "" : ", flags " + Arrays.toString(flags.toArray()));
    }
}
