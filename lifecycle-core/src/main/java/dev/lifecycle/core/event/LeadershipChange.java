package dev.lifecycle.core.event;

import dev.lifecycle.core.LeadershipState;
import java.time.Instant;
import java.util.Objects;

/**
 * A change of this instance's leadership of a group (see {@link dev.lifecycle.core.Leadership}).
 *
 * @param group the group's name
 * @param from the state it left
 * @param to the state it entered
 * @param at when it happened
 * @since 0.1
 */
public record LeadershipChange(String group, LeadershipState from, LeadershipState to, Instant at) {

    /**
     * Checks the parts.
     *
     * @param group the group's name
     * @param from the state it left
     * @param to the state it entered
     * @param at when it happened
     */
    public LeadershipChange {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
    }
}
