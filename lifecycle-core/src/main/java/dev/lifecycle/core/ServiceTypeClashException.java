package dev.lifecycle.core;

/**
 * A service was installed, or required, under an id that is taken by a service of an incompatible type.
 *
 * @since 0.1
 */
public class ServiceTypeClashException extends LifecycleException {

    private static final long serialVersionUID = 1L;

    /**
     * With the message describing the clash.
     *
     * @param message the id, both types, and what to do about it
     */
    public ServiceTypeClashException(String message) {
        super(message);
    }
}
