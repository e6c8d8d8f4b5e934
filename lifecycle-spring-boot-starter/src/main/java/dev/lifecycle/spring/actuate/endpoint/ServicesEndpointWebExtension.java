package dev.lifecycle.spring.actuate.endpoint;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The HTTP answers of the {@code services} endpoint for one service, each error with a JSON body:
 * <ul>
 * <li>404 for an unknown service, on a GET and a POST alike: {@code {"status": 404, "error": "...", "service": "...",
 * "suggestion": "..."}}, the suggestion being the installed service whose name is closest to the one asked for, if
 * one is close enough to be what was meant ({@code null} otherwise);</li>
 * <li>400 for a write operation the endpoint refuses: {@code {"status": 400, "error": "...", "service": "...",
 * "action": "..."}}, with {@code validActions} for an unknown action and {@code maxReasonLength} and {@code property}
 * for a reason that is too long.</li>
 * </ul>
 * A name or action an answer repeats is cut to its first 100 characters, followed by {@code "... (N characters)"}.
 *
 * @since 0.1
 */
@EndpointWebExtension(endpoint = ServicesEndpoint.class)
public class ServicesEndpointWebExtension {

    private final ServicesEndpoint delegate;

    /**
     * An extension of {@code delegate}.
     *
     * @param delegate the endpoint
     */
    public ServicesEndpointWebExtension(ServicesEndpoint delegate) {
        this.delegate = delegate;
    }

    /**
     * One service; see {@link ServicesEndpoint#service}.
     *
     * @param name the service id
     * @return 200 with the service, 404 for an unknown service
     */
    @ReadOperation
    public WebEndpointResponse<Object> service(@Selector String name) {
        ServicesEndpoint.ServiceDescriptor service = delegate.service(name);
        if (service == null) {
            return notFound(name);
        }
        return new WebEndpointResponse<>(service, WebEndpointResponse.STATUS_OK);
    }

    /**
     * Fails, restarts, stops or starts a service; see {@link ServicesEndpoint#control}.
     *
     * @param name the service id
     * @param action {@code fail}, {@code restart}, {@code stop} or {@code start}
     * @param reason for {@code fail}, the message of the recorded failure
     * @return 200 with every service, 404 for an unknown service, 400 for an unknown action, a reason that is too
     *         long, or an operation the registry refuses now
     */
    @WriteOperation
    public WebEndpointResponse<Object> control(@Selector String name, String action, @Nullable String reason) {
        try {
            ServicesEndpoint.ServicesDescriptor result = delegate.control(name, action, reason);
            if (result == null) {
                return notFound(name);
            }
            return new WebEndpointResponse<>(result, WebEndpointResponse.STATUS_OK);
        }
        catch (InvalidEndpointRequestException ex) {
            Map<String, Object> body = EndpointErrors.error(400, ex.getMessage() != null ? ex.getMessage() : "Bad request", name);
            body.put("action", EchoedInput.of(action));
            if (ex instanceof InvalidServiceRequestException refusal) {
                body.putAll(refusal.details());
            }
            return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_BAD_REQUEST);
        }
    }

    /** The 404 answer for {@code name}, which is not installed: the same for a GET and a POST. */
    private WebEndpointResponse<Object> notFound(String name) {
        return EndpointErrors.unknownService(name, delegate.suggestion(name));
    }
}
