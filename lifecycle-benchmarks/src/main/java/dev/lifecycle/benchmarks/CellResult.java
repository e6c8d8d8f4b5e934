package dev.lifecycle.benchmarks;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * What one {@link Cell} measured, or why it has no figures.
 *
 * @param cell the cell
 * @param status how it went
 * @param message why it failed or was not run; empty when it went well
 * @param note a remark printed with the figures, e.g. the ordering violations of a peer without dependencies
 * @param title the peer's name and exact version
 * @param graph the graph it ran on
 * @param metrics each measured quantity's values, one per measured run (milliseconds, or bytes per service)
 */
public record CellResult(Cell cell, Status status, String message, String note, String title, String graph,
        Map<String, double[]> metrics) {

    /** How a cell went. */
    public enum Status {
        /** Measured. */
        OK,
        /** A run broke dependency order, or not every service ran: no figure. */
        FAILURE,
        /** The peer cannot do this (e.g. Spring has no cascade). */
        UNSUPPORTED,
        /** What the workload needs is not on the class path. */
        UNAVAILABLE,
        /** It threw, or timed out. */
        ERROR
    }

    private static final String PREFIX = "RESULT\t";

    /** A result without figures. */
    public static CellResult without(Cell cell, Status status, String message, String title) {
        return new CellResult(cell, status, message, "", title, "", Map.of());
    }

    /** The statistics of one metric, or {@code null} if it was not measured. */
    public @Nullable Stats stats(String metric) {
        double[] values = metrics.get(metric);
        return values == null || values.length == 0 ? null : Stats.of(values);
    }

    /** Whether this result has figures. */
    public boolean ok() {
        return status == Status.OK;
    }

    /** One line of text that {@link #decode} reads back, for results coming from another JVM. */
    String encode() {
        StringJoiner metricText = new StringJoiner(";");
        metrics.forEach((name, values) -> {
            StringJoiner joined = new StringJoiner(",");
            for (double v : values) {
                joined.add(Double.toString(v));
            }
            metricText.add(name + "=" + joined);
        });
        return PREFIX + String.join("\t", cell.workload().name(), cell.peer(), Integer.toString(cell.size()),
                cell.work().name(), Integer.toString(cell.runs()), Integer.toString(cell.warmup()),
                Long.toString(cell.seed()), status.name(), clean(message), clean(note), clean(title), clean(graph),
                metricText.toString());
    }

    /** Whether a line of another JVM's output is an encoded result. */
    static boolean isEncoded(String line) {
        return line.startsWith(PREFIX);
    }

    /** Reads a line written by {@link #encode}. */
    static CellResult decode(String line) {
        String[] parts = line.substring(PREFIX.length()).split("\t", -1);
        if (parts.length != 13) {
            throw new IllegalArgumentException("Not a result line: " + line);
        }
        Cell cell = new Cell(Workload.valueOf(parts[0]), parts[1], Integer.parseInt(parts[2]),
                StartWork.valueOf(parts[3]), Integer.parseInt(parts[4]), Integer.parseInt(parts[5]),
                Long.parseLong(parts[6]));
        Map<String, double[]> metrics = new LinkedHashMap<>();
        if (!parts[12].isEmpty()) {
            for (String metric : parts[12].split(";")) {
                int eq = metric.indexOf('=');
                String[] values = metric.substring(eq + 1).split(",");
                double[] parsed = new double[values.length];
                for (int i = 0; i < values.length; i++) {
                    parsed[i] = Double.parseDouble(values[i]);
                }
                metrics.put(metric.substring(0, eq), parsed);
            }
        }
        return new CellResult(cell, Status.valueOf(parts[7]), parts[8], parts[9], parts[10], parts[11], metrics);
    }

    private static String clean(String text) {
        return text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    @Override
    public String toString() {
        StringJoiner figures = new StringJoiner(", ");
        metrics.forEach((name, values) -> {
            Stats s = Stats.of(values);
            figures.add(String.format(Locale.ROOT, "%s %.3f (%.3f-%.3f)", name, s.median(), s.min(), s.max()));
        });
        return cell + ": " + status + (message.isEmpty() ? "" : " (" + message + ")") + " " + figures;
    }
}
