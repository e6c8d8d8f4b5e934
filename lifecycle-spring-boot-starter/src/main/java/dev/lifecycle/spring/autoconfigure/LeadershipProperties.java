package dev.lifecycle.spring.autoconfigure;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * How leader-only services follow Spring Integration's leader election, under {@code lifecycle.leadership}.
 *
 * @since 0.1
 */
public class LeadershipProperties {

    /**
     * Whether to elect the leader of each leader group with a LockRegistryLeaderInitiator when the application has a
     * LockRegistry (or a DataSource and spring-integration-jdbc).
     */
    private boolean enabled = true;

    /**
     * How often the leader renews its lock. Must be well below the lock's time-to-live: a leader that cannot renew
     * (its database unreachable) learns it at the next renewal.
     */
    private Duration heartbeat = Duration.ofMillis(500);

    /** How long an instance that does not lead waits between two attempts to take a group's lock. */
    private Duration busyWait = Duration.ofMillis(50);

    /**
     * How long the leader may go without renewing its lock before it stops the group's leader-only services itself,
     * even though no renewal has failed yet (one may hang, e.g. waiting out a connection timeout): longer than the
     * heartbeat, shorter than the lock's time-to-live. Default: half of lifecycle.leadership.jdbc.time-to-live.
     */
    private @Nullable Duration renewalDeadline;

    /** The JDBC lock registry defined on the application's DataSource. */
    @NestedConfigurationProperty
    private final LeadershipJdbcProperties jdbc = new LeadershipJdbcProperties();

    /**
     * Whether to elect the leader of each leader group with a LockRegistryLeaderInitiator.
     *
     * @return the value of {@code lifecycle.leadership.enabled}
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets the value of {@code lifecycle.leadership.enabled}; see {@link #isEnabled()}.
     *
     * @param enabled the new value
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * How often the leader renews its lock.
     *
     * @return the value of {@code lifecycle.leadership.heartbeat}
     */
    public Duration getHeartbeat() {
        return heartbeat;
    }

    /**
     * Sets the value of {@code lifecycle.leadership.heartbeat}; see {@link #getHeartbeat()}.
     *
     * @param heartbeat the new value
     */
    public void setHeartbeat(Duration heartbeat) {
        this.heartbeat = heartbeat;
    }

    /**
     * How long an instance that does not lead waits between two attempts to take a group's lock.
     *
     * @return the value of {@code lifecycle.leadership.busy-wait}
     */
    public Duration getBusyWait() {
        return busyWait;
    }

    /**
     * Sets the value of {@code lifecycle.leadership.busy-wait}; see {@link #getBusyWait()}.
     *
     * @param busyWait the new value
     */
    public void setBusyWait(Duration busyWait) {
        this.busyWait = busyWait;
    }

    /**
     * How long the leader may go without renewing its lock before it stops the group's leader-only services itself;
     * {@code null} for half of the JDBC lock's time-to-live.
     *
     * @return the value of {@code lifecycle.leadership.renewal-deadline}, or {@code null} when it is not set
     */
    public @Nullable Duration getRenewalDeadline() {
        return renewalDeadline;
    }

    /**
     * Sets the value of {@code lifecycle.leadership.renewal-deadline}; see {@link #getRenewalDeadline()}.
     *
     * @param renewalDeadline the new value, or {@code null} for the default
     */
    public void setRenewalDeadline(@Nullable Duration renewalDeadline) {
        this.renewalDeadline = renewalDeadline;
    }

    /**
     * The renewal deadline in effect: {@link #getRenewalDeadline()}, or half of the JDBC lock's time-to-live.
     *
     * @return how long the leader may go without renewing its lock
     */
    public Duration effectiveRenewalDeadline() {
        return renewalDeadline != null ? renewalDeadline : jdbc.getTimeToLive().dividedBy(2);
    }

    /**
     * The settings under {@code lifecycle.leadership.jdbc}; see {@link LeadershipJdbcProperties}.
     *
     * @return the JDBC lock registry's settings
     */
    public LeadershipJdbcProperties getJdbc() {
        return jdbc;
    }
}
