package dev.lifecycle.core.internal;

import dev.lifecycle.core.HealthCheck;
import dev.lifecycle.core.RestartPolicy;
import dev.lifecycle.core.ServiceDefinition;
import dev.lifecycle.core.StartMode;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What a service was installed with besides its code and requirements: timeouts, restart policy, health check, start
 * mode and leader group.
 * Immutable; one instance, the registry's defaults, is shared by every service installed without settings of its
 * own, so that a service's record carries one reference instead of five fields.
 */
final class ServiceSettings {

    final Duration startTimeout;
    final Duration stopTimeout;
    final long startTimeoutNanos;
    final long stopTimeoutNanos;
    final RestartPolicy policy;
    final @Nullable HealthCheck healthCheck;
    final int failAfterUnhealthyChecks;
    /** When the service starts. */
    final StartMode mode;
    /** How long an on-demand service no dependent needs keeps running, in nanos. */
    final long idleDelayNanos;
    /** The group whose leader alone runs the service, or {@code null}: it runs on every instance. */
    final @Nullable String leaderGroup;

    ServiceSettings(Duration startTimeout, Duration stopTimeout, RestartPolicy policy,
            @Nullable HealthCheck healthCheck, int failAfterUnhealthyChecks, StartMode mode, long idleDelayNanos,
            @Nullable String leaderGroup) {
        this.startTimeout = startTimeout;
        this.stopTimeout = stopTimeout;
        this.startTimeoutNanos = startTimeout.toNanos();
        this.stopTimeoutNanos = stopTimeout.toNanos();
        this.policy = policy;
        this.healthCheck = healthCheck;
        this.failAfterUnhealthyChecks = failAfterUnhealthyChecks;
        this.mode = mode;
        this.idleDelayNanos = idleDelayNanos;
        this.leaderGroup = leaderGroup;
    }

    /** The registry's defaults: an active service with these timeouts and policy, and no health check. */
    static ServiceSettings defaults(Duration startTimeout, Duration stopTimeout, RestartPolicy policy) {
        return new ServiceSettings(startTimeout, stopTimeout, policy, null, 0, StartMode.ACTIVE, 0, null);
    }

    /**
     * These settings with what {@code definition} sets instead, or these very settings if it sets nothing (and the
     * service has no override, which runs no health check).
     */
    ServiceSettings with(ServiceDefinition<?> definition, boolean overridden) {
        HealthCheck check = overridden ? null : definition.healthCheck();
        if (definition.startTimeout() == null && definition.stopTimeout() == null
                && definition.restartPolicy() == null && check == null
                && definition.failAfterUnhealthyChecks() == failAfterUnhealthyChecks
                && definition.mode() == mode && definition.idleDelay().isZero()
                && java.util.Objects.equals(definition.leaderGroup(), leaderGroup)) {
            return this;
        }
        return new ServiceSettings(or(definition.startTimeout(), startTimeout),
                or(definition.stopTimeout(), stopTimeout),
                definition.restartPolicy() != null ? definition.restartPolicy() : policy, check,
                definition.failAfterUnhealthyChecks(), definition.mode(), definition.idleDelay().toNanos(),
                definition.leaderGroup());
    }

    private static Duration or(@Nullable Duration value, Duration fallback) {
        return value != null ? value : fallback;
    }
}
