package dev.lifecycle.spring.console;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.OperationType;
import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoint;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.core.env.Environment;

/**
 * Finds the {@code services} endpoint among the web endpoints the actuator has mapped.
 *
 * <p>The path honours {@code management.endpoints.web.base-path} and {@code ...path-mapping.services}. The endpoint
 * is writable when the actuator mapped its write operation, which it does exactly when the endpoint's access
 * ({@code management.endpoint.services.access}, else {@code management.endpoints.access.default}, capped by
 * {@code management.endpoints.access.max-permitted}) is {@code unrestricted}. Authorisation (Spring Security) is not
 * known here: a refused operation is reported by the page with the server's answer. The {@code serviceevents}
 * endpoint, when it is exposed over HTTP too, gives the console's timeline its transitions.
 *
 * @since 0.1
 */
public final class ActuatorServicesEndpointLocator implements ServicesEndpointLocator {

    /** The id of the endpoint the console reads. */
    public static final EndpointId SERVICES = EndpointId.of("services");

    /** The id of the endpoint whose transitions the console's timeline shows. */
    public static final EndpointId SERVICE_EVENTS = EndpointId.of("serviceevents");

    private final Supplier<@Nullable PathMappedEndpoints> endpoints;
    private final Environment environment;

    /**
     * A locator reading the actuator's mapped endpoints.
     *
     * @param endpoints the actuator's web endpoints, {@code null} when it maps none
     * @param environment the environment, for the management port
     */
    public ActuatorServicesEndpointLocator(Supplier<@Nullable PathMappedEndpoints> endpoints,
            Environment environment) {
        this.endpoints = endpoints;
        this.environment = environment;
    }

    @Override
    public ServicesEndpointLink locate() {
        ManagementPortType port = ManagementPortType.get(environment);
        if (port == ManagementPortType.DISABLED) {
            return ServicesEndpointLink.unavailable("The actuator is not served over HTTP (management.server.port is "
                    + "negative): remove management.server.port to let the console read the services endpoint.");
        }
        if (port == ManagementPortType.DIFFERENT) {
            return ServicesEndpointLink.unavailable("The actuator listens on its own port (management.server.port) "
                    + "and the console reads the services endpoint from the application's port: remove "
                    + "management.server.port, or set it to server.port.");
        }
        PathMappedEndpoints mapped = endpoints.get();
        PathMappedEndpoint endpoint = mapped != null ? mapped.getEndpoint(SERVICES) : null;
        String path = mapped != null ? mapped.getPath(SERVICES) : null;
        if (!(endpoint instanceof ExposableWebEndpoint web) || path == null) {
            return ServicesEndpointLink.unavailable("The services endpoint is not available over HTTP: add it to "
                    + "management.endpoints.web.exposure.include (for example 'health,services'), and leave "
                    + "management.endpoint.services.access unset, or set it to read-only or unrestricted.");
        }
        boolean writable = web.getOperations().stream().anyMatch(op -> op.getType() == OperationType.WRITE);
        ServicesEndpointLink link = ServicesEndpointLink.available(path, writable);
        String history = mapped != null && mapped.getEndpoint(SERVICE_EVENTS) instanceof ExposableWebEndpoint
                ? mapped.getPath(SERVICE_EVENTS) : null;
        return history != null ? link.withHistory(history) : link;
    }
}
