package dev.lifecycle.core.internal;

import dev.lifecycle.core.LifecycleException;
import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceFailedException;
import dev.lifecycle.core.TransitionReason;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Requests from outside a service's own cycle (an operator, code, the service's context): fail, restart, stop, start
 * and remove, merged into the flags {@link Evaluator} reads, so that requests arriving while a transition is in
 * flight are merged or queued, never lost. Under the registry's lock.
 */
final class Requests {

    /** The cycle given to {@link #requestFailure} by a failure that applies to whatever cycle is current. */
    static final int ANY_CYCLE = -1;

    private final Engine engine;

    Requests(Engine engine) {
        this.engine = engine;
    }

    /**
     * A failure reported by code, an operator or the service itself.
     *
     * @param generation the start cycle it applies to, or {@link #ANY_CYCLE}
     */
    void requestFailure(ServiceRecord c, int generation, Throwable cause, Change change) {
        if (generation != ANY_CYCLE && generation != c.generation) {
            return;
        }
        switch (c.phase()) {
            case STARTING -> {
                if (c.pendingFailure == null) {
                    setPendingFailure(c, cause, change);
                    ServiceRun run = c.currentStart;
                    if (run != null) {
                        change.after(run::cancel);
                    }
                }
            }
            case RUNNING -> {
                setPendingFailure(c, cause, change);
                change.evaluate(c);
            }
            case STOPPING_DEPENDENTS, STOPPING -> {
                if (c.pendingFailure == null) {
                    setPendingFailure(c, cause, change);
                }
            }
            default -> {
            }
        }
    }

    /** The failure that will stop the current cycle, and when it was reported: the time its record will carry. */
    void setPendingFailure(ServiceRecord c, Throwable cause, Change change) {
        c.pendingFailure = cause;
        c.supervision().failureReportedAt = change.now(engine);
    }

    /** An operator's restart: a service that is down starts, one that is up stops and starts again. */
    void requestRestart(ServiceRecord c, Change change) {
        switch (c.phase()) {
            case STARTING, RUNNING, STOPPING_DEPENDENTS, STOPPING ->
                    restartUp(c, RestartRequest.BY_OPERATOR, change);
            case FAILED, STOPPED -> {
                c.restarts++;
                requestStart(c, change);
            }
            default -> requestStart(c, change);
        }
    }

    /**
     * A restart because the configuration {@code c} reads changed ({@code detail} names the keys): a service that is
     * up stops and starts again, one that failed starts now; one stopped by an operator, or not started yet, is left
     * alone (it reads the new configuration when it starts).
     */
    void requestReconfiguration(ServiceRecord c, String detail, Change change) {
        switch (c.phase()) {
            case STARTING, RUNNING, STOPPING_DEPENDENTS, STOPPING -> {
                if (!c.operatorStopped) {
                    restartUp(c, new RestartRequest(TransitionReason.CONFIGURATION, detail), change);
                }
            }
            case FAILED -> {
                c.restarts++;
                requestStart(c, change);
                c.startCause = new StartCause(TransitionReason.CONFIGURATION, detail);
            }
            default -> {
            }
        }
    }

    private void restartUp(ServiceRecord c, RestartRequest request, Change change) {
        c.restart = request;
        c.operatorStopped = false;
        engine.starts.cancelStart(c, change);
        change.evaluate(c);
    }

    /**
     * An operator's start (or the start of an operator's restart of a service that is down). A failed service waiting
     * out its back-off starts now, its history kept: its restarts within the window still count, so one that keeps
     * failing gives up however often it is started by hand. One that gave up (or whose policy never restarts it)
     * starts afresh: its history is cleared (see {@link dev.lifecycle.core.RestartPolicy}).
     */
    void requestStart(ServiceRecord c, Change change) {
        c.operatorStopped = false;
        if (c.phase() == Phase.FAILED || c.gaveUp) {
            engine.supervisor.cancelRestart(c, change);
        }
        if (c.gaveUp) {
            c.gaveUp = false;
            if (c.supervision != null) {
                c.supervision.reset();
            }
        }
        c.startCause = StartCause.of(TransitionReason.OPERATOR);
        change.evaluate(c);
    }

    void requestStop(ServiceRecord c, Change change) {
        c.operatorStopped = true;
        c.restart = null;
        engine.supervisor.cancelRestart(c, change);
        engine.starts.cancelStart(c, change);
        change.evaluate(c);
    }

    CompletableFuture<@Nullable Void> requestRemoval(ServiceRecord c, Change change) {
        CompletableFuture<@Nullable Void> removal = c.removal;
        if (removal == null) {
            removal = new CompletableFuture<>();
            c.removal = removal;
            c.removing = true;
            engine.supervisor.cancelRestart(c, change);
            engine.starts.cancelStart(c, change);
            change.evaluate(c);
        }
        return removal;
    }

    void finishRemoval(ServiceRecord c, Change change) {
        engine.transitions.setPhase(c, Phase.REMOVED, TransitionReason.OPERATOR, null, "removed", change);
        engine.installer.unlink(c, change);
        engine.state.removedIds.add(c.id);
        if (c.startCallInFlight) {
            // Abandoned and still running: no service with this id starts until it has returned.
            engine.state.abandonedStarts.merge(c.id, 1, Integer::sum);
        }
        engine.progress.failAwaiters(c, new ServiceFailedException("Service '" + c.id + "' was removed", null), change);
        CompletableFuture<@Nullable Void> removal = c.removal;
        if (removal != null) {
            change.after(() -> removal.complete(null));
        }
    }

    /**
     * Starts every service, in installation order: each goes to STARTING or WAITING as its requirements allow.
     *
     * @return the future completing when every service is RUNNING (the one under way, if start-all is under way)
     * @throws dev.lifecycle.core.MissingDependencyException at the first start, if a requirement is not installed
     */
    CompletableFuture<@Nullable Void> requestStartAll(Change change) {
        RegistryState state = engine.state;
        CompletableFuture<@Nullable Void> underWay = state.startAllFuture;
        if (underWay != null && !underWay.isDone() && !state.shuttingDown) {
            return underWay;
        }
        engine.installer.checkNothingMissing();
        state.started = true;
        state.shuttingDown = false;
        state.startAllBeganNanos = change.now(engine);
        state.startAllBegan = RegistryClock.instant(state.startAllBeganNanos);
        state.startAllEnded = null;
        state.recordingStartup = true;
        CompletableFuture<@Nullable Void> future = new CompletableFuture<>();
        state.startAllFuture = future;
        for (ServiceRecord c = state.firstInstalled; c != null; c = c.nextInstalled) {
            c.reportStartMicros = ServiceRecord.NOT_REPORTED;
            c.reportReadyMicros = ServiceRecord.NOT_REPORTED;
            c.startCause = StartCause.of(TransitionReason.STARTUP);
            engine.evaluator.evaluate(c, change);
        }
        engine.health.schedule(change);
        return future;
    }

    /**
     * Stops every service, in reverse installation order: restarts are cancelled, starts in flight cancelled, and
     * nothing starts until start-all again. A start-all under way fails.
     */
    void requestStopAll(Change change) {
        RegistryState state = engine.state;
        if (!state.shuttingDown) {
            // Once stopping, nothing starts or schedules a restart: a second stopAll() only waits.
            state.shuttingDown = true;
            for (ServiceRecord c = state.lastInstalled; c != null; c = c.previousInstalled) {
                engine.supervisor.cancelRestart(c, change);
                engine.starts.cancelStart(c, change);
                engine.evaluator.evaluate(c, change);
            }
        }
        DeferredTimer healthTimer = state.healthTimer;
        if (healthTimer != null) {
            change.cancel(healthTimer);
            state.healthTimer = null;
        }
        CompletableFuture<@Nullable Void> pending = state.startAllFuture;
        if (pending != null && !pending.isDone()) {
            state.recordingStartup = false;
            change.after(() -> pending.completeExceptionally(
                    new LifecycleException("The registry was stopped before every service had started")));
        }
    }
}
