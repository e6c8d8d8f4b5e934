package dev.lifecycle.core.event;

import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.core.TransitionReason;
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
 * @since 0.1
 */
public record ServiceTransition(ServiceKey<?> key, ServiceState from, ServiceState to, TransitionReason reason,
        @Nullable Throwable cause, @Nullable String detail, Instant at) {

    /** Checks the parts. */
    public ServiceTransition {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String toString() {
        return key.id() + " " + from + " -> " + to + " (" + reason
                + (detail == null ? "" : ": " + detail)
                + (cause == null ? "" : ", " + cause) + ")";
    }
}
