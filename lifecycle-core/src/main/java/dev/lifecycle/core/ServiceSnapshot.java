package dev.lifecycle.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one service looks like at one moment: an immutable copy, safe to keep and to serialise.
 *
 * @param key the service's key
 * @param state its state
 * @param reason why it entered that state
 * @param since when it entered that state
 * @param requires the ids of its hard requirements ({@code requires} and {@code dependsOn})
 * @param wants the ids of the services it is ordered after
 * @param dependents the ids of the installed services that require it
 * @param waitingOn the ids of its requirements that are not RUNNING (installed or not)
 * @param missing the ids of its requirements that are not installed
 * @param rootCause for a service that is not RUNNING because of another, a sentence naming the service at the root
 *        of it: "blocked by database, which failed with java.sql.SQLException: ..."; for one that waits for its own
 *        abandoned start to return, that
 * @param restarts how many times the restart policy or an operator restarted it
 * @param lastFailure its last failure, if any
 * @param nextRestartAt when its next restart is scheduled, if it is
 * @param startDuration how long its last setup and start took
 * @param stopDuration how long its last stop and join took
 * @param health the outcome of its health check
 * @param mode when it starts: always, on demand, or never
 * @param abandonedStart a start of it that the registry abandoned and that is still running (or whose value is being
 *        stopped), if any: whatever its state says, that code runs until it returns, and the service does not start
 *        again until then; for a service installed again under the id of a removed one, the removed one's, until
 *        it returns
 * @param leaderGroup the group whose leader alone runs it, if it is leader-only
 *        ({@link ServiceDefinition.Builder#leader(String)})
 * @param leadership for a leader-only service, whether this instance leads its group; {@code null} for the others
 * @param standby whether it is down by design because this instance does not lead a group: it is leader-only and
 *        STOPPED (reason {@link TransitionReason#LEADERSHIP}), or it waits only for such services (and theirs)
 * @since 0.1
 */
public record ServiceSnapshot(ServiceKey<?> key, ServiceState state, TransitionReason reason, Instant since,
        List<String> requires, List<String> wants, List<String> dependents, List<String> waitingOn,
        List<String> missing, @Nullable String rootCause, int restarts, @Nullable FailureInfo lastFailure,
        @Nullable Instant nextRestartAt, @Nullable Duration startDuration, @Nullable Duration stopDuration,
        ServiceHealth health, StartMode mode, @Nullable AbandonedStart abandonedStart, @Nullable String leaderGroup,
        @Nullable LeadershipState leadership, boolean standby) {

    /**
     * Checks the parts and copies the lists.
     *
     * @param key the service's key
     * @param state its state
     * @param reason why it entered that state
     * @param since when it entered that state
     * @param requires the ids of its hard requirements ({@code requires} and {@code dependsOn})
     * @param wants the ids of the services it is ordered after
     * @param dependents the ids of the installed services that require it
     * @param waitingOn the ids of its requirements that are not RUNNING (installed or not)
     * @param missing the ids of its requirements that are not installed
     * @param rootCause for a service that is not RUNNING because of another, a sentence naming the service at the root
     *        of it: "blocked by database, which failed with java.sql.SQLException: ..."
     * @param restarts how many times the restart policy or an operator restarted it
     * @param lastFailure its last failure, if any
     * @param nextRestartAt when its next restart is scheduled, if it is
     * @param startDuration how long its last setup and start took
     * @param stopDuration how long its last stop and join took
     * @param health the outcome of its health check
     * @param mode when it starts: always, on demand, or never
     * @param abandonedStart a start of it that the registry abandoned and that is still running (or whose value is being
     *        stopped), if any: whatever its state says, that code runs until it returns, and the service does not start
     *        again until then; for a service installed again under the id of a removed one, the removed one's, until
     *        it returns
     * @param leaderGroup the group whose leader alone runs it, if it is leader-only
     * @param leadership for a leader-only service, whether this instance leads its group; {@code null} for the others
     * @param standby whether it is down by design because this instance does not lead a group
     */
    public ServiceSnapshot {
        if ((leaderGroup == null) != (leadership == null)) {
            throw new IllegalArgumentException("A snapshot has a leader group and a leadership state, or neither");
        }
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(health, "health");
        requires = List.copyOf(requires);
        wants = List.copyOf(wants);
        dependents = List.copyOf(dependents);
        waitingOn = List.copyOf(waitingOn);
        missing = List.copyOf(missing);
    }

    /**
     * A snapshot of a service that is not leader-only.
     *
     * @param key the service's key
     * @param state its state
     * @param reason why it entered that state
     * @param since when it entered that state
     * @param requires the ids of its hard requirements ({@code requires} and {@code dependsOn})
     * @param wants the ids of the services it is ordered after
     * @param dependents the ids of the installed services that require it
     * @param waitingOn the ids of its requirements that are not RUNNING (installed or not)
     * @param missing the ids of its requirements that are not installed
     * @param rootCause for a service that is not RUNNING because of another, a sentence naming the service at the root
     *        of it: "blocked by database, which failed with java.sql.SQLException: ..."
     * @param restarts how many times the restart policy or an operator restarted it
     * @param lastFailure its last failure, if any
     * @param nextRestartAt when its next restart is scheduled, if it is
     * @param startDuration how long its last setup and start took
     * @param stopDuration how long its last stop and join took
     * @param health the outcome of its health check
     * @param mode when it starts
     * @param abandonedStart a start of it that the registry abandoned and that is still running, if any
     */
    public ServiceSnapshot(ServiceKey<?> key, ServiceState state, TransitionReason reason, Instant since,
            List<String> requires, List<String> wants, List<String> dependents, List<String> waitingOn,
            List<String> missing, @Nullable String rootCause, int restarts, @Nullable FailureInfo lastFailure,
            @Nullable Instant nextRestartAt, @Nullable Duration startDuration, @Nullable Duration stopDuration,
            ServiceHealth health, StartMode mode, @Nullable AbandonedStart abandonedStart) {
        this(key, state, reason, since, requires, wants, dependents, waitingOn, missing, rootCause, restarts,
                lastFailure, nextRestartAt, startDuration, stopDuration, health, mode, abandonedStart, null, null,
                false);
    }

    /**
     * A snapshot of a service with no abandoned start in flight.
     *
     * @param key the service's key
     * @param state its state
     * @param reason why it entered that state
     * @param since when it entered that state
     * @param requires the ids of its hard requirements ({@code requires} and {@code dependsOn})
     * @param wants the ids of the services it is ordered after
     * @param dependents the ids of the installed services that require it
     * @param waitingOn the ids of its requirements that are not RUNNING (installed or not)
     * @param missing the ids of its requirements that are not installed
     * @param rootCause for a service that is not RUNNING because of another, a sentence naming the service at the root
     *        of it: "blocked by database, which failed with java.sql.SQLException: ..."
     * @param restarts how many times the restart policy or an operator restarted it
     * @param lastFailure its last failure, if any
     * @param nextRestartAt when its next restart is scheduled, if it is
     * @param startDuration how long its last setup and start took
     * @param stopDuration how long its last stop and join took
     * @param health the outcome of its health check
     * @param mode when it starts
     */
    public ServiceSnapshot(ServiceKey<?> key, ServiceState state, TransitionReason reason, Instant since,
            List<String> requires, List<String> wants, List<String> dependents, List<String> waitingOn,
            List<String> missing, @Nullable String rootCause, int restarts, @Nullable FailureInfo lastFailure,
            @Nullable Instant nextRestartAt, @Nullable Duration startDuration, @Nullable Duration stopDuration,
            ServiceHealth health, StartMode mode) {
        this(key, state, reason, since, requires, wants, dependents, waitingOn, missing, rootCause, restarts,
                lastFailure, nextRestartAt, startDuration, stopDuration, health, mode, null, null, null, false);
    }

    /**
     * A snapshot of an {@link StartMode#ACTIVE} service with no abandoned start in flight.
     *
     * @param key the service's key
     * @param state its state
     * @param reason why it entered that state
     * @param since when it entered that state
     * @param requires the ids of its hard requirements ({@code requires} and {@code dependsOn})
     * @param wants the ids of the services it is ordered after
     * @param dependents the ids of the installed services that require it
     * @param waitingOn the ids of its requirements that are not RUNNING (installed or not)
     * @param missing the ids of its requirements that are not installed
     * @param rootCause for a service that is not RUNNING because of another, a sentence naming the service at the root
     *        of it: "blocked by database, which failed with java.sql.SQLException: ..."
     * @param restarts how many times the restart policy or an operator restarted it
     * @param lastFailure its last failure, if any
     * @param nextRestartAt when its next restart is scheduled, if it is
     * @param startDuration how long its last setup and start took
     * @param stopDuration how long its last stop and join took
     * @param health the outcome of its health check
     */
    public ServiceSnapshot(ServiceKey<?> key, ServiceState state, TransitionReason reason, Instant since,
            List<String> requires, List<String> wants, List<String> dependents, List<String> waitingOn,
            List<String> missing, @Nullable String rootCause, int restarts, @Nullable FailureInfo lastFailure,
            @Nullable Instant nextRestartAt, @Nullable Duration startDuration, @Nullable Duration stopDuration,
            ServiceHealth health) {
        this(key, state, reason, since, requires, wants, dependents, waitingOn, missing, rootCause, restarts,
                lastFailure, nextRestartAt, startDuration, stopDuration, health, StartMode.ACTIVE, null, null, null,
                false);
    }

    /**
     * The service's id (its name, or {@code name:qualifier}).
     *
     * @return the id of the service's key
     */
    public String id() {
        return key.id();
    }
}
