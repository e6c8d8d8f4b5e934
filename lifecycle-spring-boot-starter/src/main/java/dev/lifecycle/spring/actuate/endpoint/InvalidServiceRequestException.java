package dev.lifecycle.spring.actuate.endpoint;

import java.util.Map;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

/**
 * A write operation the endpoint refuses before doing anything: an unknown action, a reason that is too long. Its
 * details (the valid actions; the limit and the property that sets it) are added to the JSON body of the 400 answer.
 */
final class InvalidServiceRequestException extends InvalidEndpointRequestException {

    private static final long serialVersionUID = 1L;

    private final transient Map<String, Object> details;

    /**
     * A refusal.
     *
     * @param message what is wrong and how to fix it
     * @param details the fields to add to the answer, in order
     */
    InvalidServiceRequestException(String message, Map<String, Object> details) {
        super(message, message);
        this.details = details;
    }

    /** The fields to add to the answer, in order. */
    Map<String, Object> details() {
        return details;
    }
}
