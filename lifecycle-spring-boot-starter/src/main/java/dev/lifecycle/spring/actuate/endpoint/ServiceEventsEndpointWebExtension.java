package dev.lifecycle.spring.actuate.endpoint;

import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The HTTP answer of the {@code serviceevents} endpoint for one service: 404 for a service it does not know, with the
 * body the {@code services} endpoint answers, {@code {"status": 404, "error": "...", "service": "...",
 * "suggestion": "..."}}.
 *
 * @since 0.1
 */
@EndpointWebExtension(endpoint = ServiceEventsEndpoint.class)
public class ServiceEventsEndpointWebExtension {

    private final ServiceEventsEndpoint delegate;

    /**
     * An extension of {@code delegate}.
     *
     * @param delegate the endpoint
     */
    public ServiceEventsEndpointWebExtension(ServiceEventsEndpoint delegate) {
        this.delegate = delegate;
    }

    /**
     * The transitions of one service; see {@link ServiceEventsEndpoint#serviceEvents}.
     *
     * @param name the service id
     * @return 200 with its transitions, 404 for a service the endpoint does not know
     */
    @ReadOperation
    public WebEndpointResponse<Object> serviceEvents(@Selector String name) {
        ServiceEventsEndpoint.ServiceEventsDescriptor events = delegate.serviceEvents(name);
        if (events == null) {
            return EndpointErrors.unknownService(name, delegate.suggestion(name));
        }
        return new WebEndpointResponse<>(events, WebEndpointResponse.STATUS_OK);
    }
}
