package dev.lifecycle.benchmarks;

import dev.lifecycle.benchmarks.peers.Peer;
import dev.lifecycle.benchmarks.peers.Peers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The harness's command line.
 *
 * @param peers the peers to run
 * @param workloads the workloads to run
 * @param sizes the sizes, or empty for each workload's defaults
 * @param forms the kinds of start W2 runs
 * @param runs measured runs per cell
 * @param warmup warm-up runs per cell
 * @param seed the seed of the random graphs
 * @param fork whether each cell runs in a JVM of its own
 * @param cellTimeout how long a forked cell may take
 * @param out a file the tables are also written to, if any
 */
record HarnessOptions(List<Peer> peers, List<Workload> workloads, List<Integer> sizes, List<StartWork> forms,
        int runs, int warmup, long seed, boolean fork, Duration cellTimeout, @Nullable Path out) {

    static final String USAGE = """
            Usage: java -jar lifecycle-benchmarks.jar [options]
                   java -jar lifecycle-benchmarks.jar jmh [JMH options]     (the JMH microbenchmarks)
              --peer IDS          peers, comma-separated (default: all): %s
              --workload W        workloads, comma-separated (default: W1,W2,W3,W4)
              --size N            sizes, comma-separated (default: W1 1000,10000,100000; W2 500; W3 1000
                                  dependents; W4 1000); applies to every workload selected
              --form F            W2's kinds of start: blocking,async (default: both)
              --runs N            measured runs per cell (default 5)
              --warmup N          warm-up runs per cell (default 2)
              --seed N            seed of the random graphs (default 42)
              --no-fork           run every cell in this JVM (default: one JVM per cell)
              --cell-timeout S    seconds a forked cell may take (default 300)
              --out FILE          also write the tables to FILE
              --list              list the peers and exit
            """.formatted(Peers.ids(Peers.all()));

    /** Reads the options; throws {@link IllegalArgumentException} naming a bad one. */
    static HarnessOptions parse(List<String> args) {
        List<Peer> peers = Peers.all();
        List<Workload> workloads = List.of(Workload.values());
        List<Integer> sizes = List.of();
        List<StartWork> forms = List.of(StartWork.BLOCKING, StartWork.ASYNC);
        int runs = 5;
        int warmup = 2;
        long seed = 42;
        boolean fork = true;
        Duration cellTimeout = Duration.ofSeconds(300);
        Path out = null;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            switch (option) {
                case "--no-fork" -> fork = false;
                case "--peer", "--workload", "--size", "--form", "--runs", "--warmup", "--seed", "--cell-timeout",
                        "--out" -> {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException("Option " + option + " needs a value");
                    }
                    String value = args.get(++i);
                    switch (option) {
                        case "--peer" -> peers = Peers.parse(value);
                        case "--workload" -> workloads = list(value).stream().map(Workload::parse).toList();
                        case "--size" -> sizes = list(value).stream().map(v -> number(option, v)).toList();
                        case "--form" -> forms = list(value).stream().map(HarnessOptions::form).toList();
                        case "--runs" -> runs = number(option, value);
                        case "--warmup" -> warmup = number(option, value);
                        case "--seed" -> seed = Long.parseLong(value);
                        case "--cell-timeout" -> cellTimeout = Duration.ofSeconds(number(option, value));
                        case "--out" -> out = Path.of(value);
                        default -> throw new IllegalStateException(option);
                    }
                }
                default -> throw new IllegalArgumentException("Unknown option '" + option + "'");
            }
        }
        if (peers.isEmpty() || workloads.isEmpty()) {
            throw new IllegalArgumentException("Select at least one peer and one workload");
        }
        if (runs < 1 || warmup < 0) {
            throw new IllegalArgumentException("--runs must be >= 1 and --warmup >= 0");
        }
        return new HarnessOptions(peers, workloads, sizes, forms, runs, warmup, seed, fork, cellTimeout, out);
    }

    /** The cells these options select, workload by workload. */
    List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (Workload workload : workloads) {
            List<Integer> workloadSizes = sizes.isEmpty() ? workload.defaultSizes() : sizes;
            for (int size : workloadSizes) {
                List<StartWork> works = workload == Workload.W2 ? forms : List.of(StartWork.NOOP);
                for (StartWork work : works) {
                    for (Peer peer : peers) {
                        if (workload == Workload.W4 && !peer.id().equals("lifecycle") && !peer.id().equals("spring")) {
                            continue;
                        }
                        cells.add(new Cell(workload, peer.id(), size, work, runs, warmup, seed));
                    }
                }
            }
        }
        return cells;
    }

    /**
     * The cells these options select, grouped by the JVM they run in: W4's setups of one size together, so that they
     * alternate in one JVM; every other cell alone.
     */
    List<List<Cell>> batches() {
        List<List<Cell>> batches = new ArrayList<>();
        for (Cell cell : cells()) {
            List<Cell> last = batches.isEmpty() ? null : batches.get(batches.size() - 1);
            if (cell.workload() == Workload.W4 && last != null && last.get(0).workload() == Workload.W4
                    && last.get(0).size() == cell.size()) {
                last.add(cell);
            } else {
                batches.add(new ArrayList<>(List.of(cell)));
            }
        }
        return batches.stream().map(List::copyOf).toList();
    }

    private static List<String> list(String value) {
        return List.of(value.split(",")).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** {@code value} of {@code option} as a whole number ({@code 100_000} allowed), or an error naming the option. */
    static int number(String option, String value) {
        try {
            return Integer.parseInt(value.replace("_", ""));
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("Option " + option + " needs a whole number, was '" + value + "'", ex);
        }
    }

    static StartWork form(String value) {
        try {
            return StartWork.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("Unknown kind of start '" + value + "': use noop, blocking or async",
                    ex);
        }
    }
}
