package dev.lifecycle.core;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The last failure recorded for a service.
 *
 * @param type the exception's class name
 * @param message the exception's message, if any
 * @param at when it was recorded
 * @param cause the exception itself
 * @since 0.1
 */
public record FailureInfo(String type, @Nullable String message, Instant at, Throwable cause) {

    /**
     * Checks the parts.
     *
     * @param type the exception's class name
     * @param message the exception's message, if any
     * @param at when it was recorded
     * @param cause the exception itself
     */
    public FailureInfo {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(cause, "cause");
    }

    /**
     * The failure of {@code cause} at {@code at}.
     *
     * @param cause the exception
     * @param at when it was recorded
     * @return the failure, with the exception's class name and message
     */
    public static FailureInfo of(Throwable cause, Instant at) {
        return new FailureInfo(cause.getClass().getName(), cause.getMessage(), at, cause);
    }

    /**
     * {@code Type: message}, the way a log line shows it: control characters, invisible formatting characters such
     * as a right-to-left override, and line separators in the message are escaped ({@code \n},
     * <code>&#92;u202E</code>), so that the message cannot forge a log line. {@link #message()} is the message as it
     * was.
     *
     * @return the type and the escaped message
     */
    public String summary() {
        return message == null ? type : type + ": " + LogText.escape(message);
    }
}
