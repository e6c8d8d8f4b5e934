package dev.lifecycle.core;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Where leadership enters a registry: an election engine (Spring Integration's leader initiators, a Zookeeper or
 * Kubernetes election, a test by hand) {@linkplain #grant grants} and {@linkplain #revoke revokes} this instance's
 * leadership of named groups, and the registry runs each group's {@linkplain ServiceDefinition.Builder#leader(String)
 * leader-only services} only while it leads. The registry never elects anything itself.
 *
 * <pre>{@code
 * Leadership leadership = registry.leadership();
 * leadership.grant("scheduling");            // the group's services start, then their dependents
 * leadership.revoke("scheduling").join();    // their dependents stop, then they: STOPPED, reason LEADERSHIP
 * }</pre>
 *
 * <p>A group is known once a leader-only service of it is installed or its leadership is granted or revoked; until
 * then its state is {@link LeadershipState#UNKNOWN}, which keeps its services STOPPED as {@link
 * LeadershipState#STANDBY} does. Granting and revoking are idempotent, may come before the services are installed or
 * the registry started (they take effect when it starts), and are thread-safe: an election engine calls them from its
 * own threads. Each is one change of the registry, merged with what is in flight as an operator's request is (a revoke
 * during a start cancels the start, and stops its value if it succeeds anyway).
 *
 * @since 0.1
 */
public interface Leadership {

    /**
     * This instance now leads {@code group}: its leader-only services start (in dependency order, once their
     * requirements are RUNNING), then the dependents that waited for them. Their transitions carry
     * {@link TransitionReason#LEADERSHIP}.
     *
     * @param group the group's name
     * @return a future completing once those services and the dependents that follow them have settled (see
     *         {@link ServiceRegistry}'s "When an operation's future completes"); at once if nothing changes
     * @throws IllegalArgumentException if {@code group} is blank or has control characters
     */
    CompletableFuture<@Nullable Void> grant(String group);

    /**
     * This instance no longer leads {@code group}: its leader-only services stop, their dependents first, a start in
     * flight is cancelled, and they stay STOPPED (reason {@link TransitionReason#LEADERSHIP}, not a failure, no
     * restart counted) until leadership is granted again; their dependents wait for them. An election engine that
     * must not let two instances run a group at once waits for the future before it lets the lock go.
     *
     * @param group the group's name
     * @return a future completing once those services and their dependents have stopped; at once if nothing runs
     * @throws IllegalArgumentException if {@code group} is blank or has control characters
     */
    CompletableFuture<@Nullable Void> revoke(String group);

    /**
     * Whether this instance leads {@code group}.
     *
     * @param group the group's name
     * @return its state; {@link LeadershipState#UNKNOWN} for a group never granted nor revoked
     */
    LeadershipState state(String group);

    /**
     * Every group known to the registry: those its installed leader-only services belong to, and those granted or
     * revoked.
     *
     * @return each group's name and state, sorted by name; an immutable copy
     */
    Map<String, LeadershipState> groups();
}
