package dev.lifecycle.core.internal;

import dev.lifecycle.core.AbandonedStart;
import dev.lifecycle.core.ServiceGraph;
import dev.lifecycle.core.ServiceHealth;
import dev.lifecycle.core.ServiceNotRunningException;
import dev.lifecycle.core.ServiceSnapshot;
import dev.lifecycle.core.StartMode;
import dev.lifecycle.core.TransitionReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Builds the read-only views of the registry: snapshots, root causes, the graph. Under the registry's lock. */
final class Views {
    private final Engine engine;

    Views(Engine engine) {
        this.engine = engine;
    }

    List<ServiceRecord> ordered() {
        List<ServiceRecord> all = new ArrayList<>(engine.state.services.size());
        for (ServiceRecord c = engine.state.firstInstalled; c != null; c = c.nextInstalled) {
            all.add(c);
        }
        return all;
    }

    /** How many installed services are in each state, indexed by {@link dev.lifecycle.core.ServiceState#ordinal()}. */
    int[] countByState() {
        assert engine.loop.lock.isHeldByCurrentThread();
        int[] counts = new int[dev.lifecycle.core.ServiceState.values().length];
        for (ServiceRecord c = engine.state.firstInstalled; c != null; c = c.nextInstalled) {
            counts[c.phase().state.ordinal()]++;
        }
        return counts;
    }

    List<ServiceSnapshot> snapshots() {
        assert engine.loop.lock.isHeldByCurrentThread();
        Map<ServiceRecord, @Nullable String> causes = new HashMap<>();
        List<ServiceSnapshot> out = new ArrayList<>(engine.state.services.size());
        for (ServiceRecord c : ordered()) {
            out.add(snapshot(c, causes));
        }
        return out;
    }

    ServiceSnapshot snapshot(ServiceRecord c, Map<ServiceRecord, @Nullable String> causes) {
        assert engine.loop.lock.isHeldByCurrentThread();
        List<String> requires = new ArrayList<>(c.requirementCount());
        List<String> waitingOn = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < c.requirementCount(); i++) {
            String id = c.requirementId(i);
            requires.add(id);
            ServiceRecord r = c.requirement(i);
            if (r == null) {
                missing.add(id);
                waitingOn.add(id);
            } else if (r.phase() != Phase.RUNNING) {
                waitingOn.add(id);
            }
        }
        ServiceHealth health = c.phase() != Phase.RUNNING ? ServiceHealth.UNKNOWN
                : c.healthState != null && c.healthState.health == ServiceHealth.DOWN ? ServiceHealth.DOWN
                : ServiceHealth.UP;
        return new ServiceSnapshot(c.key, c.phase().state, c.reason(),
                RegistryClock.instant(c.since), requires,
                List.of(c.wants), c.dependentIds(engine.state.slots),
                c.phase() == Phase.RUNNING ? List.of() : waitingOn, missing,
                rootCause(c, causes), c.restarts, c.lastFailure, nextRestartAt(c), duration(c.startMicros),
                duration(c.stopMicros), health, c.settings.mode, abandonedStart(c), c.settings.leaderGroup,
                c.settings.leaderGroup == null ? null : engine.leadership.stateOf(c),
                engine.state.hasLeaderOnly && engine.leadership.heldBack(c, new HashMap<>()));
    }

    /**
     * The abandoned start of {@code c} still in flight, or, for a service installed under the id of a removed one whose
     * abandoned start has not returned, that one's; {@code null} if there is none.
     */
    private @Nullable AbandonedStart abandonedStart(ServiceRecord c) {
        Map<ServiceRecord, AbandonedStart> abandoned = engine.state.abandoned;
        if (abandoned.isEmpty()) {
            return null;
        }
        AbandonedStart own = abandoned.get(c);
        if (own != null || !engine.state.abandonedStarts.containsKey(c.id)) {
            return own;
        }
        for (Map.Entry<ServiceRecord, AbandonedStart> entry : abandoned.entrySet()) {
            if (entry.getKey().phase() == Phase.REMOVED && entry.getKey().id.equals(c.id)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static @Nullable Instant nextRestartAt(ServiceRecord c) {
        return c.supervision == null ? null : c.supervision.nextRestartAt;
    }

    private static @Nullable Duration duration(int micros) {
        return micros == ServiceRecord.UNKNOWN_DURATION ? null : Duration.ofNanos(micros * 1_000L);
    }

    /**
     * For a service held down by another, a sentence naming the service at the root: follows the chain of
     * requirements that are not RUNNING to the one that failed, was stopped, is missing or is starting.
     */
    @Nullable String rootCause(ServiceRecord c, Map<ServiceRecord, @Nullable String> memo) {
        if (c.phase() == Phase.RUNNING || c.phase() == Phase.FAILED || c.phase() == Phase.REMOVED) {
            return null;
        }
        if (c.phase() == Phase.STOPPED && c.settings.mode == StartMode.NEVER) {
            return "disabled (mode NEVER)";
        }
        if (c.phase() == Phase.STOPPED && c.reason() == TransitionReason.DEMAND) {
            return "not needed: no running or starting dependent requires it";
        }
        if (c.phase() == Phase.STOPPED && c.settings.leaderGroup != null && engine.leadership.onStandby(c)) {
            return engine.leadership.standbyDetail(c) + ": it runs only while this instance leads the group";
        }
        if (c.phase() == Phase.WAITING && (c.startCallInFlight || engine.state.abandonedStarts.containsKey(c.id))) {
            AbandonedStart start = abandonedStart(c);
            return (c.startCallInFlight ? "waiting for its abandoned start to return"
                    : "waiting for the abandoned start of the service removed before it to return")
                    + (start == null ? "" : ": " + start.summary()) + "; it starts once that start has returned";
        }
        if (memo.containsKey(c)) {
            return memo.get(c);
        }
        memo.put(c, null);
        String cause = null;
        for (int i = 0; i < c.requirementCount() && cause == null; i++) {
            ServiceRecord r = c.requirement(i);
            String id = c.requirementId(i);
            if (r == null) {
                cause = "blocked by " + id + ", which is not installed";
            } else if (r.phase() != Phase.RUNNING) {
                cause = blockedBy(r, memo);
            }
        }
        memo.put(c, cause);
        return cause;
    }

    private @Nullable String blockedBy(ServiceRecord r, Map<ServiceRecord, @Nullable String> memo) {
        return switch (r.phase()) {
            case FAILED -> "blocked by " + r.id + ", which failed with "
                    + (r.lastFailure == null ? "an unknown error" : r.lastFailure.summary());
            case STOPPED -> "blocked by " + r.id + (r.settings.mode == StartMode.NEVER ? ", which is disabled"
                    : r.settings.leaderGroup != null && engine.leadership.onStandby(r)
                    ? ", which is " + engine.leadership.standbyDetail(r)
                    : ", which was stopped");
            case STARTING -> "waiting for " + r.id + " to start";
            case STOPPING, STOPPING_DEPENDENTS -> "blocked by " + r.id + ", which is stopping";
            case INSTALLED -> "waiting for " + r.id + ", which is not started yet";
            case WAITING -> {
                if (r.startCallInFlight || engine.state.abandonedStarts.containsKey(r.id)) {
                    yield "waiting for " + r.id + ", which waits for an abandoned start to return";
                }
                String deeper = rootCause(r, memo);
                yield deeper != null ? deeper : "waiting for " + r.id;
            }
            default -> null;
        };
    }

    ServiceNotRunningException notRunning(ServiceRecord c) {
        String why = rootCause(c, new HashMap<>());
        if (why == null && c.phase() == Phase.FAILED && c.lastFailure != null) {
            why = "it failed with " + c.lastFailure.summary()
                    + (nextRestartAt(c) != null ? "; it restarts at " + nextRestartAt(c) : "");
        } else if (why == null && c.phase() == Phase.INSTALLED) {
            why = "the registry has not been started; call startAll()";
        } else if (why == null && c.phase() == Phase.STOPPED) {
            why = c.reason() == TransitionReason.OPERATOR ? "it was stopped by an operator"
                    : "the registry was stopped";
        }
        return new ServiceNotRunningException(c.id, c.phase().state, why,
                c.lastFailure != null ? c.lastFailure.cause() : null);
    }

    ServiceGraph graph() {
        List<ServiceGraph.Node> nodes = new ArrayList<>();
        List<ServiceGraph.Edge> edges = new ArrayList<>();
        for (ServiceRecord c : ordered()) {
            nodes.add(new ServiceGraph.Node(c.id, c.key.type().getName(), c.phase().state, c.settings.mode,
                    c.settings.leaderGroup));
            for (int i = 0; i < c.requirementCount(); i++) {
                edges.add(new ServiceGraph.Edge(c.requirementId(i), c.id, false));
            }
            for (String w : c.wants) {
                edges.add(new ServiceGraph.Edge(w, c.id, true));
            }
        }
        return new ServiceGraph(nodes, edges);
    }
}
