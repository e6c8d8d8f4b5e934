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
 * ratio of the medians to the floor's, and then the project's targets, met or missed.
 */
final class ResultTables {

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
        out.append("| peer | start-all ms | × floor | of which install ms | stop-all ms | × floor | heap B/service |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|\n");
        CellResult floor = find(group, "floor", null);
        for (CellResult r : group) {
            out.append("| ").append(r.cell().peer());
            if (!r.ok()) {
                out.append(status(r, 6));
                continue;
            }
            out.append(" | ").append(figure(r, "start")).append(" | ").append(ratio(r, floor, "start"))
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
            CellResult floor = find(group, "floor", r.cell().work());
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
        CellResult floor = find(group, "floor", null);
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
        CellResult plain = find(group, "spring", null);
        for (CellResult r : group) {
            out.append("| ").append(r.cell().peer().equals("lifecycle") ? "lifecycle (starter, services)"
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
        CellResult w1 = largest(results, Workload.W1, "lifecycle");
        CellResult w1Floor = w1 == null ? null : find(results, r -> r.cell().workload() == Workload.W1
                && r.cell().size() == w1.cell().size() && r.cell().peer().equals("floor"));
        if (w1 != null && w1.ok() && w1Floor != null && w1Floor.ok()) {
            String size = String.format(Locale.ROOT, "%,d", w1.cell().size());
            rows.add(target("W1 " + size + " start-all ≤ 4× floor", ratioValue(w1, w1Floor, "start"), 4.0, "×"));
            rows.add(target("W1 " + size + " stop-all ≤ 4× floor", ratioValue(w1, w1Floor, "stop"), 4.0, "×"));
        }
        if (w1 != null && w1.ok()) {
            Stats heap = w1.stats("heap");
            if (heap != null) {
                rows.add(target("W1 " + String.format(Locale.ROOT, "%,d", w1.cell().size())
                        + " heap ≤ 400 B/service", heap.median(), 400, " B"));
            }
        }
        CellResult w2 = find(results, r -> r.cell().workload() == Workload.W2 && r.cell().peer().equals("lifecycle")
                && r.cell().work() == StartWork.BLOCKING);
        if (w2 != null && w2.ok()) {
            List<CellResult> group = results.stream().filter(r -> r.cell().workload() == Workload.W2
                    && r.cell().size() == w2.cell().size()).toList();
            double bound = bound(group);
            rows.add(target("W2 blocking starts ≤ 1.10× critical-path bound",
                    Objects.requireNonNull(w2.stats("start")).median() / bound, 1.10, "×"));
        }
        CellResult w3 = find(results, r -> r.cell().workload() == Workload.W3 && r.cell().peer().equals("lifecycle"));
        CellResult w3Floor = w3 == null ? null : find(results, r -> r.cell().workload() == Workload.W3
                && r.cell().size() == w3.cell().size() && r.cell().peer().equals("floor"));
        if (w3 != null && w3.ok() && w3Floor != null && w3Floor.ok()) {
            rows.add(target("W3 cascade ≤ 3× floor", ratioValue(w3, w3Floor, "cascade"), 3.0, "×"));
        }
        CellResult w4 = find(results, r -> r.cell().workload() == Workload.W4 && r.cell().peer().equals("lifecycle"));
        CellResult w4Plain = w4 == null ? null : find(results, r -> r.cell().workload() == Workload.W4
                && r.cell().size() == w4.cell().size() && r.cell().peer().equals("spring"));
        if (w4 != null && w4Plain != null && w4.ok() && w4Plain.ok()) {
            rows.add(target("W4 starter adds ≤ 10% to context start",
                    100 * (ratioValue(w4, w4Plain, "start") - 1), 10, "%"));
            rows.add(target("W4 starter adds ≤ 10% to context close",
                    100 * (ratioValue(w4, w4Plain, "close") - 1), 10, "%"));
        } else if (w4 != null && !w4.ok()) {
            rows.add("| W4 starter adds ≤ 10% to context start and close | " + w4.status().name().toLowerCase(
                    Locale.ROOT) + " | — |");
        }
        if (rows.isEmpty()) {
            return;
        }
        out.append("### Targets of the lifecycle engine\n\n| target | measured | met |\n|---|---:|---|\n");
        rows.forEach(row -> out.append(row).append('\n'));
        out.append('\n');
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
        String shown = unit.equals("×") ? String.format(Locale.ROOT, "%.2f×", value)
                : String.format(Locale.ROOT, "%.0f%s", value, unit);
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
        return String.format(Locale.ROOT, "%+.1f%%", 100 * (ratioValue(r, plain, metric) - 1));
    }

    static boolean anyFailure(List<CellResult> results) {
        return results.stream().anyMatch(r -> r.status() == Status.ERROR);
    }
}
