package dev.lifecycle.core.internal;

import dev.lifecycle.core.LogKeys;
import dev.lifecycle.core.LogText;
import dev.lifecycle.core.FailureInfo;
import dev.lifecycle.core.Service;
import dev.lifecycle.core.TransitionReason;
import org.jspecify.annotations.Nullable;

/**
 * The stop path: dispatching a service's own stop once its dependents have stopped, applying its outcome or its
 * timeout, and where the service lands afterwards (STOPPED, WAITING, FAILED, REMOVED). Under the registry's lock.
 */
final class Stops {

    private final Engine engine;

    Stops(Engine engine) {
        this.engine = engine;
    }

    TransitionReason stopReason(ServiceRecord c) {
        if (c.pendingFailure != null) {
            return TransitionReason.FAILURE;
        }
        if (c.removing || c.operatorStopped) {
            return TransitionReason.OPERATOR;
        }
        RestartRequest restart = c.restart;
        if (restart != null) {
            return restart.reason();
        }
        if (engine.state.shuttingDown) {
            return TransitionReason.SHUTDOWN;
        }
        if (c.settings.leaderGroup != null && engine.leadership.onStandby(c)) {
            return TransitionReason.LEADERSHIP;
        }
        return engine.demand.notNeeded(c) ? TransitionReason.DEMAND : TransitionReason.DEPENDENCY;
    }

    @Nullable String stopDetail(ServiceRecord c) {
        if (c.pendingFailure != null) {
            return null;
        }
        if (c.removing) {
            return "removing";
        }
        if (c.operatorStopped) {
            return "stopped by an operator";
        }
        RestartRequest restart = c.restart;
        if (restart != null) {
            return restart.detail();
        }
        if (engine.state.shuttingDown) {
            return null;
        }
        if (c.settings.leaderGroup != null && engine.leadership.onStandby(c)) {
            return engine.leadership.standbyDetail(c);
        }
        return engine.demand.notNeeded(c) ? "no dependent needs it" : "a requirement left RUNNING";
    }

    void dispatchStop(ServiceRecord c, Change change) {
        c.unpublish();
        long now = change.now(engine);
        ServiceRun run = new ServiceRun(engine, c, ServiceRun.Kind.STOP, c.generation);
        run.began = now;
        c.runNumber = run.number;
        engine.state.slots.setPhase(c, Phase.STOPPING);
        engine.progress.countInFlight(c);
        engine.timeouts.add(run, now + c.settings.stopTimeoutNanos, change);
        change.task(run);
    }

    void stopCompleted(ServiceRun run, @Nullable Throwable error, Change change) {
        ServiceRecord c = run.record;
        if (!c.isCurrent(run)) {
            if (error != null) {
                Engine.log.atWarn().addKeyValue(LogKeys.SERVICE_ID, c.id)
                        .addKeyValue(LogKeys.FAILURE_TYPE, error.getClass().getName())
                        .setCause(EscapedFailure.forLog(error))
                        .log("Service '" + c.id + "' stopped late, after its stop timeout, with an error");
            }
            return;
        }
        engine.progress.endRun(c, run, change);
        long now = change.now(engine);
        if (error != null) {
            c.lastFailure = FailureInfo.of(error, RegistryClock.instant(now));
            Engine.log.atWarn().addKeyValue(LogKeys.SERVICE_ID, c.id)
                    .addKeyValue(LogKeys.FAILURE_TYPE, error.getClass().getName())
                    .setCause(EscapedFailure.forLog(error))
                    .log("Stop of service '" + c.id + "' failed; carrying on");
        }
        engine.transitions.stopped(c, Math.max(0, now - run.began), error, false);
        land(c, change);
    }

    void stopTimedOut(ServiceRecord c, ServiceRun run, Change change) {
        engine.progress.endRun(c, run, change);
        change.after(run::cancel);
        Throwable timeout = new java.util.concurrent.TimeoutException("Service '" + c.id + "' did not stop within "
                + LogText.duration(c.settings.stopTimeout)
                + "; carrying on without it (raise its stop timeout if it needs longer)");
        c.lastFailure = FailureInfo.of(timeout, RegistryClock.instant(change.now(engine)));
        Engine.log.atWarn().addKeyValue(LogKeys.SERVICE_ID, c.id)
                .addKeyValue(LogKeys.STOP_TIMEOUT, c.settings.stopTimeout.toMillis()).log(timeout.getMessage());
        engine.transitions.stopped(c, c.settings.stopTimeoutNanos, timeout, true);
        land(c, change);
    }

    /** Where a service goes once its stop is over. */
    void land(ServiceRecord c, Change change) {
        if (c.removing) {
            engine.requests.finishRemoval(c, change);
            return;
        }
        Throwable failure = c.pendingFailure;
        c.pendingFailure = null;
        RestartRequest restart = c.restart;
        c.restart = null;
        if (failure != null) {
            engine.supervisor.landFailed(c, failure, c.supervision().failureReportedAt, false, change);
        } else if (c.operatorStopped || engine.state.shuttingDown) {
            landStopped(c, change);
        } else if (restart != null) {
            c.restarts++;
            c.startCause = restart.startCause();
            engine.transitions.setPhase(c, Phase.WAITING, restart.reason(), null, restart.detail(), change);
            change.evaluate(c);
        } else if (c.settings.leaderGroup != null && engine.leadership.onStandby(c)) {
            engine.leadership.landStandby(c, change);
        } else if (engine.demand.notNeeded(c)) {
            engine.demand.landNotNeeded(c, change);
        } else {
            c.startCause = StartCause.of(TransitionReason.DEPENDENCY);
            engine.transitions.setPhase(c, Phase.WAITING, TransitionReason.DEPENDENCY, null,
                    "a requirement left RUNNING", change);
            change.evaluate(c);
        }
    }

    /** Moves {@code c} to STOPPING for its own reason: a failure, an operator, a requirement, the shutdown. */
    void beginStopping(ServiceRecord c, Change change) {
        engine.transitions.setPhase(c, Phase.STOPPING_DEPENDENTS, stopReason(c), c.pendingFailure, stopDetail(c),
                change);
    }

    /** Lands {@code c} in STOPPED: stopped by an operator, or at shutdown. */
    void landStopped(ServiceRecord c, Change change) {
        engine.transitions.setPhase(c, Phase.STOPPED,
                c.operatorStopped ? TransitionReason.OPERATOR : TransitionReason.SHUTDOWN, null, null, change);
    }
}
