package dev.lifecycle.core.internal;

import dev.lifecycle.core.Leadership;
import dev.lifecycle.core.LeadershipState;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.core.TransitionReason;
import dev.lifecycle.core.event.LeadershipChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The registry's {@link Leadership}: each group's state and its leader-only services. A grant or a revoke is one change
 * that re-evaluates the group's services: {@link Evaluator} keeps one whose group this instance does not lead STOPPED
 * (reason {@link TransitionReason#LEADERSHIP}) and stops a running one, its dependents first, through the usual
 * cascade.
 * A registry in which no leader-only service was installed pays nothing for it: the evaluator reads one field of the
 * service's settings, and the views and the start-up report look at leadership only if
 * {@link RegistryState#hasLeaderOnly}. The fields are guarded by the registry's lock.
 */
final class LeaderGroups implements Leadership {

    /** One group: its state here and its installed leader-only services, in installation order. */
    private static final class Group {
        LeadershipState state = LeadershipState.UNKNOWN;
        final List<ServiceRecord> members = new ArrayList<>(2);
    }

    private final Engine engine;
    /** The groups known, by name, sorted. */
    private final Map<String, Group> groups = new TreeMap<>();

    LeaderGroups(Engine engine) {
        this.engine = engine;
    }

    @Override
    public CompletableFuture<@Nullable Void> grant(String group) {
        return change(Checks.leaderGroup(group, "Leadership.grant(group)"), LeadershipState.LEADER);
    }

    @Override
    public CompletableFuture<@Nullable Void> revoke(String group) {
        return change(Checks.leaderGroup(group, "Leadership.revoke(group)"), LeadershipState.STANDBY);
    }

    @Override
    public LeadershipState state(String group) {
        Checks.notNull(group, "Leadership.state(group)", "group");
        return engine.loop.locked(change -> {
            Group g = groups.get(group);
            return g == null ? LeadershipState.UNKNOWN : g.state;
        });
    }

    @Override
    public Map<String, LeadershipState> groups() {
        return engine.loop.locked(change -> {
            Map<String, LeadershipState> copy = new LinkedHashMap<>();
            groups.forEach((name, g) -> copy.put(name, g.state));
            return java.util.Collections.unmodifiableMap(copy);
        });
    }

    private CompletableFuture<@Nullable Void> change(String name, LeadershipState to) {
        return engine.loop.locked(change -> {
            Group g = groups.computeIfAbsent(name, n -> new Group());
            LeadershipState from = g.state;
            if (from == to) {
                return CompletableFuture.<@Nullable Void>completedFuture(null);
            }
            g.state = to;
            if (engine.events.hasListeners()) {
                LeadershipChange event = new LeadershipChange(name, from, to,
                        RegistryClock.instant(change.now(engine)));
                engine.events.enqueue(l -> l.onLeadershipChanged(event));
            }
            if (Engine.log.isInfoEnabled()) {
                Engine.log.atInfo().addKeyValue("lifecycle.leader.group", name)
                        .addKeyValue("lifecycle.leadership", to.name())
                        .log("Leadership of group '" + dev.lifecycle.core.LogText.escape(name) + "': " + from + " -> "
                                + to + " (" + g.members.size() + " leader-only service"
                                + (g.members.size() == 1 ? "" : "s") + ")");
            }
            CompletableFuture<@Nullable Void> done = engine.operations.begin(List.copyOf(g.members));
            for (ServiceRecord c : g.members) {
                if (!to.leads()) {
                    engine.starts.cancelStart(c, change);
                    engine.supervisor.cancelRestart(c, change);
                }
                change.evaluate(c);
            }
            return done;
        });
    }

    /** Whether {@code c} is leader-only and this instance does not lead its group: it must be down. */
    boolean onStandby(ServiceRecord c) {
        String name = c.settings.leaderGroup;
        if (name == null) {
            return false;
        }
        Group g = groups.get(name);
        return g == null || !g.state.leads();
    }

    /** The state of the group of a leader-only service. */
    LeadershipState stateOf(ServiceRecord c) {
        String name = c.settings.leaderGroup;
        Group g = name == null ? null : groups.get(name);
        return g == null ? LeadershipState.UNKNOWN : g.state;
    }

    /** A service was installed: a leader-only one joins its group. */
    void installed(ServiceRecord c) {
        String name = c.settings.leaderGroup;
        if (name != null) {
            engine.state.hasLeaderOnly = true;
            groups.computeIfAbsent(name, n -> new Group()).members.add(c);
        }
    }

    /** A service was removed: a leader-only one leaves its group, which stays known. */
    void removed(ServiceRecord c) {
        String name = c.settings.leaderGroup;
        Group g = name == null ? null : groups.get(name);
        if (g != null) {
            g.members.remove(c);
        }
    }

    /**
     * Lands a leader-only service whose group this instance does not lead in STOPPED, reason LEADERSHIP: a restart it
     * had scheduled is cancelled (its restart history is kept), and one that gave up may start again once leadership
     * is granted. It starts, with the reason LEADERSHIP, when it is.
     */
    void landStandby(ServiceRecord c, Change change) {
        engine.supervisor.cancelRestart(c, change);
        c.gaveUp = false;
        c.startCause = StartCause.of(TransitionReason.LEADERSHIP);
        engine.transitions.setPhase(c, Phase.STOPPED, TransitionReason.LEADERSHIP, null, standbyDetail(c), change);
    }

    /** Why a leader-only service is down here: "on standby for group 'scheduling'", and whether leadership is known. */
    String standbyDetail(ServiceRecord c) {
        return "on standby for group '" + c.settings.leaderGroup + "'"
                + (stateOf(c) == LeadershipState.UNKNOWN ? " (leadership not known yet)" : "");
    }

    /**
     * Whether {@code c} is down by design because this instance does not lead a group: it is leader-only and on
     * standby (or stopping to be), or it is down or stopping and each of its requirements that is not RUNNING, or is
     * leader-only for a group on standby (a revoke stops the dependents first), is (transitively) such a service.
     */
    boolean heldBack(ServiceRecord c, Map<ServiceRecord, Boolean> memo) {
        if (!engine.state.hasLeaderOnly || !engine.state.started || c.phase() == Phase.RUNNING
                || c.phase() == Phase.FAILED || c.phase() == Phase.REMOVED) {
            return false;
        }
        if (c.settings.leaderGroup != null && onStandby(c)) {
            return c.phase().isDown() || c.phase().state == ServiceState.STOPPING;
        }
        Boolean known = memo.get(c);
        if (known != null) {
            return known;
        }
        memo.put(c, Boolean.FALSE);
        boolean held = c.phase() == Phase.WAITING || c.phase() == Phase.INSTALLED
                || c.phase().state == ServiceState.STOPPING;
        boolean any = false;
        for (int i = 0; i < c.requirementCount() && held; i++) {
            ServiceRecord r = c.requirement(i);
            if (r == null) {
                held = false;
            } else if (r.settings.leaderGroup != null && onStandby(r) && r.phase() != Phase.FAILED
                    && r.phase() != Phase.REMOVED) {
                // Leader-only on a group no longer led here: still RUNNING while a revoke stops its dependents.
                any = true;
            } else if (r.phase() != Phase.RUNNING) {
                held = heldBack(r, memo);
                any = true;
            }
        }
        held = held && any;
        memo.put(c, held);
        return held;
    }
}
