package dev.lifecycle.spring.actuate.endpoint;

import dev.lifecycle.core.ServiceGraph;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.UnknownServiceException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The JSON bodies of the endpoints' error answers, one shape for all of them: {@code status}, {@code error}, the
 * {@code service} the request named (as {@link EchoedInput} repeats it), and what the error adds. A request for a
 * service that is not installed is answered alike by every endpoint: 404 with the installed service whose name is
 * closest, if one is close enough to be what was meant.
 */
final class EndpointErrors {

    private EndpointErrors() {
    }

    /**
     * The 404 answer for {@code name}, which names no service.
     *
     * @param name the name the request gave
     * @param suggestion the installed service it most likely meant, or {@code null}
     * @return {@code {"status": 404, "error": "No service 'x' is installed...", "service": "x", "suggestion": ...}}
     */
    static WebEndpointResponse<Object> unknownService(String name, @Nullable String suggestion) {
        String service = EchoedInput.of(name);
        Map<String, Object> body = error(404, "No service '" + service + "' is installed"
                + (suggestion != null ? "; did you mean '" + suggestion + "'?" : ""), name);
        body.put("suggestion", suggestion);
        return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_NOT_FOUND);
    }

    /**
     * The installed service id closest to {@code name}, which is not installed, if one is close enough to be what was
     * meant; the core's {@link UnknownServiceException} works it out.
     */
    static @Nullable String suggestion(ServiceRegistry registry, String name) {
        List<String> installed = registry.graph().nodes().stream().map(ServiceGraph.Node::id).toList();
        return new UnknownServiceException(name, installed).suggestion().orElse(null);
    }

    /** The body every error answer starts with; its caller adds what the error has to say besides. */
    static Map<String, Object> error(int status, String message, String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", message);
        body.put("service", EchoedInput.of(name));
        return body;
    }
}
