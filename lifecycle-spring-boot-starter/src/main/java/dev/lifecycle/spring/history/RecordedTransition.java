package dev.lifecycle.spring.history;

import dev.lifecycle.core.ServiceState;
import dev.lifecycle.core.TransitionReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One transition as {@link ServiceTransitionHistory} keeps it: what the registry's event said, with its failure as
 * text (the exception itself is not kept, so that the history holds no stack traces or objects of the application),
 * the detail and the failure's message cut to their first {@value ServiceTransitionHistory#MAX_TEXT_LENGTH}
 * characters.
 *
 * @param sequence its number among the transitions the history has received, from 1: consecutive for the whole
 *        registry, so a gap before the oldest one kept says how many were dropped
 * @param service the service's id ({@code name} or {@code name:qualifier})
 * @param from the state it left
 * @param to the state it entered
 * @param reason why
 * @param detail what the reason does not say, if anything (e.g. the keys of a restart for configuration)
 * @param causeType the class name of the failure behind it, if any
 * @param causeMessage that failure's message, if it has one
 * @param at when it happened
 * @param since when the service had entered the state it left
 * @since 0.1
 */
public record RecordedTransition(long sequence, String service, ServiceState from, ServiceState to,
        TransitionReason reason, @Nullable String detail, @Nullable String causeType, @Nullable String causeMessage,
        Instant at, Instant since) {

    /**
     * Checks the parts.
     *
     * @param sequence its number among the transitions the history has received, from 1: consecutive for the whole
     *        registry, so a gap before the oldest one kept says how many were dropped
     * @param service the service's id ({@code name} or {@code name:qualifier})
     * @param from the state it left
     * @param to the state it entered
     * @param reason why
     * @param detail what the reason does not say, if anything (e.g. the keys of a restart for configuration)
     * @param causeType the class name of the failure behind it, if any
     * @param causeMessage that failure's message, if it has one
     * @param at when it happened
     * @param since when the service had entered the state it left
     */
    public RecordedTransition {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(since, "since");
    }

    /**
     * How long the service was in the state it left.
     *
     * @return the time from {@link #since()} to {@link #at()}
     */
    public Duration timeInPreviousState() {
        return Duration.between(since, at);
    }
}
