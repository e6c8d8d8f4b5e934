package dev.lifecycle.core;

import org.jspecify.annotations.Nullable;

/**
 * The base of every exception the registry throws. Unchecked.
 *
 * @since 0.1
 */
public class LifecycleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception with a message. */
    public LifecycleException(String message) {
        super(message);
    }

    /** An exception with a message and a cause. */
    public LifecycleException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
