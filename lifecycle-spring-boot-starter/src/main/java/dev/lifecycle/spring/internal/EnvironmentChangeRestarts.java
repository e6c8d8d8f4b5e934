package dev.lifecycle.spring.internal;

import dev.lifecycle.spring.ConfigurationRestarts;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;

/**
 * Restarts the services that read the keys of Spring Cloud Context's {@link EnvironmentChangeEvent}: published after
 * a refresh ({@code /actuator/refresh}, a config server or bus push) or a change through {@code /actuator/env}.
 *
 * @since 0.1
 */
public final class EnvironmentChangeRestarts implements ApplicationListener<EnvironmentChangeEvent> {

    private final ConfigurationRestarts restarts;

    /**
     * Restarts through {@code restarts}.
     *
     * @param restarts the starter's configuration restarts
     */
    public EnvironmentChangeRestarts(ConfigurationRestarts restarts) {
        this.restarts = restarts;
    }

    @Override
    public void onApplicationEvent(EnvironmentChangeEvent event) {
        if (!event.getKeys().isEmpty()) {
            restarts.restartFor(event.getKeys());
        }
    }
}
