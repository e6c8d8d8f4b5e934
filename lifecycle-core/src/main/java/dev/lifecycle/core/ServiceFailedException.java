package dev.lifecycle.core;

import org.jspecify.annotations.Nullable;

/**
 * An awaited service will not become RUNNING: it gave up, will not restart, was removed, or the registry was closed.
 *
 * @since 0.1
 */
public class ServiceFailedException extends LifecycleException {

    private static final long serialVersionUID = 1L;

    /**
     * With a message and the service's last failure.
     *
     * @param message which service will not run, and why
     * @param cause the service's last failure, if it has one
     */
    public ServiceFailedException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
