package dev.lifecycle.spring.actuate.endpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lifecycle.core.AbandonedStart;
import dev.lifecycle.core.FailureInfo;
import dev.lifecycle.core.ServiceGraph;
import dev.lifecycle.core.ServiceHealth;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceSnapshot;
import dev.lifecycle.core.StartupReport;
import dev.lifecycle.core.UnknownServiceException;
import dev.lifecycle.spring.OperatorFailureException;
import dev.lifecycle.core.LogKeys;
import dev.lifecycle.core.LogText;
import dev.lifecycle.spring.internal.ServiceHealthStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code services} endpoint: every service of a registry with its state, requirements and history, the graph's
 * edges and the start-up's critical path; and, as a write operation, fail, restart, stop or start one service.
 *
 * <p>Read-only by default: the write operation needs {@code management.endpoint.services.access=unrestricted}
 * (and, where Spring Security protects the actuator, an authorised user). It accepts exactly the action names
 * {@code fail}, {@code restart}, {@code stop} and {@code start}, and a reason of at most the endpoint's longest reason
 * ({@code lifecycle.endpoint.max-reason-length}): the failure it records keeps the reason, and every later answer
 * shows it.
 *
 * @since 0.1
 */
@Endpoint(id = "services", defaultAccess = Access.READ_ONLY)
public class ServicesEndpoint {

    /** The longest reason a write operation accepts unless told otherwise: {@value} characters. */
    public static final int DEFAULT_MAX_REASON_LENGTH = 1000;

    /** The property that sets the longest reason, named in the refusal of a longer one. */
    static final String MAX_REASON_LENGTH_PROPERTY = "lifecycle.endpoint.max-reason-length";

    private static final Logger logger = LoggerFactory.getLogger(ServicesEndpoint.class);

    private final ServiceRegistry registry;
    private final Predicate<String> critical;
    private final Predicate<String> hasHealthCheck;
    private final Duration operationTimeout;
    private final int maxReasonLength;
    private final @Nullable ApplicationAvailability availability;

    /**
     * An endpoint for {@code registry} accepting reasons of at most {@link #DEFAULT_MAX_REASON_LENGTH} characters, that
     * takes every service to have a health check (its last result is reported).
     *
     * @param registry the registry
     * @param critical which service ids are critical
     * @param operationTimeout how long a write operation waits for the services it concerns to settle before it
     *        answers with the services as they are then
     */
    public ServicesEndpoint(ServiceRegistry registry, Predicate<String> critical, Duration operationTimeout) {
        this(registry, critical, any -> true, operationTimeout, DEFAULT_MAX_REASON_LENGTH);
    }

    /**
     * An endpoint for {@code registry}.
     *
     * @param registry the registry
     * @param critical which service ids are critical
     * @param hasHealthCheck which service ids have a health check (the others show no {@code healthCheck})
     * @param operationTimeout how long a write operation waits for the services it concerns to settle before it
     *        answers with the services as they are then
     * @param maxReasonLength the longest reason, in characters, a write operation accepts: the failure it records
     *        keeps it, and every later answer of the endpoint and of health shows it
     * @throws IllegalArgumentException if {@code maxReasonLength} is not positive
     */
    public ServicesEndpoint(ServiceRegistry registry, Predicate<String> critical, Predicate<String> hasHealthCheck,
            Duration operationTimeout, int maxReasonLength) {
        this(registry, critical, hasHealthCheck, operationTimeout, maxReasonLength, null);
    }

    /**
     * An endpoint for {@code registry} that also reports the application's readiness.
     *
     * @param registry the registry
     * @param critical which service ids are critical
     * @param hasHealthCheck which service ids have a health check (the others show no {@code healthCheck})
     * @param operationTimeout how long a write operation waits for the services it concerns to settle before it
     *        answers with the services as they are then
     * @param maxReasonLength the longest reason, in characters, a write operation accepts
     * @param availability the application's availability, whose readiness {@link ApplicationDescriptor} reports;
     *        {@code null} to report none
     * @throws IllegalArgumentException if {@code maxReasonLength} is not positive
     */
    public ServicesEndpoint(ServiceRegistry registry, Predicate<String> critical, Predicate<String> hasHealthCheck,
            Duration operationTimeout, int maxReasonLength, @Nullable ApplicationAvailability availability) {
        if (maxReasonLength <= 0) {
            throw new IllegalArgumentException("The longest reason must be positive, was " + maxReasonLength);
        }
        this.registry = registry;
        this.critical = critical;
        this.hasHealthCheck = hasHealthCheck;
        this.operationTimeout = operationTimeout;
        this.maxReasonLength = maxReasonLength;
        this.availability = availability;
    }

    /**
     * Every service, the graph's edges, the start-up's critical path and the application's state.
     *
     * @return the descriptor
     */
    @ReadOperation
    public ServicesDescriptor services() {
        List<ServiceDescriptor> services = registry.snapshot().stream().map(this::describe).toList();
        ServiceGraph graph = registry.graph();
        StartupReport report = registry.startupReport();
        return new ServicesDescriptor(application(services), services,
                graph.edges().stream().map(e -> new EdgeDescriptor(e.requirement(), e.dependent(), e.optional()))
                        .toList(),
                report.criticalPath().stream().map(e -> new PathEntryDescriptor(e.id(), text(e.offset()),
                        text(e.duration()))).toList(),
                leadership());
    }

    /** The application as its critical services and its readiness describe it. */
    private ApplicationDescriptor application(List<ServiceDescriptor> services) {
        List<String> down = services.stream().filter(ServiceDescriptor::critical)
                .filter(s -> "DOWN".equals(s.health()) || "OUT_OF_SERVICE".equals(s.health()))
                .map(ServiceDescriptor::id).toList();
        @Nullable ReadinessState readiness = availability == null ? null : availability.getReadinessState();
        return new ApplicationDescriptor(down.isEmpty() ? "UP" : "DOWN", readiness == null ? null : readiness.name(),
                down);
    }

    /** Each leader group the registry knows, and whether this instance leads it. */
    private Map<String, String> leadership() {
        Map<String, String> groups = new java.util.LinkedHashMap<>();
        registry.leadership().groups().forEach((group, state) -> groups.put(group, state.name()));
        return groups;
    }

    /**
     * One service.
     *
     * @param name the service id ({@code name} or {@code name:qualifier})
     * @return the descriptor, {@code null} (404) if there is no such service
     */
    @ReadOperation
    public @Nullable ServiceDescriptor service(@Selector String name) {
        return registry.snapshot(name).map(this::describe).orElse(null);
    }

    /**
     * Fails, restarts, stops or starts a service (with the cascade to its dependents), waits until the services the
     * operation concerns have settled (bounded by the operation timeout; see {@link ServiceRegistry}: the service, its
     * dependents, and what it waits for, never an unrelated service still starting), and answers with every service as
     * {@link #services()} does.
     *
     * @param name the service id
     * @param action exactly {@code fail}, {@code restart}, {@code stop} or {@code start}
     * @param reason for {@code fail}, the message of the recorded failure: at most the endpoint's longest reason
     * @return the services after the operation, {@code null} if there is no such service
     * @throws InvalidEndpointRequestException for an unknown action, a reason that is too long, or an operation the
     *         registry refuses now
     */
    @WriteOperation
    public @Nullable ServicesDescriptor control(@Selector String name, String action, @Nullable String reason) {
        if (registry.snapshot(name).isEmpty()) {
            return null;
        }
        Action parsed = Action.parse(name, action);
        checkReason(reason);
        logAction(name, parsed, reason);
        CompletableFuture<@Nullable Void> settled;
        try {
            settled = switch (parsed) {
                case FAIL -> registry.fail(name, new OperatorFailureException(
                        reason != null && !reason.isBlank() ? reason : "Failed by an operator"));
                case RESTART -> registry.restart(name);
                case STOP -> registry.stop(name);
                case START -> registry.start(name);
            };
        }
        catch (UnknownServiceException ex) {
            return null;
        }
        catch (IllegalStateException ex) {
            throw new InvalidEndpointRequestException(ex.getMessage(), ex.getMessage());
        }
        await(settled);
        return services();
    }

    /**
     * The installed service id closest to {@code name}, which is not installed, if one is close enough to be what was
     * meant; the core's {@link UnknownServiceException} works it out.
     */
    @Nullable String suggestion(String name) {
        return EndpointErrors.suggestion(registry, name);
    }

    /** Refuses a reason longer than the endpoint keeps. */
    private void checkReason(@Nullable String reason) {
        if (reason != null && reason.length() > maxReasonLength) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("maxReasonLength", maxReasonLength);
            details.put("property", MAX_REASON_LENGTH_PROPERTY);
            throw new InvalidServiceRequestException("The reason is " + reason.length() + " characters long; at most "
                    + maxReasonLength + " are accepted (" + MAX_REASON_LENGTH_PROPERTY + ")",
                    Collections.unmodifiableMap(details));
        }
    }

    /**
     * Logs an operator's action as one INFO line, with the service, the action and the reason of a {@code fail} as
     * key-values; the reason's control characters are escaped.
     */
    private static void logAction(String name, Action action, @Nullable String reason) {
        if (!logger.isInfoEnabled()) {
            return;
        }
        String verb = action.name().toLowerCase(Locale.ROOT);
        String safeReason = action == Action.FAIL && reason != null && !reason.isBlank() ? LogText.escape(reason)
                : null;
        LoggingEventBuilder line = logger.atInfo().addKeyValue(LogKeys.SERVICE_ID, name)
                .addKeyValue(LogKeys.OPERATOR_ACTION, verb);
        if (safeReason != null) {
            line.addKeyValue(LogKeys.OPERATOR_REASON, safeReason);
        }
        line.log("Operator action through the services endpoint: " + verb + " service '" + name + "'"
                + (safeReason == null ? "" : " (reason: " + safeReason + ")"));
    }

    private void await(CompletableFuture<@Nullable Void> settled) {
        try {
            settled.get(operationTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException | ExecutionException ex) {
            // Answer with the current state: the operation goes on in the background.
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private ServiceDescriptor describe(ServiceSnapshot s) {
        FailureInfo failure = s.lastFailure();
        boolean isCritical = critical.test(s.id());
        @Nullable ServiceHealth healthCheck = ServiceHealthStatus.healthCheck(s, hasHealthCheck.test(s.id()));
        return new ServiceDescriptor(s.key().name(), s.key().type().getName(), s.key().qualifier(), s.state().name(),
                s.reason().name(), text(s.since()), s.requires(), s.dependents(), s.waitingOn(), s.rootCause(),
                s.restarts(),
                failure == null ? null : new FailureDescriptor(failure.type(), failure.message(), text(failure.at())),
                text(s.nextRestartAt()), text(s.startDuration()), text(s.stopDuration()),
                ServiceHealthStatus.of(s, isCritical).name(), s.id(), isCritical, s.wants(), s.missing(),
                s.mode().name(), healthCheck == null ? null : healthCheck.name(), describe(s.abandonedStart()),
                s.leaderGroup(), s.leadership() == null ? null : s.leadership().name(), s.standby());
    }

    private static @Nullable AbandonedStartDescriptor describe(@Nullable AbandonedStart start) {
        return start == null ? null : new AbandonedStartDescriptor(text(start.startedAt()),
                text(start.abandonedAt()), text(start.startTimeout()), start.cancelled(), start.returned(),
                start.summary());
    }

    private static @Nullable String text(@Nullable Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static @Nullable String text(@Nullable Duration duration) {
        return duration == null ? null : duration.toString();
    }

    /** What the write operation can do, each named exactly by its lower-case name. */
    enum Action {
        FAIL, RESTART, STOP, START;

        /** The names the write operation accepts, in order. */
        static final List<String> NAMES = Arrays.stream(values()).map(a -> a.name().toLowerCase(Locale.ROOT))
                .toList();

        /**
         * The action named exactly {@code action}.
         *
         * @throws InvalidServiceRequestException for any other name, listing the valid ones
         */
        static Action parse(String service, String action) {
            int index = NAMES.indexOf(action);
            if (index >= 0) {
                return values()[index];
            }
            throw new InvalidServiceRequestException("Unknown action '" + EchoedInput.of(action) + "' for service '"
                    + EchoedInput.of(service) + "': use one of " + String.join(", ", NAMES),
                    Map.of("validActions", NAMES));
        }
    }

    /**
     * Every service, the graph's edges, the start-up's critical path and the application's state.
     *
     * @param application the application's state: whether its critical services are where they should be, and its
     *        readiness
     * @param services every service, in installation order
     * @param edges every requirement, from the required service to its dependent
     * @param criticalPath the chain of services that decided how long the last start-up took
     * @param leadership each leader group the registry knows (see {@link dev.lifecycle.core.Leadership}), sorted by
     *        name, and whether this instance leads it: LEADER, STANDBY or UNKNOWN
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ServicesDescriptor(ApplicationDescriptor application, List<ServiceDescriptor> services,
            List<EdgeDescriptor> edges, List<PathEntryDescriptor> criticalPath, Map<String, String> leadership)
            implements OperationResponseBody {
    }

    /**
     * The application's own state, as its services and its availability say.
     *
     * @param status UP while every critical service is where it should be (its {@code health} is neither DOWN nor
     *        OUT_OF_SERVICE), DOWN otherwise: the state the health group of the services shows, and, where the
     *        critical services drive readiness ({@code lifecycle.availability.readiness}, the default), the reason
     *        the application refuses traffic
     * @param readiness the application's readiness as Spring Boot's availability holds it: ACCEPTING_TRAFFIC or
     *        REFUSING_TRAFFIC; {@code null} when the endpoint does not know it
     * @param criticalDown the ids of the critical services that are not where they should be, in installation order
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ApplicationDescriptor(String status, @Nullable String readiness, List<String> criticalDown) {
    }

    /**
     * One service. Times are ISO-8601 instants, durations ISO-8601 durations ({@code PT0.12S}).
     *
     * @param name its name
     * @param type the class name of its value
     * @param qualifier its qualifier
     * @param state its state
     * @param reason why it entered that state
     * @param since when it entered that state
     * @param requires the ids it requires
     * @param dependents the ids that require it
     * @param waitingOn the ids it requires that are not RUNNING
     * @param rootCause for a service held back by another, the service at the root of it and why
     * @param restarts how many times it was restarted
     * @param lastFailure its last failure
     * @param nextRestartAt when its next restart is due
     * @param startDuration how long its last start took
     * @param stopDuration how long its last stop took
     * @param health whether it is in the state it should be, as its child in the health tree says
     *        ({@code components.services.components.<id>}): UP; DOWN or OUT_OF_SERVICE for a critical service;
     *        DEGRADED for one that is not critical; UNKNOWN
     * @param id its id, {@code name} or {@code name:qualifier}: what the endpoint's paths take
     * @param critical whether it is critical
     * @param wants the ids it is ordered after
     * @param missing the ids it requires that are not installed
     * @param mode when it starts: ACTIVE, ON_DEMAND (its {@code rootCause} says "not needed" while no dependent
     *        needs it) or NEVER
     * @param healthCheck the last result of its own health check: UP, DOWN, or UNKNOWN while it is not RUNNING (so
     *        not checked); {@code null} when it has none
     * @param abandonedStart a start of it that the registry abandoned at its start timeout and whose code still runs
     *        (or whose value is being stopped), whatever its state says; {@code null} when there is none
     * @param leaderGroup the group whose leader alone runs it; {@code null} when it runs on every instance
     * @param leadership for a leader-only service, whether this instance leads its group: LEADER, STANDBY or UNKNOWN;
     *        {@code null} for the others
     * @param standby whether it is down by design because this instance does not lead a group: a leader-only service
     *        on standby, or one that waits only for such services
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ServiceDescriptor(String name, String type, @Nullable String qualifier, String state, String reason,
            @Nullable String since, List<String> requires, List<String> dependents, List<String> waitingOn,
            @Nullable String rootCause, int restarts, @Nullable FailureDescriptor lastFailure,
            @Nullable String nextRestartAt, @Nullable String startDuration, @Nullable String stopDuration,
            String health, String id, boolean critical, List<String> wants, List<String> missing, String mode,
            @Nullable String healthCheck, @Nullable AbandonedStartDescriptor abandonedStart,
            @Nullable String leaderGroup, @Nullable String leadership, boolean standby)
            implements OperationResponseBody {

        /**
         * Whether it is FAILED with no restart coming: it gave up (it failed more often than its restart policy
         * allows) or its restart policy never restarts it, and it stays FAILED until an operator starts or restarts
         * it. A FAILED service whose restart is scheduled has a {@code nextRestartAt} instead.
         *
         * @return {@code true} for a FAILED service with no {@code nextRestartAt}
         */
        @JsonProperty("awaitingOperator")
        public boolean awaitingOperator() {
            return "FAILED".equals(state) && nextRestartAt == null;
        }
    }

    /**
     * A start that the registry abandoned and that has not returned yet: the service does not start again until it
     * has, and the value it returns is stopped first.
     *
     * @param startedAt when it began
     * @param abandonedAt when the registry abandoned it, at its start timeout
     * @param startTimeout the start timeout that ran out
     * @param cancelled whether the registry had cancelled it (the service was to stop) rather than it timing out as a
     *        failure
     * @param returned whether it has returned a value, which is being stopped now
     * @param summary one sentence saying all of it, and what happens next
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AbandonedStartDescriptor(@Nullable String startedAt, @Nullable String abandonedAt,
            @Nullable String startTimeout, boolean cancelled, boolean returned, String summary) {
    }

    /**
     * A failure.
     *
     * @param type the exception's class name
     * @param message its message
     * @param at when it happened
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record FailureDescriptor(String type, @Nullable String message, @Nullable String at) {
    }

    /**
     * A requirement.
     *
     * @param requirement the required service's id
     * @param dependent the id of the service that requires it
     * @param optional whether it is an optional ordering ({@code wants}) rather than a requirement
     */
    public record EdgeDescriptor(String requirement, String dependent, boolean optional) {
    }

    /**
     * A service on the start-up's critical path.
     *
     * @param id the service id
     * @param offset when it began starting, from the beginning of the start-up
     * @param duration how long its start took
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PathEntryDescriptor(String id, @Nullable String offset, @Nullable String duration) {
    }
}
