package dev.lifecycle.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The comparisons the harness runs. */
public enum Workload {

    /** No-op services at scale: start-all, stop-all, retained heap per service. */
    W1("no-op scale", List.of(1_000, 10_000, 100_000)),
    /** I/O-bound starts of 5 ms, depth 10: start-all against the critical-path bound. */
    W2("I/O-bound start", List.of(500)),
    /** A root with transitive dependents: fail it and time until everything runs again. */
    W3("cascade", List.of(1_000)),
    /** A Spring Boot application of services through the starter, against the same beans as SmartLifecycle beans. */
    W4("Spring Boot", List.of(1_000));

    private final String title;
    private final List<Integer> defaultSizes;

    Workload(String title, List<Integer> defaultSizes) {
        this.title = title;
        this.defaultSizes = defaultSizes;
    }

    /** A few words saying what it measures. */
    public String title() {
        return title;
    }

    /** The sizes run when none is given: services for W1, W2 and W4, dependents of the root for W3. */
    public List<Integer> defaultSizes() {
        return defaultSizes;
    }

    /** The workload named {@code name}, case-insensitive. */
    public static Workload parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("Unknown workload '" + name + "': use one of "
                    + Arrays.toString(values()), ex);
        }
    }
}
