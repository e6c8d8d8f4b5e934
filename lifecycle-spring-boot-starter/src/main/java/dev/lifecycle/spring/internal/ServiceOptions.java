package dev.lifecycle.spring.internal;

import dev.lifecycle.core.RestartPolicy;
import dev.lifecycle.core.ServiceDefinition;
import dev.lifecycle.core.StartMode;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Settings of one service that override the registry's defaults and the bean's annotation; {@code null} leaves a
 * setting as it is.
 *
 * @param startTimeout how long setup and start may take
 * @param stopTimeout how long stop and join may take
 * @param restartPolicy the restart policy
 * @param critical whether the service is critical
 * @param enabled whether the service bean is installed at all ({@code false}: it is not, and services that require
 *        it are missing a requirement)
 * @param mode when the service starts
 * @param idleDelay how long an on-demand service keeps running once no dependent needs it
 * @param restartOnChange prefixes of the configuration keys the service reads, besides those of its annotation
 * @param liveness whether the service giving up marks the application's liveness BROKEN, critical or not;
 *        {@code null}: as {@code lifecycle.availability.liveness} says for critical services
 * @param leader the group whose leader alone runs the service; empty: it runs on every instance; {@code null}: as
 *        its annotation says
 * @since 0.1
 */
public record ServiceOptions(@Nullable Duration startTimeout, @Nullable Duration stopTimeout,
        @Nullable RestartPolicy restartPolicy, @Nullable Boolean critical, @Nullable Boolean enabled,
        @Nullable StartMode mode, @Nullable Duration idleDelay, List<String> restartOnChange,
        @Nullable Boolean liveness, @Nullable String leader) {

    private static final ServiceOptions NONE = new ServiceOptions(null, null, null, null, null, null, null,
            List.of(), null, null);

    /**
     * Copies the prefixes.
     *
     * @param startTimeout how long setup and start may take
     * @param stopTimeout how long stop and join may take
     * @param restartPolicy the restart policy
     * @param critical whether the service is critical
     * @param enabled whether the service bean is installed at all ({@code false}: it is not, and services that require
     *        it are missing a requirement)
     * @param mode when the service starts
     * @param idleDelay how long an on-demand service keeps running once no dependent needs it
     * @param restartOnChange prefixes of the configuration keys the service reads, besides those of its annotation
     * @param liveness whether the service marks liveness BROKEN when it gives up ({@code null}: the global setting
     *        decides, for critical services)
     * @param leader the group whose leader alone runs the service; empty: it runs on every instance; {@code null}: as
     *        its annotation says
     */
    public ServiceOptions {
        restartOnChange = List.copyOf(restartOnChange);
    }

    /**
     * Options that change nothing.
     *
     * @return the options with every setting {@code null} and no prefixes
     */
    public static ServiceOptions none() {
        return NONE;
    }

    /** Sets the timeouts, the restart policy and the idle delay that are not {@code null} on {@code builder}. */
    void applyTo(ServiceDefinition.Builder<?> builder) {
        if (startTimeout != null) {
            builder.startTimeout(startTimeout);
        }
        if (stopTimeout != null) {
            builder.stopTimeout(stopTimeout);
        }
        if (restartPolicy != null) {
            builder.restartPolicy(restartPolicy);
        }
        if (idleDelay != null) {
            builder.idleDelay(idleDelay);
        }
    }
}
