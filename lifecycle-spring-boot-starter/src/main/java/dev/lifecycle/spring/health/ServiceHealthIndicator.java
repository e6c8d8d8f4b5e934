package dev.lifecycle.spring.health;

import dev.lifecycle.core.FailureInfo;
import dev.lifecycle.core.ServiceHealth;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceSnapshot;
import dev.lifecycle.core.StartMode;
import dev.lifecycle.core.TransitionReason;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health of one service, meaning "is it in the state it should be":
 * <ul>
 *   <li>RUNNING, and its health check (if any) passes: UP; RUNNING with a failing health check: DOWN;</li>
 *   <li>FAILED (it broke itself): DOWN;</li>
 *   <li>STOPPED by an operator, disabled (mode NEVER), or an on-demand service that no dependent needs: UP, with
 *       detail {@code state: STOPPED} (down on purpose is not a fault);</li>
 *   <li>INSTALLED, WAITING (on a requirement), STARTING, STOPPING, or STOPPED by a shutdown: OUT_OF_SERVICE, with
 *       the root cause when another service is to blame;</li>
 *   <li>no longer installed: UNKNOWN.</li>
 * </ul>
 * Details: {@code state}, {@code reason}, {@code critical}, {@code restarts}, and when they apply {@code mode} (when
 * it is not ACTIVE), {@code rootCause},
 * {@code waitingOn}, {@code lastFailure} ({@code type}, {@code message}, {@code at}), {@code nextRestartAt} and
 * {@code healthCheck}.
 *
 * @since 0.1
 */
public final class ServiceHealthIndicator implements HealthIndicator {

    private final ServiceRegistry registry;
    private final String id;
    private final Predicate<String> critical;

    /**
     * The health of service {@code id}.
     *
     * @param registry the registry
     * @param id the service id
     * @param critical which service ids are critical
     */
    public ServiceHealthIndicator(ServiceRegistry registry, String id, Predicate<String> critical) {
        this.registry = registry;
        this.id = id;
        this.critical = critical;
    }

    @Override
    public Health health() {
        return registry.snapshot(id).map(this::health)
                .orElseGet(() -> Health.unknown().withDetail("state", "REMOVED").build());
    }

    Health health(ServiceSnapshot s) {
        Health.Builder builder = switch (s.state()) {
            case RUNNING -> s.health() == ServiceHealth.DOWN ? Health.down() : Health.up();
            case FAILED -> Health.down();
            case STOPPED -> s.reason() == TransitionReason.OPERATOR || s.reason() == TransitionReason.DEMAND
                    ? Health.up() : Health.outOfService();
            case REMOVED -> Health.unknown();
            default -> Health.outOfService();
        };
        return builder.withDetails(details(s, critical.test(s.id()))).build();
    }

    static Map<String, Object> details(ServiceSnapshot s, boolean critical) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", s.state().name());
        details.put("reason", s.reason().name());
        details.put("critical", critical);
        details.put("restarts", s.restarts());
        if (s.mode() != StartMode.ACTIVE) {
            details.put("mode", s.mode().name());
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
        if (s.health() == ServiceHealth.DOWN) {
            details.put("healthCheck", "failing");
        }
        return details;
    }
}
