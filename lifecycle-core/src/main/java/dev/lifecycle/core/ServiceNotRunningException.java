package dev.lifecycle.core;

import org.jspecify.annotations.Nullable;

/**
 * A service's value was asked for while it was not RUNNING.
 *
 * @since 0.1
 */
public class ServiceNotRunningException extends LifecycleException {

    private static final long serialVersionUID = 1L;

    /** The id of the service whose value was asked for. */
    private final String id;
    /** The state the service was in. */
    private final ServiceState state;

    /**
     * For the service {@code id} in {@code state}.
     *
     * @param id the service id
     * @param state its state
     * @param why a sentence saying why it is not running, if known
     * @param cause its last failure, if any
     */
    public ServiceNotRunningException(String id, ServiceState state, @Nullable String why,
            @Nullable Throwable cause) {
        super("Service '" + id + "' is not RUNNING: it is " + state + (why == null ? "" : " (" + why + ")"), cause);
        this.id = id;
        this.state = state;
    }

    /**
     * The service id.
     *
     * @return the id of the service whose value was asked for
     */
    public String id() {
        return id;
    }

    /**
     * The state it was in.
     *
     * @return the state the service was in when its value was asked for
     */
    public ServiceState state() {
        return state;
    }
}
