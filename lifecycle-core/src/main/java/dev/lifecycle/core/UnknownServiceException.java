package dev.lifecycle.core;

/**
 * No service is installed under the id an operation named.
 *
 * @since 0.1
 */
public class UnknownServiceException extends LifecycleException {

    private static final long serialVersionUID = 1L;

    private final String id;

    /** For the service {@code id}. */
    public UnknownServiceException(String id) {
        super("No service '" + id + "' is installed; check the name (and the qualifier, written name:qualifier)");
        this.id = id;
    }

    /** The id that was not found. */
    public String id() {
        return id;
    }
}
