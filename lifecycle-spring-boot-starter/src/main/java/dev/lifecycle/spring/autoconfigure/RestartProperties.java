package dev.lifecycle.spring.autoconfigure;

import dev.lifecycle.core.Escalation;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Restart policy: of every service under {@code lifecycle.restart}, of one under
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

    /**
     * Whether a failed service is restarted at all; when false it stays FAILED until restarted by hand.
     *
     * @return the value of {@code lifecycle.restart.enabled} (for one service,
     *        {@code lifecycle.services.<id>.restart.enabled}), or {@code null} when unset (for one service: the value
     *        for every service applies)
     */
    public @Nullable Boolean getEnabled() {
        return enabled;
    }

    /**
     * Sets the value of {@code lifecycle.restart.enabled} (for one service,
     * {@code lifecycle.services.<id>.restart.enabled}); see {@link #getEnabled()}.
     *
     * @param enabled the new value
     */
    public void setEnabled(@Nullable Boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * How many restarts are allowed within the window; past that the service gives up and the escalation
     * applies.
     *
     * @return the value of {@code lifecycle.restart.max-restarts} (for one service,
     *        {@code lifecycle.services.<id>.restart.max-restarts}), or {@code null} when unset (for one service: the
     *        value for every service applies)
     */
    public @Nullable Integer getMaxRestarts() {
        return maxRestarts;
    }

    /**
     * Sets the value of {@code lifecycle.restart.max-restarts} (for one service,
     * {@code lifecycle.services.<id>.restart.max-restarts}); see {@link #getMaxRestarts()}.
     *
     * @param maxRestarts the new value
     */
    public void setMaxRestarts(@Nullable Integer maxRestarts) {
        this.maxRestarts = maxRestarts;
    }

    /**
     * The intensity window, and how long a service must run to reset its back-off.
     *
     * @return the value of {@code lifecycle.restart.window} (for one service,
     *        {@code lifecycle.services.<id>.restart.window}), or {@code null} when unset (for one service: the value
     *        for every service applies)
     */
    public @Nullable Duration getWindow() {
        return window;
    }

    /**
     * Sets the value of {@code lifecycle.restart.window} (for one service,
     * {@code lifecycle.services.<id>.restart.window}); see {@link #getWindow()}.
     *
     * @param window the new value
     */
    public void setWindow(@Nullable Duration window) {
        this.window = window;
    }

    /**
     * What happens when a service gives up: NONE (it stays FAILED, health DOWN) or SHUTDOWN (the application
     * closes and the process exits with lifecycle.exit-status).
     *
     * @return the value of {@code lifecycle.restart.escalation} (for one service,
     *        {@code lifecycle.services.<id>.restart.escalation}), or {@code null} when unset (for one service: the
     *        value for every service applies)
     */
    public @Nullable Escalation getEscalation() {
        return escalation;
    }

    /**
     * Sets the value of {@code lifecycle.restart.escalation} (for one service,
     * {@code lifecycle.services.<id>.restart.escalation}); see {@link #getEscalation()}.
     *
     * @param escalation the new value
     */
    public void setEscalation(@Nullable Escalation escalation) {
        this.escalation = escalation;
    }

    /**
     * The settings under {@code lifecycle.restart.backoff} (or {@code lifecycle.services.<id>.restart.backoff}); see
     * {@link BackoffProperties}.
     *
     * @return the settings, bound in place
     */
    public BackoffProperties getBackoff() {
        return backoff;
    }
}
