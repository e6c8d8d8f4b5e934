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

    /** Restart policy of the service. */
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
     * The group whose leader alone runs the service (overrides @LifecycleService(leader)): on the other instances it
     * is on standby, STOPPED by design. Empty: it runs on every instance.
     */
    private @Nullable String leader;

    /**
     * Prefixes of the configuration keys the service reads, such as 'db.,cache.': when keys under them change,
     * the service restarts with its dependents. Adds to @LifecycleService(restartOnChange) and to the
     * @ConfigurationProperties beans the service bean is given.
     */
    private List<String> restartOnChange = new ArrayList<>();

    /**
     * Whether to run this service bean; when false it is not installed, and services that require it fail
     * start-up as missing.
     *
     * @return the value of {@code lifecycle.services.<id>.enabled}
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets the value of {@code lifecycle.services.<id>.enabled}; see {@link #isEnabled()}.
     *
     * @param enabled the new value
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Whether the application cannot work without this service (overrides @LifecycleService(critical)).
     *
     * @return the value of {@code lifecycle.services.<id>.critical}, or {@code null} when unset
     */
    public @Nullable Boolean getCritical() {
        return critical;
    }

    /**
     * Sets the value of {@code lifecycle.services.<id>.critical}; see {@link #getCritical()}.
     *
     * @param critical the new value
     */
    public void setCritical(@Nullable Boolean critical) {
        this.critical = critical;
    }

    /**
     * Whether this service marks the application's liveness BROKEN when it gives up, critical or not.
     *
     * @return the value of {@code lifecycle.services.<id>.liveness}, or {@code null} when unset (then
     *        {@code lifecycle.availability.liveness} decides, for critical services)
     */
    public @Nullable Boolean getLiveness() {
        return liveness;
    }

    /**
     * Sets the value of {@code lifecycle.services.<id>.liveness}; see {@link #getLiveness()}.
     *
     * @param liveness the new value
     */
    public void setLiveness(@Nullable Boolean liveness) {
        this.liveness = liveness;
    }

    /**
     * How long the service's setup and start may take.
     *
     * @return the value of {@code lifecycle.services.<id>.start-timeout}, or {@code null} when unset
     */
    public @Nullable Duration getStartTimeout() {
        return startTimeout;
    }

    /**
     * Sets the value of {@code lifecycle.services.<id>.start-timeout}; see {@link #getStartTimeout()}.
     *
     * @param startTimeout the new value
     */
    public void setStartTimeout(@Nullable Duration startTimeout) {
        this.startTimeout = startTimeout;
    }

    /**
     * How long the service's stop and join may take.
     *
     * @return the value of {@code lifecycle.services.<id>.stop-timeout}, or {@code null} when unset
     */
    public @Nullable Duration getStopTimeout() {
        return stopTimeout;
    }

    /**
     * Sets the value of {@code lifecycle.services.<id>.stop-timeout}; see {@link #getStopTimeout()}.
     *
     * @param stopTimeout the new value
     */
    public void setStopTimeout(@Nullable Duration stopTimeout) {
        this.stopTimeout = stopTimeout;
    }

    /**
     * The settings under {@code lifecycle.services.<id>.restart}; see {@link RestartProperties}.
     *
     * @return the settings, bound in place
     */
    public RestartProperties getRestart() {
        return restart;
    }

    /**
     * When the service starts (overrides @LifecycleService(mode)): ACTIVE as soon as its requirements are
     * RUNNING, ON_DEMAND only while a dependent needs it, NEVER not at all.
     *
     * @return the value of {@code lifecycle.services.<id>.mode}, or {@code null} when unset
     */
    public @Nullable StartMode getMode() {
        return mode;
    }

    /**
     * Sets the value of {@code lifecycle.services.<id>.mode}; see {@link #getMode()}.
     *
     * @param mode the new value
     */
    public void setMode(@Nullable StartMode mode) {
        this.mode = mode;
    }

    /**
     * The group whose leader alone runs the service (overrides @LifecycleService(leader)): on the other instances it
     * is on standby, STOPPED by design. Empty: it runs on every instance.
     *
     * @return the value of {@code lifecycle.services.<id>.leader}, or {@code null} when unset
     */
    public @Nullable String getLeader() {
        return leader;
    }

    /**
     * Sets the value of {@code lifecycle.services.<id>.leader}; see {@link #getLeader()}.
     *
     * @param leader the new value
     */
    public void setLeader(@Nullable String leader) {
        this.leader = leader;
    }

    /**
     * How long an ON_DEMAND service keeps running once no dependent needs it; by default it stops at once.
     *
     * @return the value of {@code lifecycle.services.<id>.idle-delay}, or {@code null} when unset
     */
    public @Nullable Duration getIdleDelay() {
        return idleDelay;
    }

    /**
     * Sets the value of {@code lifecycle.services.<id>.idle-delay}; see {@link #getIdleDelay()}.
     *
     * @param idleDelay the new value
     */
    public void setIdleDelay(@Nullable Duration idleDelay) {
        this.idleDelay = idleDelay;
    }

    /**
     * Prefixes of the configuration keys the service reads, such as {@code db.,cache.}: when keys under them change,
     * the service restarts with its dependents. Adds to {@code @LifecycleService(restartOnChange)} and to the
     * {@code @ConfigurationProperties} beans the service bean is given.
     *
     * @return the value of {@code lifecycle.services.<id>.restart-on-change}
     */
    public List<String> getRestartOnChange() {
        return restartOnChange;
    }

    /**
     * Sets the value of {@code lifecycle.services.<id>.restart-on-change}; see {@link #getRestartOnChange()}.
     *
     * @param restartOnChange the new value
     */
    public void setRestartOnChange(List<String> restartOnChange) {
        this.restartOnChange = restartOnChange;
    }
}
