package dev.lifecycle.spring.health;

import dev.lifecycle.core.FailureInfo;
import dev.lifecycle.core.ServiceHealth;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceSnapshot;
import dev.lifecycle.core.StartMode;
import dev.lifecycle.spring.internal.ServiceHealthStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The health of one service, meaning "is it in the state it should be" ({@link ServiceHealthStatus}, which the
 * {@code services} endpoint's {@code health} field shows too):
 * <ul>
 *   <li>RUNNING, and its health check (if any) passes: UP;</li>
 *   <li>STOPPED by an operator, disabled (mode NEVER), or an on-demand service that no dependent needs: UP, with
 *       detail {@code state: STOPPED} (down on purpose is not a fault);</li>
 *   <li>a critical service that is FAILED (it broke itself) or RUNNING with a failing health check: DOWN;</li>
 *   <li>a critical service that is INSTALLED, WAITING (on a requirement), STARTING, STOPPING, or STOPPED by a
 *       shutdown: OUT_OF_SERVICE, with the root cause when another service is to blame;</li>
 *   <li>a service that is not critical, in any of these states: {@link #DEGRADED}, a status that Spring Boot's
 *       default status order leaves out of the application's status, so that the application stays UP;</li>
 *   <li>no longer installed: UNKNOWN.</li>
 * </ul>
 * Details: {@code state}, {@code reason}, {@code critical}, {@code restarts}, and when they apply {@code mode} (when
 * it is not ACTIVE), {@code rootCause}, {@code waitingOn}, {@code lastFailure} ({@code type}, {@code message},
 * {@code at}), {@code nextRestartAt} and {@code healthCheck} (the last result of its own health check: UP, DOWN, or
 * UNKNOWN while it is not RUNNING; absent when it has none).
 *
 * @since 0.1
 */
public final class ServiceHealthIndicator implements HealthIndicator {

    /**
     * The status of a service that is not critical and not in the state it should be. Spring Boot's default status
     * order ({@code DOWN, OUT_OF_SERVICE, UP, UNKNOWN}) does not list it, so it does not count in the application's
     * status; {@code management.endpoint.health.status.order=DOWN,OUT_OF_SERVICE,DEGRADED,UP,UNKNOWN} and
     * {@code management.endpoint.health.status.http-mapping.degraded=503} make it count.
     */
    public static final Status DEGRADED = new Status(ServiceHealthStatus.DEGRADED.name(),
            "a service that is not critical is not in the state it should be");

    private final ServiceRegistry registry;
    private final String id;
    private final Predicate<String> critical;
    private final Predicate<String> hasHealthCheck;

    /**
     * The health of service {@code id}.
     *
     * @param registry the registry
     * @param id the service id
     * @param critical which service ids are critical
     * @param hasHealthCheck which service ids have a health check
     */
    public ServiceHealthIndicator(ServiceRegistry registry, String id, Predicate<String> critical,
            Predicate<String> hasHealthCheck) {
        this.registry = registry;
        this.id = id;
        this.critical = critical;
        this.hasHealthCheck = hasHealthCheck;
    }

    @Override
    public Health health() {
        return registry.snapshot(id).map(this::health)
                .orElseGet(() -> Health.unknown().withDetail("state", "REMOVED").build());
    }

    Health health(ServiceSnapshot s) {
        boolean isCritical = critical.test(s.id());
        return Health.status(status(ServiceHealthStatus.of(s, isCritical)))
                .withDetails(details(s, isCritical, ServiceHealthStatus.healthCheck(s, hasHealthCheck.test(s.id()))))
                .build();
    }

    private static Status status(ServiceHealthStatus status) {
        return switch (status) {
            case UP -> Status.UP;
            case DOWN -> Status.DOWN;
            case OUT_OF_SERVICE -> Status.OUT_OF_SERVICE;
            case DEGRADED -> DEGRADED;
            case UNKNOWN -> Status.UNKNOWN;
        };
    }

    static Map<String, Object> details(ServiceSnapshot s, boolean critical, @Nullable ServiceHealth healthCheck) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", s.state().name());
        details.put("reason", s.reason().name());
        details.put("critical", critical);
        details.put("restarts", s.restarts());
        if (s.mode() != StartMode.ACTIVE) {
            details.put("mode", s.mode().name());
        }
        if (s.leaderGroup() != null && s.leadership() != null) {
            details.put("leader", s.leaderGroup());
            details.put("leadership", s.leadership().name());
        }
        if (s.rootCause() != null) {
            details.put("rootCause", s.rootCause());
        }
        if (!s.waitingOn().isEmpty()) {
            details.put("waitingOn", s.waitingOn());
        }
        FailureInfo failure = s.lastFailure();
        if (failure != null) {
            Map<String, Object> last = new LinkedHashMap<>();
            last.put("type", failure.type());
            if (failure.message() != null) {
                last.put("message", failure.message());
            }
            last.put("at", failure.at().toString());
            details.put("lastFailure", last);
        }
        if (s.nextRestartAt() != null) {
            details.put("nextRestartAt", s.nextRestartAt().toString());
        }
        if (healthCheck != null) {
            details.put("healthCheck", healthCheck.name());
        }
        return details;
    }
}
