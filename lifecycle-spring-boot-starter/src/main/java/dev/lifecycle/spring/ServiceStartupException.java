package dev.lifecycle.spring;

import dev.lifecycle.core.LifecycleException;
import org.jspecify.annotations.Nullable;

/**
 * The services could not be set up or started with the application: a missing or cyclic requirement, a service
 * bean that cannot be a service, or a critical service that did not start. Its description names the services and
 * their beans; its action says how to fix it. Spring Boot prints both when the application fails to start.
 *
 * @since 0.1
 */
public class ServiceStartupException extends LifecycleException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, naming the services and beans. */
    private final String description;
    /** How to fix it. */
    private final String action;

    /**
     * An exception with a description of the problem and the action that fixes it.
     *
     * @param description what went wrong, naming the services and beans
     * @param action how to fix it
     * @param cause the underlying failure, if any
     */
    public ServiceStartupException(String description, String action, @Nullable Throwable cause) {
        super(description, cause);
        this.description = description;
        this.action = action;
    }

    /**
     * What went wrong, naming the services and beans.
     *
     * @return the description, as the failure analyzer prints it
     */
    public String getDescription() {
        return description;
    }

    /**
     * How to fix it.
     *
     * @return the action, as the failure analyzer prints it
     */
    public String getAction() {
        return action;
    }
}
