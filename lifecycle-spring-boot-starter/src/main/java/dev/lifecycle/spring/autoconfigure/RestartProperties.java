package dev.lifecycle.spring.autoconfigure;

import dev.lifecycle.core.Escalation;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * RestartProperties policy: of every service under {@code lifecycle.restart}, of one under
 * {@code lifecycle.services.<id>.restart}. A value left unset ({@code null}) takes the one of every service.
  *
 * @since 0.1
 */
public class RestartProperties {

    /** Whether a failed service is restarted at all; when false it stays FAILED until restarted by hand. */
    private @Nullable Boolean enabled = true;

    /**
     * How many restarts are allowed within the window; past that the service gives up and the escalation
     * applies.
     */
    private @Nullable Integer maxRestarts = 5;

    /** The intensity window, and how long a service must run to reset its back-off. */
    private @Nullable Duration window = Duration.ofSeconds(60);

    /**
     * What happens when a service gives up: NONE (it stays FAILED, health DOWN) or SHUTDOWN (the application
     * closes and the process exits with lifecycle.exit-status).
     */
    private @Nullable Escalation escalation = Escalation.NONE;

    /** Delay before each restart. */
    @NestedConfigurationProperty
    private final BackoffProperties backoff = new BackoffProperties();

    /** A restart policy with nothing set, for one service: every value is that of every service. */
    static RestartProperties unset() {
        RestartProperties restart = new RestartProperties();
        restart.enabled = null;
        restart.maxRestarts = null;
        restart.window = null;
        restart.escalation = null;
        restart.backoff.unset();
        return restart;
    }

    public @Nullable Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(@Nullable Boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable Integer getMaxRestarts() {
        return maxRestarts;
    }

    public void setMaxRestarts(@Nullable Integer maxRestarts) {
        this.maxRestarts = maxRestarts;
    }

    public @Nullable Duration getWindow() {
        return window;
    }

    public void setWindow(@Nullable Duration window) {
        this.window = window;
    }

    public @Nullable Escalation getEscalation() {
        return escalation;
    }

    public void setEscalation(@Nullable Escalation escalation) {
        this.escalation = escalation;
    }

    public BackoffProperties getBackoff() {
        return backoff;
    }
}
