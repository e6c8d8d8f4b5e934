package dev.lifecycle.core;

import org.jspecify.annotations.Nullable;

/**
 * The base of every exception the registry throws. Unchecked.
 *
 * @since 0.1
 */
public class LifecycleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message.
     *
     * @param message what went wrong and what to do about it
     */
    public LifecycleException(String message) {
        super(message);
    }

    /**
     * An exception with a message and a cause.
     *
     * @param message what went wrong and what to do about it
     * @param cause the exception behind it, if any
     */
    public LifecycleException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
