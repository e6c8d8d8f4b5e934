package dev.lifecycle.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The timeline of the last {@link ServiceRegistry#startAll()}: when each service began starting and how long its
 * setup and start took, and the critical path, the chain of services that decided how long start-up took (each one
 * the requirement of the next that became RUNNING last). Immutable.
 *
 * @param startedAt when start-up began, {@code null} if the registry was never started
 * @param total how long until every service was RUNNING (or start-up ended), {@code null} while it goes on
 * @param services each service that started, in order of its start
 * @param criticalPath the critical path, from its first service to the one that became RUNNING last
 * @since 0.1
 */
public record StartupReport(@Nullable Instant startedAt, @Nullable Duration total, List<Entry> services,
        List<Entry> criticalPath) {

    /**
     * Copies the lists.
     *
     * @param startedAt when start-up began, {@code null} if the registry was never started
     * @param total how long until every service was RUNNING (or start-up ended), {@code null} while it goes on
     * @param services each service that started, in order of its start
     * @param criticalPath the critical path, from its first service to the one that became RUNNING last
     */
    public StartupReport {
        services = List.copyOf(services);
        criticalPath = List.copyOf(criticalPath);
    }

    /**
     * One service's first start during start-up.
     *
     * @param id the service id
     * @param offset when it began starting, from the beginning of start-up
     * @param duration how long its setup and start took; {@code null} if it did not become RUNNING
     */
    public record Entry(String id, Duration offset, @Nullable Duration duration) {
        /**
         * Checks the parts.
         *
         * @param id the service id
         * @param offset when it began starting, from the beginning of start-up
         * @param duration how long its setup and start took; {@code null} if it did not become RUNNING
         */
        public Entry {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(offset, "offset");
        }
    }

    /**
     * The critical path as {@code a (12 ms) -> b (30 ms)}.
     *
     * @return each service of the critical path with its duration, joined by arrows; empty without one
     */
    public String criticalPathSummary() {
        StringBuilder out = new StringBuilder();
        for (Entry e : criticalPath) {
            if (out.length() > 0) {
                out.append(" -> ");
            }
            out.append(e.id()).append(" (").append(millis(e.duration())).append(')');
        }
        return out.toString();
    }

    /** A plain-text table: one line per service with its offset and duration, then the critical path. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("Start-up");
        out.append(total == null ? " (in progress)" : " took " + millis(total)).append('\n');
        int width = 7;
        for (Entry e : services) {
            width = Math.max(width, e.id().length());
        }
        for (Entry e : services) {
            out.append(String.format("  %-" + width + "s  at %8s  took %8s%n", e.id(), millis(e.offset()),
                    millis(e.duration())));
        }
        return out.append("Critical path: ").append(criticalPathSummary()).append('\n').toString();
    }

    private static String millis(@Nullable Duration d) {
        if (d == null) {
            return "-";
        }
        return String.format("%.1f ms", d.toNanos() / 1_000_000.0);
    }
}
