package dev.lifecycle.spring.autoconfigure;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Exponential back-off with jitter before a restart; a value left unset takes the one of every service.
 *
 * @since 0.1
 */
public class BackoffProperties {

    /** Delay before the first restart. */
    private @Nullable Duration initial = Duration.ofMillis(100);

    /** Longest delay. */
    private @Nullable Duration max = Duration.ofSeconds(30);

    /** How much the delay grows with each restart; at least 1. */
    private @Nullable Double multiplier = 2.0;

    /** Random fraction, from 0 to 1, by which a delay may be shortened. */
    private @Nullable Double jitter = 0.2;

    /** Whether {@link #setInitial} was called (by the binder: the property was given), not left at its default. */
    private boolean initialSet;

    /** Whether {@link #setMax} was called (by the binder: the property was given), not left at its default. */
    private boolean maxSet;

    /**
     * Delay before the first restart.
     *
     * @return the value of {@code lifecycle.restart.backoff.initial} (for one service,
     *        {@code lifecycle.services.<id>.restart.backoff.initial}), or {@code null} when unset (for one service: the
     *        value for every service applies)
     */
    public @Nullable Duration getInitial() {
        return initial;
    }

    /**
     * Sets the value of {@code lifecycle.restart.backoff.initial} (for one service,
     * {@code lifecycle.services.<id>.restart.backoff.initial}); see {@link #getInitial()}.
     *
     * @param initial the new value
     */
    public void setInitial(@Nullable Duration initial) {
        this.initial = initial;
        this.initialSet = true;
    }

    /**
     * Longest delay.
     *
     * @return the value of {@code lifecycle.restart.backoff.max} (for one service,
     *        {@code lifecycle.services.<id>.restart.backoff.max}), or {@code null} when unset (for one service: the
     *        value for every service applies)
     */
    public @Nullable Duration getMax() {
        return max;
    }

    /**
     * Sets the value of {@code lifecycle.restart.backoff.max} (for one service,
     * {@code lifecycle.services.<id>.restart.backoff.max}); see {@link #getMax()}.
     *
     * @param max the new value
     */
    public void setMax(@Nullable Duration max) {
        this.max = max;
        this.maxSet = true;
    }

    /**
     * How much the delay grows with each restart; at least 1.
     *
     * @return the value of {@code lifecycle.restart.backoff.multiplier} (for one service,
     *        {@code lifecycle.services.<id>.restart.backoff.multiplier}), or {@code null} when unset (for one service:
     *        the value for every service applies)
     */
    public @Nullable Double getMultiplier() {
        return multiplier;
    }

    /**
     * Sets the value of {@code lifecycle.restart.backoff.multiplier} (for one service,
     * {@code lifecycle.services.<id>.restart.backoff.multiplier}); see {@link #getMultiplier()}.
     *
     * @param multiplier the new value
     */
    public void setMultiplier(@Nullable Double multiplier) {
        this.multiplier = multiplier;
    }

    /**
     * Random fraction, from 0 to 1, by which a delay may be shortened.
     *
     * @return the value of {@code lifecycle.restart.backoff.jitter} (for one service,
     *        {@code lifecycle.services.<id>.restart.backoff.jitter}), or {@code null} when unset (for one service: the
     *        value for every service applies)
     */
    public @Nullable Double getJitter() {
        return jitter;
    }

    /**
     * Sets the value of {@code lifecycle.restart.backoff.jitter} (for one service,
     * {@code lifecycle.services.<id>.restart.backoff.jitter}); see {@link #getJitter()}.
     *
     * @param jitter the new value
     */
    public void setJitter(@Nullable Double jitter) {
        this.jitter = jitter;
    }

    /** Whether the initial delay was given, rather than left at its default (or unset, for one service). */
    boolean initialWasSet() {
        return initialSet;
    }

    /** Whether the longest delay was given, rather than left at its default (or unset, for one service). */
    boolean maxWasSet() {
        return maxSet;
    }

    /** Leaves every value unset, to be taken from the back-off of every service. */
    void unset() {
        initial = null;
        max = null;
        multiplier = null;
        jitter = null;
    }
}
