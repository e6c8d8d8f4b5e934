package dev.lifecycle.plainsample;

import dev.lifecycle.core.ServiceHandle;

/**
 * A request needs the value of a plain service that is not running; {@link PlainServiceUnavailableAdvice} answers 503.
 */
final class PlainServiceNotRunningException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String id;

    private PlainServiceNotRunningException(String id) {
        super("Service '" + id + "' is not running");
        this.id = id;
    }

    /** The service's id. */
    String id() {
        return id;
    }

    /** The value of the service {@code handle} reads, or this exception if it is not running. */
    static <T> T valueOf(ServiceHandle<T> handle) {
        T value = handle.get();
        if (value == null) {
            throw new PlainServiceNotRunningException(handle.key().id());
        }
        return value;
    }
}
