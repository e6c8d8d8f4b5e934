package dev.lifecycle.core.event;

import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.core.TransitionReason;
import dev.lifecycle.core.LogText;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One change of a service's state.
 *
 * @param key the service
 * @param from the state it left
 * @param to the state it entered
 * @param reason why
 * @param cause the failure, for {@link TransitionReason#FAILURE} (and the root failure for a
 *        {@link TransitionReason#DEPENDENCY} stop caused by one)
 * @param detail a sentence for a log, e.g. "requirement 'configurator' left RUNNING", if any
 * @param at when it happened
 * @param since when the service entered the state it left (its installation, for the first transition), so that
 *        {@code Duration.between(since, at)} is how long it spent in {@code from}
 * @since 0.1
 */
public record ServiceTransition(ServiceKey<?> key, ServiceState from, ServiceState to, TransitionReason reason,
        @Nullable Throwable cause, @Nullable String detail, Instant at, Instant since) {

    /**
     * Checks the parts.
     *
     * @param key the service
     * @param from the state it left
     * @param to the state it entered
     * @param reason why
     * @param cause the failure, for {@link TransitionReason#FAILURE} (and the root failure for a {@link
     *        TransitionReason#DEPENDENCY} stop caused by one)
     * @param detail a sentence for a log, e.g. "requirement 'configurator' left RUNNING", if any
     * @param at when it happened
     * @param since when the service entered the state it left (its installation, for the first transition), so that
     *        {@code Duration.between(since, at)} is how long it spent in {@code from}
     */
    public ServiceTransition {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(since, "since");
    }

    /**
     * A transition whose service entered the state it left at the same instant ({@code since} is {@code at}).
     *
     * @param key the service
     * @param from the state it left
     * @param to the state it entered
     * @param reason why
     * @param cause the failure, if any
     * @param detail a sentence for a log, if any
     * @param at when it happened
     */
    public ServiceTransition(ServiceKey<?> key, ServiceState from, ServiceState to, TransitionReason reason,
            @Nullable Throwable cause, @Nullable String detail, Instant at) {
        this(key, from, to, reason, cause, detail, at, at);
    }

    /**
     * How long the service spent in the state it left.
     *
     * @return the time from {@link #since()} to {@link #at()}
     */
    public Duration timeInPreviousState() {
        return Duration.between(since, at);
    }

    /**
     * The transition as a log line shows it, {@code config RUNNING -> STOPPING (FAILURE, java.io.IOException: gone)},
     * with control characters and invisible formatting characters in the detail and the cause escaped
     * ({@code \n}, <code>&#92;u202E</code>), so that a message cannot forge a log line.
     *
     * @return the service, both states, the reason, the detail and the cause
     */
    @Override
    public String toString() {
        return key.id() + " " + from + " -> " + to + " (" + reason
                + (detail == null ? "" : ": " + LogText.escape(detail))
                + (cause == null ? "" : ", " + LogText.escape(cause.toString())) + ")";
    }
}
