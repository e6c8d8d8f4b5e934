package dev.lifecycle.core.internal;

import dev.lifecycle.core.LogKeys;
import dev.lifecycle.core.LogText;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.core.TransitionReason;
import dev.lifecycle.core.event.ServiceTransition;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The one place a service's phase changes ({@link #setPhase}): it keeps the counters the decisions read
 * (requirements not RUNNING, kept in {@link ServiceSlots}; {@code activeDependents}), queues for re-evaluation the
 * services the change concerns, and publishes the transition (to the listeners and the flight recorder,
 * {@link FlightEvents}); and the timing events of starts and stops. A requirement waiting for its dependents to stop
 * whose last active dependent goes down has its own stop dispatched here, as its evaluation would, rather than queued
 * for it. Under the registry's lock.
 */
final class Transitions {

    private final Engine engine;

    Transitions(Engine engine) {
        this.engine = engine;
    }

    /** The one place a phase changes: keeps the counters and queues the services concerned. */
    void setPhase(ServiceRecord c, Phase to, TransitionReason reason, @Nullable Throwable cause,
            @Nullable String detail, Change change) {
        Phase from = c.phase();
        if (from == to) {
            return;
        }
        long now = change.now(engine);
        ServiceSlots slots = engine.state.slots;
        slots.setPhase(c, to);
        c.reason(reason);
        Operations operations = engine.operations;
        // The operations under way whose cascade goes on through this service to its dependents; null nearly always.
        List<OperationWaiter> cascading = operations.active() ? operations.propagating(c) : null;
        // The dependents are walked through their slots: their records are read only if they have something to do.
        if (to == Phase.RUNNING) {
            engine.state.runningCount++;
            for (int i = 0; i < c.dependentCount; i++) {
                int d = c.dependents[i];
                // A dependent still waiting for another requirement has nothing to do yet.
                if (slots.requirementUp(d)) {
                    ServiceRecord dependent = slots.record(d);
                    change.evaluate(dependent);
                    if (cascading != null) {
                        // It starts because this service is RUNNING: the operations that brought it back wait for it.
                        operations.concern(cascading, dependent);
                    }
                }
            }
        } else if (from == Phase.RUNNING) {
            engine.state.runningCount--;
            for (int i = 0; i < c.dependentCount; i++) {
                int d = c.dependents[i];
                slots.requirementDown(d);
                // A dependent stopping or removed has nothing to do about it now (each of those phases is evaluated
                // again when it ends): at shutdown most dependents are already stopping. A dependent starting is
                // cancelled rather than waited for: it would only be stopped once started.
                Phase p = slots.phase(d);
                if (p == Phase.RUNNING || p.isDown()) {
                    change.evaluate(slots.record(d));
                } else if (p == Phase.STARTING) {
                    ServiceRecord dependent = slots.record(d);
                    engine.starts.cancelStart(dependent, change);
                    if (cascading != null) {
                        operations.concern(cascading, dependent);
                    }
                }
            }
        }
        if (from.active != to.active) {
            for (int i = 0; i < c.requirementCount(); i++) {
                ServiceRecord r = c.requirement(i);
                if (r == null) {
                    continue;
                }
                if (to.active) {
                    r.activeDependents++;
                } else if (--r.activeDependents == 0) {
                    if (r.phase() == Phase.STOPPING_DEPENDENTS) {
                        // What its evaluation would do, done while its record is still in cache: at stop-all, the
                        // change applying a batch of stops touches thousands of records before it settles.
                        engine.stops.dispatchStop(r, change);
                    } else {
                        change.evaluate(r);
                    }
                }
            }
        }
        if (!engine.state.wantedBy.isEmpty()) {
            // Whether a wanted service is going to start depends on its requirements too: re-evaluate every wanter.
            for (List<ServiceRecord> wanters : engine.state.wantedBy.values()) {
                wanters.forEach(change::evaluate);
            }
        }
        if (from.state != to.state) {
            // A phase within the same state (STOPPING_DEPENDENTS, then STOPPING) is not a new state.
            long previous = c.since;
            c.since = now;
            publish(c, from.state, to.state, reason, cause, detail, change, previous);
        }
        if (operations.active()) {
            operations.phaseChanged(c, from, to);
        }
        engine.demand.demandChanged(c, change);
    }

    /**
     * Publishes a transition made by {@code change}, at its time, of a service in its previous state since
     * {@code since}. The transitions of one change share the change's {@link Change#instant instant}.
     */
    void publish(ServiceRecord c, ServiceState from, ServiceState to, TransitionReason reason,
            @Nullable Throwable cause, @Nullable String detail, Change change, long since) {
        long at = change.now(engine);
        if (Engine.log.isDebugEnabled()) {
            String safeDetail = detail == null ? null : LogText.escape(detail);
            Engine.log.atDebug().addKeyValue(LogKeys.SERVICE_ID, c.id).addKeyValue(LogKeys.STATE_FROM, from.name())
                    .addKeyValue(LogKeys.STATE_TO, to.name()).addKeyValue(LogKeys.REASON, reason.name())
                    .addKeyValue(LogKeys.timeIn(from), Math.max(0, at - since) / 1_000_000)
                    .log(c.id + ": " + from + " -> " + to + " (" + reason
                            + (safeDetail == null ? "" : ": " + safeDetail) + ")");
        }
        FlightEvents.transition(c, from, to, reason, cause, detail, Math.max(0, at - since));
        if (engine.events.hasListeners()) {
            engine.events.enqueue(new ServiceTransition(c.key, from, to, reason, cause, detail,
                    change.instant(engine), RegistryClock.instant(since)));
        }
    }

    /** Records how long a start took and tells the listeners and the flight recorder. */
    void started(ServiceRecord c, long nanos, @Nullable Throwable failure) {
        c.startMicros = ServiceRecord.micros(nanos);
        FlightEvents.started(c, nanos, failure);
        if (engine.events.hasTimingListeners()) {
            Duration took = Duration.ofNanos(nanos);
            engine.events.enqueue(l -> l.onStarted(c.key, took, failure));
        }
    }

    /**
     * Records how long a stop took and tells the listeners and the flight recorder.
     *
     * @param timedOut whether the stop did not return within its timeout ({@code error} is then the timeout)
     */
    void stopped(ServiceRecord c, long nanos, @Nullable Throwable error, boolean timedOut) {
        c.stopMicros = ServiceRecord.micros(nanos);
        FlightEvents.stopped(c, nanos, error, timedOut);
        if (engine.events.hasTimingListeners()) {
            Duration took = Duration.ofNanos(nanos);
            engine.events.enqueue(l -> l.onStopped(c.key, took, error));
        }
    }
}
