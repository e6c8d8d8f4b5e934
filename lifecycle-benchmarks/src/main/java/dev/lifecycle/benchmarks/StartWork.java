package dev.lifecycle.benchmarks;

import java.util.Locale;

/** What a benchmark service does in its start. */
public enum StartWork {

    /** Nothing: measures the engine alone. */
    NOOP,
    /** Blocks its thread for {@link #MILLIS} ms with {@code Thread.sleep}, the way users write I/O in a start. */
    BLOCKING,
    /** The peer's idiomatic asynchronous start: completes from a timer after {@link #MILLIS} ms. */
    ASYNC;

    /** How long an I/O-bound start takes. */
    public static final long MILLIS = 5;

    /** Blocks for {@link #MILLIS} ms. */
    public static void block() {
        try {
            Thread.sleep(MILLIS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting", ex);
        }
    }

    /** The lower-case name used on the command line and in tables. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
