package dev.lifecycle.benchmarks;

import dev.lifecycle.benchmarks.CellResult.Status;
import dev.lifecycle.benchmarks.boot.BootWorkload;
import dev.lifecycle.benchmarks.peers.Peer;
import dev.lifecycle.benchmarks.peers.PeerInstance;
import dev.lifecycle.benchmarks.peers.Peers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * Runs one {@link Cell} in this JVM: builds its graph once, then for each warm-up and measured run a fresh
 * container: install, start, check, measure, stop, check, close. A run that breaks dependency order, or after which
 * not every service has started (or stopped), ends the cell as a {@link Status#FAILURE}.
 */
public final class CellRunner {

    /** Services in W2's graph; 10 layers, a tenth without requirements. */
    static final int W2_LAYERS = 10;
    /** The layers of W3's graph. */
    static final int W3_LAYERS = 10;
    /**
     * W3's warm-up runs per {@code --warmup}: a run does a single cascade, so without more of them the cascade's code
     * would be timed before the JIT has compiled it (the other workloads run thousands of starts per run).
     */
    static final int W3_WARMUP_FACTOR = 25;

    private CellRunner() {
    }

    /** The graph a workload runs on at a size. */
    public static Dag graph(Workload workload, int size, long seed) {
        return switch (workload) {
            case W1, W4 -> Dag.of(Dag.Shape.LAYERED, size, seed);
            case W2 -> {
                int layers = Math.max(1, Math.min(W2_LAYERS, size / 2));
                yield Dag.layered(size, layers, Math.max(1, size / layers), seed);
            }
            // The root is node 0, alone in the first layer, so every other service depends on it transitively.
            case W3 -> Dag.layered(size + 1, Math.max(2, Math.min(W3_LAYERS, size)), 1, seed);
        };
    }

    /** Runs the cell. Never throws: an error is a result. */
    public static CellResult run(Cell cell) {
        Peer peer;
        try {
            peer = Peers.byId(cell.peer());
        } catch (IllegalArgumentException ex) {
            return CellResult.without(cell, Status.ERROR, ex.getMessage(), cell.peer());
        }
        if (cell.workload() == Workload.W4) {
            return BootWorkload.run(cell);
        }
        return run(cell, peer);
    }

    /**
     * Runs cells that share a JVM: W4's setups of one size together, alternating ({@link BootWorkload#run(List)});
     * any other cell on its own. Never throws: an error is a result.
     *
     * @param cells the cells, as {@link HarnessOptions#batches()} groups them
     * @return one result per cell, in the same order
     */
    public static List<CellResult> run(List<Cell> cells) {
        if (cells.size() > 1 && cells.stream().allMatch(cell -> cell.workload() == Workload.W4)) {
            return BootWorkload.run(cells);
        }
        return cells.stream().map(CellRunner::run).toList();
    }

    /** Runs the cell on {@code peer} (W1 to W3). Never throws: an error is a result. */
    static CellResult run(Cell cell, Peer peer) {
        String unsupported = unsupported(cell, peer);
        if (unsupported != null) {
            return CellResult.without(cell, Status.UNSUPPORTED, unsupported, peer.title());
        }
        Dag dag = graph(cell.workload(), cell.size(), cell.seed());
        Probe probe = new Probe(dag);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "benchmark-timer");
            thread.setDaemon(true);
            return thread;
        });
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        int lastViolations = 0;
        HeapMeter heap;
        try {
            // Start the timer's thread now, so that it counts among the threads that live through the runs.
            timer.submit(() -> { }).get();
            heap = new HeapMeter();
        } catch (Exception ex) {
            timer.shutdownNow();
            return CellResult.without(cell, Status.ERROR, "the timer does not run: " + ex, peer.title());
        }
        int warmup = cell.workload() == Workload.W3 ? cell.warmup() * W3_WARMUP_FACTOR : cell.warmup();
        try {
            for (int run = 0; run < warmup + cell.runs(); run++) {
                boolean measured = run >= warmup;
                probe.reset();
                Map<String, Double> figures = new LinkedHashMap<>();
                String failure = switch (cell.workload()) {
                    case W1 -> scale(peer, dag, probe, timer, measured, heap, figures);
                    case W2 -> ioBound(peer, dag, probe, cell.work(), timer, heap, figures);
                    case W3 -> cascade(peer, dag, probe, timer, heap, figures);
                    case W4 -> throw new IllegalStateException("W4 runs in BootWorkload");
                };
                String what = measured ? "measured run " + (run - warmup + 1) : "warm-up run " + (run + 1);
                if (failure != null) {
                    return CellResult.without(cell, Status.FAILURE, what + ": " + failure, peer.title());
                }
                if (probe.violations() > 0 && peer.declaresDependencies()) {
                    return CellResult.without(cell, Status.FAILURE, what + ": " + probe.violations()
                            + " dependency-order violations, first: " + probe.firstViolation(), peer.title());
                }
                lastViolations = probe.violations();
                if (measured) {
                    figures.forEach((name, value) -> samples.computeIfAbsent(name, n -> new ArrayList<>()).add(value));
                }
            }
        } catch (Exception | Error ex) {
            return CellResult.without(cell, Status.ERROR, ex.toString(), peer.title());
        } finally {
            timer.shutdownNow();
        }
        Map<String, double[]> metrics = new LinkedHashMap<>();
        samples.forEach((name, values) -> metrics.put(name, values.stream().mapToDouble(Double::doubleValue).toArray()));
        metrics.put("depth", new double[] {dag.depth()});
        String note = peer.declaresDependencies() ? ""
                : "unordered: " + lastViolations + " order violations in the last run";
        return new CellResult(cell, Status.OK, "", note, peer.title(), dag.toString(), metrics);
    }

    private static @Nullable String unsupported(Cell cell, Peer peer) {
        if (!peer.supports(cell.work())) {
            return peer.id() + " has no " + cell.work().label() + " start";
        }
        if (cell.workload() == Workload.W3 && !peer.cascades()) {
            return peer.id() + " cannot restart a service with its dependents";
        }
        return null;
    }

    /** W1: install, start, heap, stop. */
    private static @Nullable String scale(Peer peer, Dag dag, Probe probe, ScheduledExecutorService timer,
            boolean measured, HeapMeter heap, Map<String, Double> figures) throws Exception {
        long baseline = 0;
        if (measured) {
            baseline = heap.settledUsedAfterGc();
        } else {
            heap.settle();
        }
        long t0 = System.nanoTime();
        try (PeerInstance instance = peer.create(dag, probe, StartWork.NOOP, timer)) {
            instance.install();
            long t1 = System.nanoTime();
            instance.start();
            long t2 = System.nanoTime();
            String problem = probe.checkAllUp(null, 0);
            if (problem != null) {
                return "after start-all, " + problem;
            }
            if (measured) {
                long used = HeapMeter.usedAfterGc();
                figures.put("heap", (double) (used - baseline) / dag.size());
            }
            long t3 = System.nanoTime();
            instance.stop();
            long t4 = System.nanoTime();
            problem = probe.checkAllDown(null, 1);
            if (problem != null) {
                return "after stop-all, " + problem;
            }
            figures.put("start", millis(t2 - t0));
            figures.put("install", millis(t1 - t0));
            figures.put("stop", millis(t4 - t3));
        }
        return null;
    }

    /** W2: install and start with slow starts; the stop is checked, not timed. */
    private static @Nullable String ioBound(Peer peer, Dag dag, Probe probe, StartWork work,
            ScheduledExecutorService timer, HeapMeter heap, Map<String, Double> figures) throws Exception {
        heap.settle();
        long t0 = System.nanoTime();
        try (PeerInstance instance = peer.create(dag, probe, work, timer)) {
            instance.install();
            instance.start();
            long t1 = System.nanoTime();
            String problem = probe.checkAllUp(null, 0);
            if (problem != null) {
                return "after start-all, " + problem;
            }
            figures.put("start", millis(t1 - t0));
            instance.stop();
            problem = probe.checkAllDown(null, 1);
            if (problem != null) {
                return "after stop-all, " + problem;
            }
        }
        return null;
    }

    /** W3: start (untimed), then fail the root and time until it and its dependents run again. */
    private static @Nullable String cascade(Peer peer, Dag dag, Probe probe, ScheduledExecutorService timer,
            HeapMeter heap, Map<String, Double> figures) throws Exception {
        heap.settle();
        int root = 0;
        boolean[] affected = dag.dependentClosure(root);
        int affectedCount = dag.dependentClosureSize(root);
        try (PeerInstance instance = peer.create(dag, probe, StartWork.NOOP, timer)) {
            instance.install();
            instance.start();
            String problem = probe.checkAllUp(null, 0);
            if (problem != null) {
                return "after start-all, " + problem;
            }
            long t0 = System.nanoTime();
            instance.cascade(root, affectedCount);
            long t1 = System.nanoTime();
            problem = probe.checkAllUp(affected, 1);
            if (problem != null) {
                return "after the cascade, " + problem;
            }
            figures.put("cascade", millis(t1 - t0));
        }
        return null;
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
