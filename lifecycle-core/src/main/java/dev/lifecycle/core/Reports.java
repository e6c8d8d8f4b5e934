package dev.lifecycle.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Builds the read-only views of the registry: snapshots, root causes, the graph and the start-up report. */
final class Reports {


    private final Engine engine;

    Reports(Engine engine) {
        this.engine = engine;
    }

    private List<Controller> ordered() {
        List<Controller> all = new ArrayList<>(engine.services.size());
        for (Controller c = engine.firstInstalled; c != null; c = c.nextInstalled) {
            all.add(c);
        }
        return all;
    }

    List<ServiceSnapshot> snapshots() {
        assert engine.lock.isHeldByCurrentThread();
        Map<Controller, @Nullable String> causes = new HashMap<>();
        List<ServiceSnapshot> out = new ArrayList<>(engine.services.size());
        for (Controller c : ordered()) {
            out.add(snapshot(c, causes));
        }
        return out;
    }

    ServiceSnapshot snapshot(Controller c, Map<Controller, @Nullable String> causes) {
        assert engine.lock.isHeldByCurrentThread();
        List<String> requires = new ArrayList<>(c.requiredIds.length);
        List<String> waitingOn = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < c.requiredIds.length; i++) {
            String id = c.requiredIds[i];
            requires.add(id);
            Controller r = c.resolved[i];
            if (r == null) {
                missing.add(id);
                waitingOn.add(id);
            } else if (r.phase != Phase.RUNNING) {
                waitingOn.add(id);
            }
        }
        ServiceHealth health = c.phase != Phase.RUNNING ? ServiceHealth.UNKNOWN
                : c.health == ServiceHealth.DOWN ? ServiceHealth.DOWN : ServiceHealth.UP;
        return new ServiceSnapshot(c.key, c.phase.state, c.reason, Engine.instant(c.since), requires,
                List.of(c.wants), c.dependentIds(), c.phase == Phase.RUNNING ? List.of() : waitingOn, missing,
                rootCause(c, causes), c.restarts, c.lastFailure, nextRestartAt(c), duration(c.startDuration),
                duration(c.stopDuration), health);
    }

    private static @Nullable Instant nextRestartAt(Controller c) {
        return c.supervision == null ? null : c.supervision.nextRestartAt;
    }

    private static @Nullable Duration duration(long nanos) {
        return nanos < 0 ? null : Duration.ofNanos(nanos);
    }

    /**
     * For a service held down by another, a sentence naming the service at the root: follows the chain of
     * requirements that are not RUNNING to the one that failed, was stopped, is missing or is starting.
     */
    @Nullable String rootCause(Controller c, Map<Controller, @Nullable String> memo) {
        if (c.phase == Phase.RUNNING || c.phase == Phase.FAILED || c.phase == Phase.REMOVED) {
            return null;
        }
        if (memo.containsKey(c)) {
            return memo.get(c);
        }
        memo.put(c, null);
        String cause = null;
        for (int i = 0; i < c.requiredIds.length && cause == null; i++) {
            Controller r = c.resolved[i];
            String id = c.requiredIds[i];
            if (r == null) {
                cause = "blocked by " + id + ", which is not installed";
            } else if (r.phase != Phase.RUNNING) {
                cause = blockedBy(r, memo);
            }
        }
        memo.put(c, cause);
        return cause;
    }

    private @Nullable String blockedBy(Controller r, Map<Controller, @Nullable String> memo) {
        return switch (r.phase) {
            case FAILED -> "blocked by " + r.id + ", which failed with "
                    + (r.lastFailure == null ? "an unknown error" : r.lastFailure.summary());
            case STOPPED -> "blocked by " + r.id + ", which was stopped";
            case STARTING -> "waiting for " + r.id + " to start";
            case STOPPING, STOPPING_DEPENDENTS -> "blocked by " + r.id + ", which is stopping";
            case INSTALLED -> "waiting for " + r.id + ", which is not started yet";
            case WAITING -> {
                String deeper = rootCause(r, memo);
                yield deeper != null ? deeper : "waiting for " + r.id;
            }
            default -> null;
        };
    }

    ServiceNotRunningException notRunning(Controller c) {
        String why = rootCause(c, new HashMap<>());
        if (why == null && c.phase == Phase.FAILED && c.lastFailure != null) {
            why = "it failed with " + c.lastFailure.summary()
                    + (nextRestartAt(c) != null ? "; it restarts at " + nextRestartAt(c) : "");
        } else if (why == null && c.phase == Phase.INSTALLED) {
            why = "the registry has not been started; call startAll()";
        } else if (why == null && c.phase == Phase.STOPPED) {
            why = c.reason == TransitionReason.OPERATOR ? "it was stopped by an operator" : "the registry was stopped";
        }
        return new ServiceNotRunningException(c.id, c.phase.state, why,
                c.lastFailure != null ? c.lastFailure.cause() : null);
    }

    ServiceGraph graph() {
        List<ServiceGraph.Node> nodes = new ArrayList<>();
        List<ServiceGraph.Edge> edges = new ArrayList<>();
        for (Controller c : ordered()) {
            nodes.add(new ServiceGraph.Node(c.id, c.key.type().getName(), c.phase.state));
            for (String id : c.requiredIds) {
                edges.add(new ServiceGraph.Edge(id, c.id, false));
            }
            for (String w : c.wants) {
                edges.add(new ServiceGraph.Edge(w, c.id, true));
            }
        }
        return new ServiceGraph(nodes, edges);
    }

    StartupReport startupReport() {
        Instant began = engine.startAllBegan;
        if (began == null) {
            return new StartupReport(null, null, List.of(), List.of());
        }
        List<Controller> started = new ArrayList<>();
        for (Controller c = engine.firstInstalled; c != null; c = c.nextInstalled) {
            if (c.reportStart != Controller.UNSET) {
                started.add(c);
            }
        }
        started.sort(Comparator.comparingLong((Controller c) -> c.reportStart).thenComparingLong(c -> c.sequence));
        List<StartupReport.Entry> entries = new ArrayList<>(started.size());
        Controller last = null;
        for (Controller c : started) {
            entries.add(entry(c, began));
            if (c.reportReady != Controller.UNSET && (last == null || c.reportReady > last.reportReady)) {
                last = c;
            }
        }
        List<StartupReport.Entry> path = new ArrayList<>();
        for (Controller at = last; at != null; at = latestRequirement(at)) {
            path.add(0, entry(at, began));
        }
        Instant ended = engine.startAllEnded;
        return new StartupReport(began, ended == null ? null : Duration.between(began, ended), entries, path);
    }

    private static StartupReport.Entry entry(Controller c, Instant began) {
        long beganNanos = Engine.nanos(began);
        long start = c.reportStart != Controller.UNSET ? c.reportStart : beganNanos;
        Duration took = c.reportReady == Controller.UNSET ? null : Duration.ofNanos(c.reportReady - start);
        return new StartupReport.Entry(c.id, Duration.ofNanos(start - beganNanos), took);
    }

    /** The requirement (or wanted service) of {@code c} that became RUNNING last before it started. */
    private @Nullable Controller latestRequirement(Controller c) {
        Controller latest = null;
        List<Controller> candidates = new ArrayList<>(List.of(c.resolved).stream()
                .filter(java.util.Objects::nonNull).toList());
        for (String w : c.wants) {
            Controller wanted = engine.services.get(w);
            if (wanted != null) {
                candidates.add(wanted);
            }
        }
        for (Controller r : candidates) {
            if (r.reportReady != Controller.UNSET && c.reportStart != Controller.UNSET
                    && r.reportReady <= c.reportStart && (latest == null || r.reportReady > latest.reportReady)) {
                latest = r;
            }
        }
        return latest;
    }

    /** Why start-up ended without every service RUNNING; {@code null} if it did not. */
    @Nullable StartupFailedException startupFailure() {
        List<ServiceSnapshot> notRunning = new ArrayList<>();
        Throwable first = null;
        StringBuilder message = new StringBuilder("Start-up failed:");
        Map<Controller, @Nullable String> memo = new HashMap<>();
        for (Controller c : ordered()) {
            if (c.phase == Phase.RUNNING || c.operatorStopped) {
                continue;
            }
            notRunning.add(snapshot(c, memo));
            message.append("\n  - ").append(c.id).append(" is ").append(c.phase.state);
            if (c.phase == Phase.FAILED && c.lastFailure != null) {
                message.append(": ").append(c.lastFailure.summary());
                if (first == null) {
                    first = c.lastFailure.cause();
                }
            } else {
                String why = rootCause(c, memo);
                if (why != null) {
                    message.append(" (").append(why).append(')');
                }
            }
        }
        if (notRunning.isEmpty()) {
            return null;
        }
        return new StartupFailedException(message.toString(), notRunning,
                first != null ? first : new LifecycleException("no service failed, but some never started"));
    }
}
