package dev.lifecycle.core;

/**
 * Whether this instance leads a group of {@linkplain ServiceDefinition.Builder#leader(String) leader-only services},
 * as the election engine last said through {@link Leadership}.
 *
 * @since 0.1
 */
public enum LeadershipState {
    /** This instance leads the group: its leader-only services run here. */
    LEADER,
    /** Another instance leads the group, or none does: its leader-only services are STOPPED here, by design. */
    STANDBY,
    /**
     * Leadership of the group has been neither granted nor revoked yet: its leader-only services are STOPPED here, as
     * on {@link #STANDBY}, until this instance is granted leadership.
     */
    UNKNOWN;

    /**
     * Whether the group's leader-only services run on this instance.
     *
     * @return {@code true} for {@link #LEADER} only
     */
    public boolean leads() {
        return this == LEADER;
    }
}
