package dev.lifecycle.core;

/**
 * No service is installed under the id an operation named: it never was, it was removed, or it is being removed.
 *
 * @since 0.1
 */
public class UnknownServiceException extends LifecycleException {

    private static final long serialVersionUID = 1L;

    /** The id that was not found. */
    private final String id;

    /**
     * For the service {@code id}.
     *
     * @param id the id that was not found
     */
    public UnknownServiceException(String id) {
        super("No service '" + id + "' is installed; check the name (and the qualifier, written name:qualifier)");
        this.id = id;
    }

    /**
     * For the service {@code id}, with a message saying why it cannot be found (it was removed, say).
     *
     * @param id the id
     * @param message what happened, and what to do about it
     */
    public UnknownServiceException(String id, String message) {
        super(message);
        this.id = id;
    }

    /**
     * The id that was not found.
     *
     * @return the id, as the operation named it
     */
    public String id() {
        return id;
    }
}
