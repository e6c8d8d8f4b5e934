package dev.lifecycle.spring.autoconfigure;

import dev.lifecycle.core.StartMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Settings of one service; anything left unset takes the setting of every service.
 *
 * @since 0.1
 */
public class ServiceProperties {

    /**
     * Whether to run this service bean; when false it is not installed, and services that require it fail
     * start-up as missing.
     */
    private boolean enabled = true;

    /** Whether the application cannot work without this service (overrides @LifecycleService(critical)). */
    private @Nullable Boolean critical;

    /**
     * Whether this service giving up (failing more often than its restart policy allows) marks the application
     * broken (liveness BROKEN), critical or not; false keeps it from doing so. Unset: as
     * lifecycle.availability.liveness says for critical services.
     */
    private @Nullable Boolean liveness;

    /** How long the service's setup and start may take. */
    private @Nullable Duration startTimeout;

    /** How long the service's stop and join may take. */
    private @Nullable Duration stopTimeout;

    /** RestartProperties policy of the service. */
    @NestedConfigurationProperty
    private final RestartProperties restart = RestartProperties.unset();

    /**
     * When the service starts (overrides @LifecycleService(mode)): ACTIVE as soon as its requirements are
     * RUNNING, ON_DEMAND only while a dependent needs it, NEVER not at all.
     */
    private @Nullable StartMode mode;

    /** How long an ON_DEMAND service keeps running once no dependent needs it; by default it stops at once. */
    private @Nullable Duration idleDelay;

    /**
     * Prefixes of the configuration keys the service reads, such as 'db.,cache.': when keys under them change,
     * the service restarts with its dependents. Adds to @LifecycleService(restartOnChange) and to the
     * @ConfigurationProperties beans the service bean is given.
     */
    private List<String> restartOnChange = new ArrayList<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable Boolean getCritical() {
        return critical;
    }

    public void setCritical(@Nullable Boolean critical) {
        this.critical = critical;
    }

    public @Nullable Boolean getLiveness() {
        return liveness;
    }

    public void setLiveness(@Nullable Boolean liveness) {
        this.liveness = liveness;
    }

    public @Nullable Duration getStartTimeout() {
        return startTimeout;
    }

    public void setStartTimeout(@Nullable Duration startTimeout) {
        this.startTimeout = startTimeout;
    }

    public @Nullable Duration getStopTimeout() {
        return stopTimeout;
    }

    public void setStopTimeout(@Nullable Duration stopTimeout) {
        this.stopTimeout = stopTimeout;
    }

    public RestartProperties getRestart() {
        return restart;
    }

    public @Nullable StartMode getMode() {
        return mode;
    }

    public void setMode(@Nullable StartMode mode) {
        this.mode = mode;
    }

    public @Nullable Duration getIdleDelay() {
        return idleDelay;
    }

    public void setIdleDelay(@Nullable Duration idleDelay) {
        this.idleDelay = idleDelay;
    }

    public List<String> getRestartOnChange() {
        return restartOnChange;
    }

    public void setRestartOnChange(List<String> restartOnChange) {
        this.restartOnChange = restartOnChange;
    }
}
