package dev.lifecycle.core;


import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A start of a service that the registry abandoned and whose code has not returned yet: it did not end within its
 * start timeout, either as a failure (the start timed out) or after the registry had cancelled it (a stop, restart or
 * remove, a requirement leaving RUNNING, the registry stopping) and the code ignored the interrupt. The registry no
 * longer waits for it, and no operation's future does; the code still runs on its thread, and the service does not
 * start again until it has returned. If it returns a value, that value is stopped (the service's stop and join run)
 * before the service starts again; if it fails, nothing is stopped. A snapshot shows it from the moment it is
 * abandoned until it has returned and its value, if any, has been stopped.
 *
 * @param startedAt when the start began
 * @param abandonedAt when the registry abandoned it: when the start timeout ran out
 * @param startTimeout the start timeout that ran out
 * @param cancelled whether the registry had cancelled it before (the service was to stop) rather than it failing
 *        by timing out
 * @param returned whether it has returned with a value, which is being stopped now
 * @since 0.1
 */
public record AbandonedStart(Instant startedAt, Instant abandonedAt, Duration startTimeout, boolean cancelled,
        boolean returned) {

    /**
     * Checks the parts.
     *
     * @param startedAt when the start began
     * @param abandonedAt when the registry abandoned it
     * @param startTimeout the start timeout that ran out
     * @param cancelled whether the registry had cancelled it before
     * @param returned whether it has returned with a value, which is being stopped now
     */
    public AbandonedStart {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(abandonedAt, "abandonedAt");
        Objects.requireNonNull(startTimeout, "startTimeout");
    }

    /**
     * One sentence saying what happened and what happens next: "its start, begun at 2026-11-21T10:15:00Z, was
     * abandoned at 2026-11-21T10:15:30Z when its start timeout (30 s) ran out; it is still running, and the value it
     * returns will be stopped before the service starts again", or, once it has returned, that its value is being
     * stopped.
     *
     * @return the description
     */
    public String summary() {
        String abandoned = "its start, begun at " + startedAt + ", was " + (cancelled ? "cancelled, and " : "")
                + "abandoned at " + abandonedAt + " when its start timeout (" + text(startTimeout) + ") ran out";
        return abandoned + (returned
                ? "; it has returned a value, which is being stopped before the service starts again"
                : "; it is still running, and the value it returns will be stopped before the service starts again");
    }

    /** A duration as a log line shows it: 30 s, 1.5 s, 250 ms. */
    private static String text(Duration duration) {
        return LogText.duration(duration);
    }
}
