package dev.lifecycle.benchmarks;

import dev.lifecycle.benchmarks.CellResult.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Renders results as markdown tables, one per workload and size, each figure as {@code median (min–max)} with the
 * ratio of the medians to the floor's (in W1's start-all also to the by-name floor's), and then the project's
 * targets, met or missed, or why one could not be checked (a peer it needs not run, or without figures).
 */
final class ResultTables {

    private static final String ENGINE = "lifecycle";
    private static final String FLOOR = "floor";
    private static final String BY_NAME_FLOOR = "floor-by-name";
    private static final String SPRING = "spring";
    private static final double START_LIMIT = 4.0;
    private static final double STOP_LIMIT = 3.0;
    private static final double HEAP_LIMIT = 300;
    private static final double BLOCKING_LIMIT = 1.10;
    private static final double CASCADE_LIMIT = 3.0;
    private static final double CHANGE_LIMIT = 10;

    private ResultTables() {
    }

    static String render(List<CellResult> results) {
        StringBuilder out = new StringBuilder();
        Map<String, List<CellResult>> groups = new LinkedHashMap<>();
        for (CellResult result : results) {
            Cell cell = result.cell();
            String key = cell.workload() + " " + cell.size();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(result);
        }
        for (List<CellResult> group : groups.values()) {
            Cell first = group.get(0).cell();
            switch (first.workload()) {
                case W1 -> scale(out, group);
                case W2 -> ioBound(out, group);
                case W3 -> cascade(out, group);
                case W4 -> boot(out, group);
            }
            out.append('\n');
        }
        targets(out, results);
        notes(out, results);
        return out.toString();
    }

    private static void scale(StringBuilder out, List<CellResult> group) {
        Cell first = group.get(0).cell();
        out.append(String.format(Locale.ROOT, "### W1 no-op scale: %,d services%s%n%n", first.size(), graph(group)));
        out.append("| peer | start-all ms | × floor | × by-name floor | of which install ms | stop-all ms | × floor "
                + "| heap B/service |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        CellResult floor = find(group, FLOOR, null);
        CellResult byName = find(group, BY_NAME_FLOOR, null);
        for (CellResult r : group) {
            out.append("| ").append(r.cell().peer());
            if (!r.ok()) {
                out.append(status(r, 7));
                continue;
            }
            out.append(" | ").append(figure(r, "start")).append(" | ").append(ratio(r, floor, "start"))
                    .append(" | ").append(ratio(r, byName, "start"))
                    .append(" | ").append(figure(r, "install"))
                    .append(" | ").append(figure(r, "stop")).append(" | ").append(ratio(r, floor, "stop"))
                    .append(" | ").append(figure(r, "heap", "%.0f")).append(" |\n");
        }
    }

    private static void ioBound(StringBuilder out, List<CellResult> group) {
        Cell first = group.get(0).cell();
        double bound = bound(group);
        out.append(String.format(Locale.ROOT, "### W2 I/O-bound start: %,d services, %d ms starts%s%n%n",
                first.size(), StartWork.MILLIS, graph(group)));
        out.append(String.format(Locale.ROOT, "Critical-path bound: depth × %d ms = %s ms.%n%n", StartWork.MILLIS,
                Double.isNaN(bound) ? "?" : String.format(Locale.ROOT, "%.0f", bound)));
        out.append("| peer | start | start-all ms | × bound | × floor (same start) |\n");
        out.append("|---|---|---:|---:|---:|\n");
        for (CellResult r : group) {
            out.append("| ").append(r.cell().peer()).append(" | ").append(r.cell().work().label());
            if (!r.ok()) {
                out.append(status(r, 3));
                continue;
            }
            CellResult floor = find(group, FLOOR, r.cell().work());
            Stats start = Objects.requireNonNull(r.stats("start"));
            out.append(" | ").append(figure(r, "start")).append(" | ")
                    .append(Double.isNaN(bound) ? "" : String.format(Locale.ROOT, "%.2f×", start.median() / bound))
                    .append(" | ").append(ratio(r, floor, "start")).append(" |\n");
        }
    }

    private static void cascade(StringBuilder out, List<CellResult> group) {
        Cell first = group.get(0).cell();
        out.append(String.format(Locale.ROOT, "### W3 cascade: a root with %,d transitive dependents%s%n%n",
                first.size(), graph(group)));
        out.append("| peer | fail root → all running again, ms | × floor |\n");
        out.append("|---|---:|---:|\n");
        CellResult floor = find(group, FLOOR, null);
        for (CellResult r : group) {
            out.append("| ").append(r.cell().peer());
            if (!r.ok()) {
                out.append(status(r, 2));
                continue;
            }
            out.append(" | ").append(figure(r, "cascade")).append(" | ").append(ratio(r, floor, "cascade"))
                    .append(" |\n");
        }
    }

    private static void boot(StringBuilder out, List<CellResult> group) {
        Cell first = group.get(0).cell();
        out.append(String.format(Locale.ROOT, "### W4 Spring Boot: %,d services%s%n%n", first.size(), graph(group)));
        out.append("| setup | context start ms | vs SmartLifecycle | context close ms | vs SmartLifecycle |\n");
        out.append("|---|---:|---:|---:|---:|\n");
        CellResult plain = find(group, SPRING, null);
        for (CellResult r : group) {
            out.append("| ").append(r.cell().peer().equals(ENGINE) ? "lifecycle (starter, services)"
                    : "spring (SmartLifecycle beans)");
            if (!r.ok()) {
                out.append(status(r, 4));
                continue;
            }
            out.append(" | ").append(figure(r, "start")).append(" | ").append(change(r, plain, "start"))
                    .append(" | ").append(figure(r, "close")).append(" | ").append(change(r, plain, "close"))
                    .append(" |\n");
        }
    }

    private static void targets(StringBuilder out, List<CellResult> results) {
        List<String> rows = new ArrayList<>();
        CellResult w1 = largest(results, Workload.W1, ENGINE);
        if (w1 != null) {
            String size = String.format(Locale.ROOT, "%,d", w1.cell().size());
            rows.add(ratioTarget("W1 " + size + " start-all ≤ 4× by-name floor", w1, BY_NAME_FLOOR,
                    alike(results, w1, BY_NAME_FLOOR), "start", START_LIMIT));
            rows.add(ratioTarget("W1 " + size + " stop-all ≤ 3× floor", w1, FLOOR, alike(results, w1, FLOOR), "stop",
                    STOP_LIMIT));
            String heapTarget = String.format(Locale.ROOT, "W1 %s heap ≤ %.0f B/service", size, HEAP_LIMIT);
            Stats heap = w1.ok() ? w1.stats("heap") : null;
            rows.add(heap != null ? target(heapTarget, heap.median(), HEAP_LIMIT, " B")
                    : missingRow(heapTarget, w1.ok() ? "no heap figure" : status(w1)));
        }
        CellResult w2 = find(results, r -> r.cell().workload() == Workload.W2 && r.cell().peer().equals(ENGINE)
                && r.cell().work() == StartWork.BLOCKING);
        if (w2 != null) {
            rows.add(blockingTarget(w2, alike(results, w2, FLOOR), bound(results.stream()
                    .filter(r -> r.cell().workload() == Workload.W2 && r.cell().size() == w2.cell().size()).toList())));
        }
        CellResult w3 = find(results, r -> r.cell().workload() == Workload.W3 && r.cell().peer().equals(ENGINE));
        if (w3 != null) {
            rows.add(ratioTarget("W3 cascade ≤ 3× floor", w3, FLOOR, alike(results, w3, FLOOR), "cascade",
                    CASCADE_LIMIT));
        }
        CellResult w4 = find(results, r -> r.cell().workload() == Workload.W4 && r.cell().peer().equals(ENGINE));
        if (w4 != null) {
            CellResult plain = alike(results, w4, SPRING);
            rows.add(changeTarget("W4 starter adds ≤ 10% to context start", w4, plain, "start"));
            rows.add(changeTarget("W4 starter adds ≤ 10% to context close", w4, plain, "close"));
        }
        if (rows.isEmpty()) {
            return;
        }
        out.append("### Targets of the lifecycle engine\n\n| target | measured | met |\n|---|---:|---|\n");
        rows.forEach(row -> out.append(row).append('\n'));
        out.append('\n');
    }

    /** The engine's ratio of medians to a reference peer's, at most {@code limit}. */
    private static String ratioTarget(String name, CellResult engine, String referenceId,
            @Nullable CellResult reference, String metric, double limit) {
        String missing = missing(engine, referenceId, reference);
        if (missing != null) {
            return missingRow(name, missing);
        }
        return target(name, ratioValue(engine, Objects.requireNonNull(reference), metric), limit, "×");
    }

    /**
     * W2's blocking target: the engine's start over the critical-path bound at most the lower of 1.10 and the
     * floor's own blocking start over the bound.
     */
    static String blockingTarget(CellResult engine, @Nullable CellResult floor, double bound) {
        String generic = "W2 blocking starts ≤ min(1.10×, floor's) × critical-path bound";
        String missing = missing(engine, FLOOR, floor);
        if (missing != null || Double.isNaN(bound)) {
            return missingRow(generic, missing != null ? missing : "no critical-path bound");
        }
        double floorRatio = Objects.requireNonNull(Objects.requireNonNull(floor).stats("start")).median() / bound;
        double limit = Math.min(BLOCKING_LIMIT, floorRatio);
        String name = String.format(Locale.ROOT, "W2 blocking starts ≤ min(%.2f×, floor's %.2f×) = %.2f× "
                + "critical-path bound", BLOCKING_LIMIT, floorRatio, limit);
        return target(name, Objects.requireNonNull(engine.stats("start")).median() / bound, limit, "×");
    }

    /** How much longer the starter's context takes than the plain one, in percent, at most 10%. */
    private static String changeTarget(String name, CellResult engine, @Nullable CellResult plain, String metric) {
        String missing = missing(engine, SPRING, plain);
        if (missing != null) {
            return missingRow(name, missing);
        }
        return target(name, 100 * (ratioValue(engine, Objects.requireNonNull(plain), metric) - 1), CHANGE_LIMIT, "%");
    }

    /** Why a target cannot be checked (a cell not run, or without figures), or {@code null} if it can. */
    private static @Nullable String missing(CellResult engine, String referenceId, @Nullable CellResult reference) {
        if (!engine.ok()) {
            return status(engine);
        }
        if (reference == null) {
            return referenceId + " not run";
        }
        return reference.ok() ? null : status(reference);
    }

    private static String status(CellResult r) {
        return r.cell().peer() + ": " + r.status().name().toLowerCase(Locale.ROOT);
    }

    private static String missingRow(String name, String why) {
        return "| " + name + " | " + why + " | — |";
    }

    /** The result of {@code peer} in the same workload, size and kind of start as {@code like}, if it ran. */
    private static @Nullable CellResult alike(List<CellResult> results, CellResult like, String peer) {
        Cell cell = like.cell();
        return find(results, r -> r.cell().workload() == cell.workload() && r.cell().size() == cell.size()
                && r.cell().work() == cell.work() && r.cell().peer().equals(peer));
    }

    private static void notes(StringBuilder out, List<CellResult> results) {
        Set<String> titles = new LinkedHashSet<>();
        for (CellResult r : results) {
            titles.add("`" + r.cell().peer() + "`" + (r.cell().workload() == Workload.W4 ? " (W4)" : "") + ": "
                    + r.title());
        }
        out.append("Peers: ").append(String.join("; ", titles)).append(".\n");
        for (CellResult r : results) {
            if (!r.note().isEmpty()) {
                out.append("\n").append(r.cell()).append(": ").append(r.note()).append('.');
            }
        }
        out.append('\n');
    }

    private static String target(String name, double value, double limit, String unit) {
        String shown = switch (unit) {
            case "×" -> String.format(Locale.ROOT, "%.2f×", value);
            case "%" -> signed(value, "%.0f") + "%";
            default -> String.format(Locale.ROOT, "%.0f%s", value, unit);
        };
        return "| " + name + " | " + shown + " | " + (value <= limit ? "yes" : "**no**") + " |";
    }

    private static @Nullable CellResult largest(List<CellResult> results, Workload workload, String peer) {
        CellResult best = null;
        for (CellResult r : results) {
            if (r.cell().workload() == workload && r.cell().peer().equals(peer)
                    && (best == null || r.cell().size() > best.cell().size())) {
                best = r;
            }
        }
        return best;
    }

    private static @Nullable CellResult find(List<CellResult> results, Predicate<CellResult> which) {
        return results.stream().filter(which).findFirst().orElse(null);
    }

    private static @Nullable CellResult find(List<CellResult> group, String peer, @Nullable StartWork work) {
        return find(group, r -> r.cell().peer().equals(peer) && (work == null || r.cell().work() == work));
    }

    private static double bound(List<CellResult> group) {
        for (CellResult r : group) {
            Stats depth = r.stats("depth");
            if (depth != null) {
                return depth.median() * StartWork.MILLIS;
            }
        }
        return Double.NaN;
    }

    private static String graph(List<CellResult> group) {
        for (CellResult r : group) {
            if (!r.graph().isEmpty()) {
                return " (" + r.graph() + ")";
            }
        }
        return "";
    }

    private static String status(CellResult r, int columns) {
        String label = switch (r.status()) {
            case FAILURE -> "**FAILURE**";
            case UNSUPPORTED -> "n/a";
            case UNAVAILABLE -> "unavailable";
            case ERROR -> "**ERROR**";
            case OK -> "";
        };
        StringBuilder row = new StringBuilder(" | ").append(label).append(": ").append(r.message().replace("|", "/"));
        for (int i = 1; i < columns; i++) {
            row.append(" | ");
        }
        return row.append(" |\n").toString();
    }

    private static String figure(CellResult r, String metric) {
        return figure(r, metric, "%.2f");
    }

    private static String figure(CellResult r, String metric, String format) {
        Stats s = r.stats(metric);
        if (s == null) {
            return "—";
        }
        if (s.count() == 1) {
            return String.format(Locale.ROOT, format, s.median());
        }
        return String.format(Locale.ROOT, format + " (" + format + "–" + format + ")", s.median(), s.min(), s.max());
    }

    private static double ratioValue(CellResult r, CellResult base, String metric) {
        Stats a = r.stats(metric);
        Stats b = base.stats(metric);
        return a == null || b == null ? Double.NaN : a.median() / b.median();
    }

    private static String ratio(CellResult r, @Nullable CellResult floor, String metric) {
        if (floor == null || !floor.ok()) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.1f×", ratioValue(r, floor, metric));
    }

    private static String change(CellResult r, @Nullable CellResult plain, String metric) {
        if (plain == null || !plain.ok()) {
            return "—";
        }
        return signed(100 * (ratioValue(r, plain, metric) - 1), "%.1f") + "%";
    }

    /** {@code value} with its sign, + or − (a minus sign, not a hyphen). */
    static String signed(double value, String format) {
        String magnitude = String.format(Locale.ROOT, format, Math.abs(value));
        boolean zero = Double.parseDouble(magnitude) == 0;
        return (value < 0 && !zero ? "−" : "+") + magnitude;
    }

    static boolean anyFailure(List<CellResult> results) {
        return results.stream().anyMatch(r -> r.status() == Status.ERROR);
    }
}
