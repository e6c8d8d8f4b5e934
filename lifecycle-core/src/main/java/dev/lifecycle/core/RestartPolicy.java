package dev.lifecycle.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How a failed service is restarted: after an exponential back-off with jitter, at most {@code maxRestarts} times
 * in {@code window}; past that it gives up and {@code escalation} applies. The back-off resets once the service
 * has run for {@code window} without failing.
 *
 * <p>The delay before restart number {@code n} (counting from 0 since the last reset) is
 * {@code min(maxBackoff, initialBackoff * multiplier^n)}, shortened by up to {@code jitter} of itself at random.
 *
 * <p><b>Operators and the intensity limit.</b> The limit protects a service that keeps failing even when someone
 * keeps starting it by hand:
 * <ul>
 *   <li>a {@link ServiceRegistry#fail fail} by hand is a failure like any other: it counts;</li>
 *   <li>a {@link ServiceRegistry#restart restart} or {@link ServiceRegistry#start start} by hand of a service that
 *       failed and waits out its back-off starts it at once, and keeps its history: its restarts within the window
 *       still count, and its next back-off is the next one in the sequence, so a service that fails again each time
 *       it is started gives up after {@code maxRestarts} restarts in {@code window}, as it would without the
 *       operator;</li>
 *   <li>a restart by hand of a service that is running is not a failure and adds nothing to its history;</li>
 *   <li>a stop by hand cancels the restart waiting out its back-off; a start afterwards keeps the history;</li>
 *   <li>a start (or restart) by hand of a service that gave up, or that failed under {@link #never()}, is a fresh
 *       start: its history is cleared, and it has the whole intensity and the initial back-off again.</li>
 * </ul>
 * The history is also cleared once the service has run for {@code window} without failing.
 *
 * @param restart whether a failed service is restarted at all; {@code false} leaves it FAILED until restarted by hand
 * @param initialBackoff the delay before the first restart
 * @param maxBackoff the longest delay
 * @param multiplier how much the delay grows per restart, at least 1
 * @param jitter the random fraction, from 0 to 1, by which a delay may be shortened
 * @param maxRestarts how many restarts are allowed within {@code window}
 * @param window the intensity window, and how long a service must run to reset its back-off
 * @param escalation what happens when the service gives up
 * @since 0.1
 */
public record RestartPolicy(boolean restart, Duration initialBackoff, Duration maxBackoff, double multiplier,
        double jitter, int maxRestarts, Duration window, Escalation escalation) {

    private static final RestartPolicy DEFAULTS = new RestartPolicy(true, Duration.ofMillis(100),
            Duration.ofSeconds(30), 2.0, 0.2, 5, Duration.ofSeconds(60), Escalation.NONE);

    /**
     * Checks the values.
     *
     * @param restart whether a failed service is restarted at all
     * @param initialBackoff the delay before the first restart, not negative
     * @param maxBackoff the longest delay, at least {@code initialBackoff}
     * @param multiplier how much the delay grows per restart, at least 1 and finite
     * @param jitter the random fraction, from 0 to 1, by which a delay may be shortened
     * @param maxRestarts how many restarts are allowed within {@code window}, not negative
     * @param window the intensity window, positive
     * @param escalation what happens when the service gives up
     * @throws IllegalArgumentException when a value is out of its range; the message names it and the range
     */
    public RestartPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(escalation, "escalation");
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("Invalid restart back-off: initial " + initialBackoff + ", max "
                    + maxBackoff + "; the initial delay must be >= 0 and the maximum >= the initial delay");
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("Invalid restart back-off multiplier " + multiplier + ": it must be >= 1");
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("Invalid restart jitter " + jitter + ": it must be between 0 and 1");
        }
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("Invalid max-restarts " + maxRestarts + ": it must be >= 0");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("Invalid restart window " + window + ": it must be positive");
        }
    }

    /**
     * Restart after 100 ms doubling to 30 s with 20% jitter, at most 5 restarts in 60 s, then stay FAILED.
     *
     * @return the default policy
     */
    public static RestartPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * Never restart: a failed service stays FAILED until restarted by hand.
     *
     * @return the default policy with restarts turned off
     */
    public static RestartPolicy never() {
        return DEFAULTS.withRestart(false);
    }

    /**
     * A copy with {@code restart} set.
     *
     * @param restart whether a failed service is restarted at all
     * @return a policy equal to this one but for {@code restart}
     */
    public RestartPolicy withRestart(boolean restart) {
        return new RestartPolicy(restart, initialBackoff, maxBackoff, multiplier, jitter, maxRestarts, window,
                escalation);
    }

    /**
     * A copy with another back-off.
     *
     * @param initialBackoff the delay before the first restart
     * @param maxBackoff the longest delay
     * @param multiplier how much the delay grows per restart
     * @return a policy equal to this one but for the back-off
     */
    public RestartPolicy withBackoff(Duration initialBackoff, Duration maxBackoff, double multiplier) {
        return new RestartPolicy(restart, initialBackoff, maxBackoff, multiplier, jitter, maxRestarts, window,
                escalation);
    }

    /**
     * A copy with another jitter.
     *
     * @param jitter the random fraction, from 0 to 1, by which a delay may be shortened
     * @return a policy equal to this one but for the jitter
     */
    public RestartPolicy withJitter(double jitter) {
        return new RestartPolicy(restart, initialBackoff, maxBackoff, multiplier, jitter, maxRestarts, window,
                escalation);
    }

    /**
     * A copy with another intensity limit.
     *
     * @param maxRestarts how many restarts are allowed within {@code window}
     * @param window the intensity window
     * @return a policy equal to this one but for the intensity limit
     */
    public RestartPolicy withIntensity(int maxRestarts, Duration window) {
        return new RestartPolicy(restart, initialBackoff, maxBackoff, multiplier, jitter, maxRestarts, window,
                escalation);
    }

    /**
     * A copy with another escalation.
     *
     * @param escalation what happens when the service gives up
     * @return a policy equal to this one but for the escalation
     */
    public RestartPolicy withEscalation(Escalation escalation) {
        return new RestartPolicy(restart, initialBackoff, maxBackoff, multiplier, jitter, maxRestarts, window,
                escalation);
    }

    /**
     * The delay before a restart.
     *
     * @param attempt the number of restarts since the last reset, from 0
     * @param random a number in {@code [0, 1)} that picks the jitter
     * @return the delay
     */
    public Duration backoff(int attempt, double random) {
        double nanos = initialBackoff.toNanos() * Math.pow(multiplier, Math.max(0, attempt));
        double capped = Math.min(nanos, maxBackoff.toNanos());
        return Duration.ofNanos((long) (capped * (1.0 - jitter * random)));
    }
}
