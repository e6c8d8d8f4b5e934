package dev.lifecycle.spring.internal;

import dev.lifecycle.core.RestartPolicy;
import dev.lifecycle.core.ServiceDefinition;
import java.time.Duration;
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
 * @since 0.1
 */
public record ServiceOptions(@Nullable Duration startTimeout, @Nullable Duration stopTimeout,
        @Nullable RestartPolicy restartPolicy, @Nullable Boolean critical, @Nullable Boolean enabled) {

    private static final ServiceOptions NONE = new ServiceOptions(null, null, null, null, null);

    /**
     * Options of a service that is installed.
     *
     * @param startTimeout how long setup and start may take
     * @param stopTimeout how long stop and join may take
     * @param restartPolicy the restart policy
     * @param critical whether the service is critical
     */
    public ServiceOptions(@Nullable Duration startTimeout, @Nullable Duration stopTimeout,
            @Nullable RestartPolicy restartPolicy, @Nullable Boolean critical) {
        this(startTimeout, stopTimeout, restartPolicy, critical, null);
    }

    /** Options that change nothing. */
    public static ServiceOptions none() {
        return NONE;
    }

    /** Sets the timeouts and the restart policy that are not {@code null} on {@code builder}. */
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
    }
}
