package dev.lifecycle.spring.actuate.endpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.spring.history.RecordedTransition;
import dev.lifecycle.spring.history.ServiceTransitionHistory;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code serviceevents} endpoint: the last transitions of the registry's services, as a
 * {@link ServiceTransitionHistory} keeps them, for every service ({@code /actuator/serviceevents}) or for one
 * ({@code /actuator/serviceevents/{name}}), oldest first. Read-only.
 *
 * <p>A service is known to it while it is installed or while the history keeps transitions of it (a removed service's
 * last transitions, its removal included); for any other name the answer is empty (404 over HTTP, with the body the
 * {@code services} endpoint answers for an unknown service).
 *
 * @since 0.1
 */
@Endpoint(id = "serviceevents", defaultAccess = Access.READ_ONLY)
public class ServiceEventsEndpoint {

    private final ServiceRegistry registry;
    private final ServiceTransitionHistory history;

    /**
     * An endpoint serving {@code history}, the history of {@code registry}.
     *
     * @param registry the registry, asked which services are installed
     * @param history its history
     */
    public ServiceEventsEndpoint(ServiceRegistry registry, ServiceTransitionHistory history) {
        this.registry = registry;
        this.history = history;
    }

    /**
     * The transitions the history keeps, of every service, oldest first.
     *
     * @return the descriptor
     */
    @ReadOperation
    public ServiceEventsDescriptor events() {
        return describe(history.transitions());
    }

    /**
     * The transitions the history keeps of one service, oldest first.
     *
     * @param name the service id ({@code name} or {@code name:qualifier})
     * @return the descriptor (empty if the history keeps none of an installed service), {@code null} (404) if no
     *         service of that id is installed or kept
     */
    @ReadOperation
    public @Nullable ServiceEventsDescriptor serviceEvents(@Selector String name) {
        List<RecordedTransition> transitions = history.transitions(name);
        if (transitions.isEmpty() && registry.snapshot(name).isEmpty()) {
            return null;
        }
        return describe(transitions);
    }

    /** The installed service id closest to {@code name}, which is not known, if one is close enough. */
    @Nullable String suggestion(String name) {
        return EndpointErrors.suggestion(registry, name);
    }

    private static ServiceEventsDescriptor describe(List<RecordedTransition> transitions) {
        return new ServiceEventsDescriptor(transitions.stream().map(t -> new ServiceEventDescriptor(t.sequence(),
                t.service(), t.from().name(), t.to().name(), t.reason().name(), t.detail(),
                t.causeType() == null ? null : new CauseDescriptor(t.causeType(), t.causeMessage()),
                t.at().toString(), t.timeInPreviousState().toString())).toList());
    }

    /**
     * Transitions, oldest first.
     *
     * @param serviceEvents the transitions
     */
    public record ServiceEventsDescriptor(List<ServiceEventDescriptor> serviceEvents) implements OperationResponseBody {
    }

    /**
     * One transition. Its time is an ISO-8601 instant and the time in the previous state an ISO-8601 duration
     * ({@code PT0.12S}), as in the {@code services} endpoint.
     *
     * @param sequence its number among the registry's transitions the history received, from 1 (a gap before the
     *        oldest says how many were dropped)
     * @param service the service's id, as the {@code services} endpoint's {@code id}
     * @param from the state it left
     * @param to the state it entered
     * @param reason why
     * @param detail what the reason does not say, if anything
     * @param cause the failure behind it, if any
     * @param at when it happened
     * @param timeInPreviousState how long the service was in the state it left
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ServiceEventDescriptor(long sequence, String service, String from, String to, String reason,
            @Nullable String detail, @Nullable CauseDescriptor cause, String at, String timeInPreviousState) {
    }

    /**
     * The failure behind a transition.
     *
     * @param type the exception's class name
     * @param message its message, cut to its first {@value ServiceTransitionHistory#MAX_TEXT_LENGTH} characters
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CauseDescriptor(String type, @Nullable String message) {
    }
}
