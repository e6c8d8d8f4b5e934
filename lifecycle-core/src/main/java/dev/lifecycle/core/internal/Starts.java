package dev.lifecycle.core.internal;

import dev.lifecycle.core.AbandonedStart;
import dev.lifecycle.core.LifecycleException;
import dev.lifecycle.core.LogText;
import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceHealth;
import dev.lifecycle.core.TransitionReason;
import org.jspecify.annotations.Nullable;

/**
 * The start path: dispatching a start, applying its outcome, its timeout, and its cancellation when the service must
 * stop while it starts. Under the registry's lock.
 */
final class Starts {

    private final Engine engine;

    Starts(Engine engine) {
        this.engine = engine;
    }

    void beginStart(ServiceRecord c, Change change) {
        long now = change.now(engine);
        ServiceRun run = new ServiceRun(engine, c, ServiceRun.Kind.START, ++c.generation);
        run.began = now;
        c.runNumber = run.number;
        c.currentStart = run;
        c.startCallInFlight = true;
        c.startCancelled = false;
        if (c.idleTimer != null || c.idleOver) {
            engine.demand.started(c, change);
        }
        if (c.healthState != null) {
            c.healthState.reset();
        }
        if (engine.state.recordingStartup && c.reportStartMicros == ServiceRecord.NOT_REPORTED) {
            c.reportStartMicros = ServiceRecord.micros(now - engine.state.startAllBeganNanos);
        }
        engine.transitions.setPhase(c, Phase.STARTING, c.startCause.reason(), null, c.startCause.detail(), change);
        engine.progress.countInFlight(c);
        engine.timeouts.add(run, now + c.settings.startTimeoutNanos, change);
        change.task(run);
    }

    /**
     * The outcome of a start. A start that belonged to a cycle already abandoned (timed out or removed) and
     * succeeded anyway has its value stopped by a task of its own.
     */
    void startCompleted(ServiceRun run, @Nullable Object value, @Nullable Throwable error, Change change) {
        ServiceRecord c = run.record;
        if (!c.isCurrent(run)) {
            if (error == null) {
                engine.state.abandoned.computeIfPresent(c, (k, a) -> new AbandonedStart(a.startedAt(),
                        a.abandonedAt(), a.startTimeout(), a.cancelled(), true));
                change.task(new ServiceRun(engine, c, ServiceRun.Kind.STOP_ABANDONED, ServiceRun.NO_CYCLE));
                return;
            }
            abandonedStartEnded(c, change);
            return;
        }
        c.startCallInFlight = false;
        engine.progress.endRun(c, run, change);
        long now = change.now(engine);
        Throwable failure = error;
        if (failure == null && value == null && !c.isVoid()) {
            failure = new LifecycleException("Service '" + c.id + "' returned null from start() but its type is "
                    + c.key.type().getName()
                    + "; return the value its dependents receive, or install it with type Void");
        }
        engine.transitions.started(c, Math.max(0, now - run.began), failure);
        if (failure != null && c.startCancelled && c.pendingFailure == null) {
            // The engine cancelled this start because the service must stop: not a failure of the service.
            landCancelledStart(c, "start cancelled", change);
            return;
        }
        if (failure != null) {
            boolean requested = c.pendingFailure != null;
            Throwable cause = requested ? c.pendingFailure : failure;
            c.pendingFailure = null;
            engine.supervisor.landFailed(c, cause, requested ? c.supervision().failureReportedAt : now, !requested,
                    change);
            return;
        }
        c.publish(value);
        if (engine.evaluator.mustStop(c)) {
            engine.stops.beginStopping(c, change);
            change.evaluate(c);
            return;
        }
        if (c.supervision != null) {
            c.supervision.runningSince = now;
        }
        if (engine.state.recordingStartup && c.reportReadyMicros == ServiceRecord.NOT_REPORTED) {
            c.reportReadyMicros = ServiceRecord.micros(now - engine.state.startAllBeganNanos);
        }
        // RUNNING says what STARTING said: the reason, and the detail of its cause (a configuration change's keys).
        engine.transitions.setPhase(c, Phase.RUNNING, c.reason(), null,
                c.startCause.reason() == c.reason() ? c.startCause.detail() : null, change);
        engine.progress.completeAwaiters(c, value, change);
    }

    /**
     * A start of an abandoned cycle has ended: it failed, or returned and its value has been stopped. The service may
     * start again; if it was removed meanwhile, the service installed under its id since may.
     */
    void abandonedStartEnded(ServiceRecord c, Change change) {
        c.startCallInFlight = false;
        engine.state.abandoned.remove(c);
        if (c.phase() == Phase.REMOVED) {
            engine.state.abandonedStarts.computeIfPresent(c.id, (id, n) -> n == 1 ? null : n - 1);
            ServiceRecord successor = engine.state.services.get(c.id);
            if (successor != null) {
                change.evaluate(successor);
            }
            return;
        }
        change.evaluate(c);
    }

    /** A start or stop in flight outlived its timeout. */
    void timedOut(ServiceRun run, Change change) {
        ServiceRecord c = run.record;
        if (!c.isCurrent(run)) {
            return;
        }
        if (c.phase() == Phase.STARTING) {
            startTimedOut(c, run, change);
        } else if (c.phase() == Phase.STOPPING) {
            engine.stops.stopTimedOut(c, run, change);
        }
    }

    void startTimedOut(ServiceRecord c, ServiceRun run, Change change) {
        engine.progress.endRun(c, run, change);
        change.after(run::cancel);
        // Abandoned: no longer waited for, still running until it returns, which snapshots say meanwhile.
        engine.state.abandoned.put(c, new AbandonedStart(RegistryClock.instant(run.began),
                RegistryClock.instant(change.now(engine)), c.settings.startTimeout,
                c.startCancelled && c.pendingFailure == null, false));
        if (c.startCancelled && c.pendingFailure == null) {
            // Cancelled because the service must stop, and still not returned: abandoned. If it returns a value after
            // all, that value is stopped (see startCompleted), and the service does not start again until then.
            engine.transitions.started(c, c.settings.startTimeoutNanos, null);
            landCancelledStart(c, "start cancelled; it did not return within its start timeout and was abandoned",
                    change);
            return;
        }
        boolean requested = c.pendingFailure != null;
        Throwable cause = requested ? c.pendingFailure
                : new java.util.concurrent.TimeoutException("Service '" + c.id + "' did not start within "
                        + LogText.duration(c.settings.startTimeout)
                        + "; its start was cancelled (raise its start timeout if it needs longer)");
        c.pendingFailure = null;
        engine.transitions.started(c, c.settings.startTimeoutNanos, cause);
        engine.supervisor.landFailed(c, cause, requested ? c.supervision().failureReportedAt : change.now(engine),
                false, change);
    }

    /**
     * A start the engine cancelled (see {@link #cancelStart}) has ended without a value, or was abandoned: the service
     * goes where the request that cancelled it sends it, through STOPPING. If that request has been withdrawn since
     * (started again after a stop), it starts again.
     */
    void landCancelledStart(ServiceRecord c, String detail, Change change) {
        c.startCancelled = false;
        engine.transitions.setPhase(c, Phase.STOPPING, engine.stops.stopReason(c), null, detail, change);
        if (engine.evaluator.mustStop(c)) {
            engine.stops.land(c, change);
            return;
        }
        c.startCause = StartCause.of(TransitionReason.OPERATOR);
        engine.transitions.setPhase(c, Phase.WAITING, TransitionReason.OPERATOR, null, "starting again", change);
        change.evaluate(c);
    }

    /**
     * Cancels the start in flight of {@code c}, if any, because the service must stop (stopped, restarted or removed
     * by hand, a requirement left RUNNING, the registry stops) rather than wait for it: its thread is interrupted and
     * its future cancelled. If it fails, as a cancelled start does, that is not a failure of the service; if it
     * returns a value anyway, the value is stopped (stop and join run) before the service goes on.
     */
    void cancelStart(ServiceRecord c, Change change) {
        ServiceRun run = c.currentStart;
        if (c.phase() == Phase.STARTING && run != null && c.pendingFailure == null && !c.startCancelled) {
            c.startCancelled = true;
            change.after(run::cancel);
        }
    }
}
