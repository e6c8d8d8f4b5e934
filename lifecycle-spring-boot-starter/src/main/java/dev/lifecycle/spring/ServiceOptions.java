package dev.lifecycle.spring;

import dev.lifecycle.core.RestartPolicy;
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
 * @since 0.1
 */
public record ServiceOptions(@Nullable Duration startTimeout, @Nullable Duration stopTimeout,
        @Nullable RestartPolicy restartPolicy, @Nullable Boolean critical) {

    private static final ServiceOptions NONE = new ServiceOptions(null, null, null, null);

    /** Options that change nothing. */
    public static ServiceOptions none() {
        return NONE;
    }
}
