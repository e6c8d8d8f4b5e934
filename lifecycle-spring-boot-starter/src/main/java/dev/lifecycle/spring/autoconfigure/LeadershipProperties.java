package dev.lifecycle.spring.autoconfigure;

import java.time.Duration;
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
     * The settings under {@code lifecycle.leadership.jdbc}; see {@link LeadershipJdbcProperties}.
     *
     * @return the JDBC lock registry's settings
     */
    public LeadershipJdbcProperties getJdbc() {
        return jdbc;
    }
}
