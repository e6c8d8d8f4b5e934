package dev.lifecycle.spring.internal;

import dev.lifecycle.core.ServiceHealth;
import dev.lifecycle.core.ServiceSnapshot;
import dev.lifecycle.core.TransitionReason;
import org.jspecify.annotations.Nullable;

/**
 * The health of one service, meaning "is it in the state it should be": the status of its child in the health tree
 * ({@code components.services.components.<id>}) and the {@code health} field of the {@code services} endpoint, which
 * the console shows. One function computes it for both, so that they never disagree; it uses no class of Spring
 * Boot's health module, which the endpoint does without.
 *
 * <p>A critical service that is not where it should be is {@link #DOWN} or {@link #OUT_OF_SERVICE}, which Spring
 * Boot's default status order makes the application's status; a service that is not critical is {@link #DEGRADED}
 * instead, a status that order leaves out, so that it shows in its own child without taking the application down.
 *
 * @since 0.1
 */
public enum ServiceHealthStatus {

    /**
     * Where it should be: RUNNING with its health check (if any) passing; STOPPED by an operator; disabled (mode
     * NEVER); an on-demand service that no dependent needs; or on standby: a leader-only service whose group this
     * instance does not lead, and a service that waits only for such services.
     */
    UP,

    /** A critical service that is FAILED, or RUNNING with its health check failing. */
    DOWN,

    /**
     * A critical service on its way up or held back: INSTALLED, WAITING (on a requirement), STARTING, STOPPING, or
     * STOPPED by a shutdown.
     */
    OUT_OF_SERVICE,

    /** A service that is not critical and would otherwise be {@link #DOWN} or {@link #OUT_OF_SERVICE}. */
    DEGRADED,

    /** No longer installed. */
    UNKNOWN;

    /**
     * The health of a service as its snapshot shows it.
     *
     * @param service the service's snapshot
     * @param critical whether the service is critical
     * @return its health
     */
    public static ServiceHealthStatus of(ServiceSnapshot service, boolean critical) {
        if (service.standby()) {
            // Down by design: this instance does not lead the group the service (or what it waits for) runs for.
            return UP;
        }
        ServiceHealthStatus status = switch (service.state()) {
            case RUNNING -> service.health() == ServiceHealth.DOWN ? DOWN : UP;
            case FAILED -> DOWN;
            case STOPPED -> service.reason() == TransitionReason.OPERATOR || service.reason() == TransitionReason.DEMAND
                    || service.reason() == TransitionReason.DISABLED ? UP : OUT_OF_SERVICE;
            case REMOVED -> UNKNOWN;
            default -> OUT_OF_SERVICE;
        };
        return !critical && (status == DOWN || status == OUT_OF_SERVICE) ? DEGRADED : status;
    }

    /**
     * The last result of a service's own health check: UP (it passed), DOWN (it failed), or UNKNOWN (the service is
     * not RUNNING, so it is not checked); {@code null} when the service has no health check.
     *
     * @param service the service's snapshot
     * @param hasHealthCheck whether the service has a health check
     * @return the result, or {@code null}
     */
    public static @Nullable ServiceHealth healthCheck(ServiceSnapshot service, boolean hasHealthCheck) {
        return hasHealthCheck ? service.health() : null;
    }
}
