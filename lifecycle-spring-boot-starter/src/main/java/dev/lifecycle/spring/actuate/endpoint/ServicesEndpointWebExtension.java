package dev.lifecycle.spring.actuate.endpoint;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The HTTP answers of the {@code services} endpoint's write operation: 404 for an unknown service, and 400 with a
 * JSON body {@code {"status": 400, "error": "...", "service": "...", "action": "..."}} for an unknown action.
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
     * Fails, restarts, stops or starts a service; see {@link ServicesEndpoint#control}.
     *
     * @param name the service id
     * @param action {@code fail}, {@code restart}, {@code stop} or {@code start}
     * @param reason for {@code fail}, the message of the recorded failure
     * @return 200 with every service, 404 for an unknown service, 400 for an unknown action
     */
    @WriteOperation
    public WebEndpointResponse<Object> control(@Selector String name, String action, @Nullable String reason) {
        try {
            ServicesEndpoint.ServicesDescriptor result = delegate.control(name, action, reason);
            if (result == null) {
                return new WebEndpointResponse<>(error(404, "No service '" + name + "' is installed", name, action),
                        WebEndpointResponse.STATUS_NOT_FOUND);
            }
            return new WebEndpointResponse<>(result, WebEndpointResponse.STATUS_OK);
        }
        catch (InvalidEndpointRequestException ex) {
            return new WebEndpointResponse<>(error(400, ex.getMessage(), name, action),
                    WebEndpointResponse.STATUS_BAD_REQUEST);
        }
    }

    private static Map<String, Object> error(int status, @Nullable String message, String name, String action) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", message != null ? message : "Bad request");
        body.put("service", name);
        body.put("action", action);
        return body;
    }
}
