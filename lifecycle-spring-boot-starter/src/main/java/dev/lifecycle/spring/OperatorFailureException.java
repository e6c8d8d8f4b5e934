package dev.lifecycle.spring;

import dev.lifecycle.core.LifecycleException;

/**
 * The cause recorded for a service failed on purpose by an operator, for example through the {@code services}
 * actuator endpoint.
 *
 * @since 0.1
 */
public class OperatorFailureException extends LifecycleException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message.
     *
     * @param message why the operator failed the service
     */
    public OperatorFailureException(String message) {
        super(message);
    }
}
