package dev.lifecycle.core;

import dev.lifecycle.core.event.ServiceTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Decides every transition. All methods run under the registry's lock; they change state and record in a
 * {@link Batch} what to do after it is released.
 *
 * <p>The whole logic is one idempotent function, {@link #evaluate}, that looks at a service's phase and what it
 * should be doing (run or stop, derived from its flags and its requirements) and takes the next step. Every change
 * of phase goes through {@link #setPhase}, which keeps the counters the decisions read ({@code runningRequirements},
 * {@code activeDependents}) and queues for re-evaluation the services the change concerns.
 */
final class StateMachine {

    /** The cycle given to {@link #requestFailure} by a failure that applies to whatever cycle is current. */
    static final int ANY_CYCLE = -1;

    private final Engine engine;
    /** Scratch space of {@link #runningDependentsPostOrder}, reused under the lock: a stop allocates nothing. */
    private final List<Controller> postOrder = new ArrayList<>();
    /** The depth-first traversal's path and, for each service on it, the next dependent to visit. */
    private Controller[] traversal = new Controller[16];
    private int[] traversalNext = new int[16];

    StateMachine(Engine engine) {
        this.engine = engine;
    }

    // ---------------------------------------------------------------- evaluation

    /** Re-evaluates until nothing changes any more, then checks what the change completes. */
    void settle(Batch batch) {
        assert engine.lock.isHeldByCurrentThread();
        Controller c;
        while ((c = batch.nextToEvaluate()) != null) {
            evaluate(c, batch);
        }
        checkProgress(batch);
    }

    /** Takes the next step for {@code c}, if it has one; the services this concerns are queued in {@code batch}. */
    void evaluate(Controller c, Batch batch) {
        switch (c.phase) {
            case INSTALLED, WAITING, STOPPED, FAILED -> evaluateDown(c, batch);
            case RUNNING -> {
                if (mustStop(c)) {
                    beginStop(c, batch);
                }
            }
            case STOPPING_DEPENDENTS -> {
                if (c.activeDependents == 0) {
                    dispatchStop(c, batch);
                }
            }
            case STARTING, STOPPING, REMOVED -> {
            }
        }
    }

    /** Whether a service that is up must go down. */
    private boolean mustStop(Controller c) {
        return c.removing || c.operatorStopped || engine.shuttingDown || c.pendingFailure != null
                || c.restartRequested || !c.requirementsRunning();
    }

    private void evaluateDown(Controller c, Batch batch) {
        if (c.removing) {
            finishRemoval(c, batch);
            return;
        }
        if (c.operatorStopped || engine.shuttingDown) {
            boolean keepFailed = engine.shuttingDown && c.phase == Phase.FAILED;
            if (c.phase != Phase.STOPPED && !keepFailed && (engine.started || c.operatorStopped)) {
                setPhase(c, Phase.STOPPED, c.operatorStopped ? TransitionReason.OPERATOR : TransitionReason.SHUTDOWN,
                        null, null, batch);
            }
            return;
        }
        if (!engine.started) {
            return;
        }
        if (c.phase == Phase.FAILED && (c.restartScheduled() || c.gaveUp)) {
            return;
        }
        if (c.startCallInFlight) {
            // Its start of an abandoned cycle has not returned yet.
            return;
        }
        if (!engine.abandonedStarts.isEmpty() && engine.abandonedStarts.containsKey(c.id)) {
            if (c.phase == Phase.INSTALLED) {
                setPhase(c, Phase.WAITING, c.startReason, null,
                        "waiting for the abandoned start of the service removed before it to return", batch);
            }
            return;
        }
        if (!c.requirementsRunning() || wantsPending(c)) {
            if (c.phase != Phase.WAITING) {
                setPhase(c, Phase.WAITING, c.startReason, null, null, batch);
            }
            return;
        }
        beginStart(c, batch);
    }

    /** Whether a wanted service is going to start, so that this one waits for it. */
    private boolean wantsPending(Controller c) {
        for (String id : c.wants) {
            Controller w = engine.services.get(id);
            if (w != null && w != c && goingToStart(w)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code w} is starting, or will start unless something fails first: it is waiting to start (not failed,
     * stopped or being removed), and each of its requirements is RUNNING or itself going to start.
     */
    private boolean goingToStart(Controller w) {
        if (w.phase == Phase.STARTING) {
            return true;
        }
        if ((w.phase != Phase.INSTALLED && w.phase != Phase.WAITING) || w.operatorStopped || w.removing
                || w.startCallInFlight) {
            return false;
        }
        for (Controller r : w.resolved) {
            if (r == null || (r.phase != Phase.RUNNING && !goingToStart(r))) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- phase changes

    /** The one place a phase changes: keeps the counters and queues the services concerned. */
    void setPhase(Controller c, Phase to, TransitionReason reason, @Nullable Throwable cause, @Nullable String detail,
            Batch batch) {
        Phase from = c.phase;
        if (from == to) {
            return;
        }
        long now = batch.now(engine);
        c.phase = to;
        c.reason = reason;
        c.detail = detail;
        if (to == Phase.RUNNING) {
            engine.runningCount++;
            for (int i = 0; i < c.dependentCount; i++) {
                Controller d = c.dependents[i];
                // A dependent still waiting for another requirement has nothing to do yet.
                if (++d.runningRequirements == d.requiredIds.length) {
                    batch.evaluate(d);
                }
            }
        } else if (from == Phase.RUNNING) {
            engine.runningCount--;
            for (int i = 0; i < c.dependentCount; i++) {
                Controller d = c.dependents[i];
                d.runningRequirements--;
                // A dependent stopping or removed has nothing to do about it now (each of those phases is evaluated
                // again when it ends): at shutdown most dependents are already stopping. A dependent starting is
                // cancelled rather than waited for: it would only be stopped once started.
                Phase p = d.phase;
                if (p == Phase.RUNNING || p.isDown()) {
                    batch.evaluate(d);
                } else if (p == Phase.STARTING) {
                    cancelStart(d, batch);
                }
            }
        }
        if (from.active != to.active) {
            for (Controller r : c.resolved) {
                if (r == null) {
                    continue;
                }
                if (to.active) {
                    r.activeDependents++;
                } else if (--r.activeDependents == 0) {
                    batch.evaluate(r);
                }
            }
        }
        if (!engine.wantedBy.isEmpty()) {
            // Whether a wanted service is going to start depends on its requirements too: re-evaluate every wanter.
            for (List<Controller> wanters : engine.wantedBy.values()) {
                wanters.forEach(batch::evaluate);
            }
        }
        if (from.state != to.state) {
            // A phase within the same state (STOPPING_DEPENDENTS, then STOPPING) is not a new state.
            long previous = c.since;
            c.since = now;
            publish(c, from.state, to.state, reason, cause, detail, now, previous);
        }
    }

    private void publish(Controller c, ServiceState from, ServiceState to, TransitionReason reason,
            @Nullable Throwable cause, @Nullable String detail, long at, long since) {
        if (Engine.log.isDebugEnabled()) {
            Engine.log.debug("{}: {} -> {} ({}{})", c.id, from, to, reason, detail == null ? "" : ": " + detail);
        }
        if (engine.events.hasListeners()) {
            engine.events.enqueue(new ServiceTransition(c.key, from, to, reason, cause, detail, Engine.instant(at),
                    Engine.instant(since)));
        }
    }

    // ---------------------------------------------------------------- starting

    private void beginStart(Controller c, Batch batch) {
        long now = batch.now(engine);
        TaskRun run = new TaskRun(engine, c, TaskRun.Kind.START, ++c.generation);
        run.began = now;
        c.currentRun = run;
        c.startCallInFlight = true;
        c.startCancelled = false;
        c.health = ServiceHealth.UNKNOWN;
        c.unhealthyStreak = 0;
        if (engine.recordingStartup && c.reportStart == Controller.UNSET) {
            c.reportStart = now;
        }
        setPhase(c, Phase.STARTING, c.startReason, null, null, batch);
        countInFlight(c);
        engine.deadlines.add(run, now + c.settings.startTimeoutNanos, batch);
        batch.task(run);
    }

    /**
     * The outcome of a start. A start that belonged to a cycle already abandoned (timed out or removed) and
     * succeeded anyway has its value stopped by a task of its own.
     */
    void startCompleted(TaskRun run, @Nullable Object value, @Nullable Throwable error, Batch batch) {
        Controller c = run.controller;
        if (c.currentRun != run) {
            if (error == null) {
                batch.task(new TaskRun(engine, c, TaskRun.Kind.STOP_ABANDONED, TaskRun.NO_CYCLE));
                return;
            }
            abandonedStartEnded(c, batch);
            return;
        }
        c.startCallInFlight = false;
        endRun(c, run, batch);
        long now = batch.now(engine);
        Throwable failure = error;
        if (failure == null && value == null && !c.isVoid()) {
            failure = new LifecycleException("Service '" + c.id + "' returned null from start() but its type is "
                    + c.key.type().getName() + "; return the value its dependents receive, or install it with type Void");
        }
        started(c, Math.max(0, now - run.began), failure);
        if (failure != null && c.startCancelled && c.pendingFailure == null) {
            // The engine cancelled this start because the service must stop: not a failure of the service.
            landCancelledStart(c, "start cancelled", batch);
            return;
        }
        if (failure != null) {
            boolean requested = c.pendingFailure != null;
            Throwable cause = requested ? c.pendingFailure : failure;
            c.pendingFailure = null;
            landFailed(c, cause, requested ? c.pendingFailureAt : now, !requested, batch);
            return;
        }
        c.value = value;
        if (mustStop(c)) {
            setPhase(c, Phase.STOPPING_DEPENDENTS, stopReason(c), c.pendingFailure, stopDetail(c), batch);
            batch.evaluate(c);
            return;
        }
        c.runningSince = now;
        if (engine.recordingStartup && c.reportReady == Controller.UNSET) {
            c.reportReady = now;
        }
        setPhase(c, Phase.RUNNING, c.reason, null, null, batch);
        completeAwaiters(c, value, batch);
    }

    /**
     * A start of an abandoned cycle has ended: it failed, or returned and its value has been stopped. The service may
     * start again; if it was removed meanwhile, the service installed under its id since may.
     */
    void abandonedStartEnded(Controller c, Batch batch) {
        c.startCallInFlight = false;
        if (c.phase == Phase.REMOVED) {
            engine.abandonedStarts.computeIfPresent(c.id, (id, n) -> n == 1 ? null : n - 1);
            Controller successor = engine.services.get(c.id);
            if (successor != null) {
                batch.evaluate(successor);
            }
            return;
        }
        batch.evaluate(c);
    }

    /** A start or stop in flight outlived its timeout. */
    void timedOut(TaskRun run, Batch batch) {
        Controller c = run.controller;
        if (c.currentRun != run) {
            return;
        }
        if (c.phase == Phase.STARTING) {
            startTimedOut(c, run, batch);
        } else if (c.phase == Phase.STOPPING) {
            stopTimedOut(c, run, batch);
        }
    }

    private void startTimedOut(Controller c, TaskRun run, Batch batch) {
        endRun(c, run, batch);
        batch.after(run::cancel);
        if (c.startCancelled && c.pendingFailure == null) {
            // Cancelled because the service must stop, and still not returned: abandoned. If it returns a value after
            // all, that value is stopped (see startCompleted), and the service does not start again until then.
            started(c, c.settings.startTimeoutNanos, null);
            landCancelledStart(c, "start cancelled; it did not return within its start timeout and was abandoned",
                    batch);
            return;
        }
        boolean requested = c.pendingFailure != null;
        Throwable cause = requested ? c.pendingFailure
                : new java.util.concurrent.TimeoutException("Service '" + c.id + "' did not start within "
                        + c.settings.startTimeout
                        + "; its start was cancelled (raise its start timeout if it needs longer)");
        c.pendingFailure = null;
        started(c, c.settings.startTimeoutNanos, cause);
        landFailed(c, cause, requested ? c.pendingFailureAt : batch.now(engine), false, batch);
    }

    /**
     * A start the engine cancelled (see {@link #cancelStart}) has ended without a value, or was abandoned: the service
     * goes where the request that cancelled it sends it, through STOPPING. If that request has been withdrawn since
     * (started again after a stop), it starts again.
     */
    private void landCancelledStart(Controller c, String detail, Batch batch) {
        c.startCancelled = false;
        setPhase(c, Phase.STOPPING, stopReason(c), null, detail, batch);
        if (mustStop(c)) {
            land(c, batch);
            return;
        }
        c.startReason = TransitionReason.OPERATOR;
        setPhase(c, Phase.WAITING, TransitionReason.OPERATOR, null, "starting again", batch);
        batch.evaluate(c);
    }

    // ---------------------------------------------------------------- stopping

    /**
     * Stops a service that is up: its transitive dependents first (each stops once its own dependents have), then
     * it. Dependents are moved to STOPPING before it, so no service is ever RUNNING while a requirement is not.
     */
    private void beginStop(Controller c, Batch batch) {
        List<Controller> order = runningDependentsPostOrder(c);
        // At shutdown everything stops: naming one service as the reason would mislead.
        String detail = order.size() == 1 || engine.shuttingDown ? null : "'" + c.id + "' is stopping";
        Throwable rootCause = c.pendingFailure;
        for (int i = 0; i < order.size(); i++) {
            Controller d = order.get(i);
            if (d == c) {
                setPhase(c, Phase.STOPPING_DEPENDENTS, stopReason(c), c.pendingFailure, stopDetail(c), batch);
            } else {
                setPhase(d, Phase.STOPPING_DEPENDENTS,
                        engine.shuttingDown ? TransitionReason.SHUTDOWN : TransitionReason.DEPENDENCY, rootCause,
                        detail, batch);
            }
            batch.evaluate(d);
        }
        order.clear();
    }

    /**
     * The RUNNING transitive dependents of {@code c}, dependents before their requirements, then {@code c}. The list
     * is reused by the next call: the caller clears it once done.
     */
    private List<Controller> runningDependentsPostOrder(Controller c) {
        List<Controller> order = postOrder;
        if (!hasRunningDependent(c)) {
            order.add(c);
            return order;
        }
        int mark = engine.nextMark();
        Controller[] stack = traversal;
        int[] next = traversalNext;
        int top = 0;
        stack[0] = c;
        next[0] = 0;
        c.mark = mark;
        while (top >= 0) {
            Controller x = stack[top];
            int i = next[top];
            if (i < x.dependentCount) {
                next[top] = i + 1;
                Controller d = x.dependents[i];
                if (d.mark != mark && d.phase == Phase.RUNNING) {
                    d.mark = mark;
                    if (++top == stack.length) {
                        stack = java.util.Arrays.copyOf(stack, top * 2);
                        next = java.util.Arrays.copyOf(next, top * 2);
                        traversal = stack;
                        traversalNext = next;
                    }
                    stack[top] = d;
                    next[top] = 0;
                }
            } else {
                stack[top--] = null;
                order.add(x);
            }
        }
        return order;
    }

    private static boolean hasRunningDependent(Controller c) {
        for (int i = 0; i < c.dependentCount; i++) {
            if (c.dependents[i].phase == Phase.RUNNING) {
                return true;
            }
        }
        return false;
    }

    private TransitionReason stopReason(Controller c) {
        if (c.pendingFailure != null) {
            return TransitionReason.FAILURE;
        }
        if (c.removing || c.operatorStopped || c.restartRequested) {
            return TransitionReason.OPERATOR;
        }
        return engine.shuttingDown ? TransitionReason.SHUTDOWN : TransitionReason.DEPENDENCY;
    }

    private @Nullable String stopDetail(Controller c) {
        if (c.pendingFailure != null) {
            return null;
        }
        if (c.removing) {
            return "removing";
        }
        if (c.operatorStopped) {
            return "stopped by an operator";
        }
        if (c.restartRequested) {
            return "restarting";
        }
        if (engine.shuttingDown) {
            return null;
        }
        return "a requirement left RUNNING";
    }

    private void dispatchStop(Controller c, Batch batch) {
        c.value = Controller.NO_VALUE;
        long now = batch.now(engine);
        TaskRun run = new TaskRun(engine, c, TaskRun.Kind.STOP, c.generation);
        run.began = now;
        c.currentRun = run;
        c.phase = Phase.STOPPING;
        countInFlight(c);
        engine.deadlines.add(run, now + c.settings.stopTimeoutNanos, batch);
        batch.task(run);
    }

    void stopCompleted(TaskRun run, @Nullable Throwable error, Batch batch) {
        Controller c = run.controller;
        if (c.currentRun != run) {
            if (error != null) {
                Engine.log.warn("Service '{}' stopped late, after its stop timeout, with an error", c.id, error);
            }
            return;
        }
        endRun(c, run, batch);
        long now = batch.now(engine);
        if (error != null) {
            c.lastFailure = FailureInfo.of(error, Engine.instant(now));
            Engine.log.warn("Stop of service '{}' failed; carrying on", c.id, error);
        }
        stopped(c, Math.max(0, now - run.began), error);
        land(c, batch);
    }

    private void stopTimedOut(Controller c, TaskRun run, Batch batch) {
        endRun(c, run, batch);
        batch.after(run::cancel);
        Throwable timeout = new java.util.concurrent.TimeoutException("Service '" + c.id + "' did not stop within "
                + c.settings.stopTimeout + "; carrying on without it (raise its stop timeout if it needs longer)");
        c.lastFailure = FailureInfo.of(timeout, Engine.instant(batch.now(engine)));
        Engine.log.warn(timeout.getMessage());
        stopped(c, c.settings.stopTimeoutNanos, timeout);
        land(c, batch);
    }

    /** The run in flight for {@code c} is over (returned or timed out): it is no longer watched nor counted. */
    private void endRun(Controller c, TaskRun run, Batch batch) {
        c.currentRun = null;
        engine.deadlines.remove(run, batch);
        uncountInFlight(c);
    }

    /** Records how long a start took and tells the listeners. */
    private void started(Controller c, long nanos, @Nullable Throwable failure) {
        c.startDuration = nanos;
        if (engine.events.hasTimingListeners()) {
            Duration took = Duration.ofNanos(nanos);
            engine.events.enqueue(l -> l.onStarted(c.key, took, failure));
        }
    }

    /** Records how long a stop took and tells the listeners. */
    private void stopped(Controller c, long nanos, @Nullable Throwable error) {
        c.stopDuration = nanos;
        if (engine.events.hasTimingListeners()) {
            Duration took = Duration.ofNanos(nanos);
            engine.events.enqueue(l -> l.onStopped(c.key, took, error));
        }
    }

    /** Where a service goes once its stop is over. */
    private void land(Controller c, Batch batch) {
        if (c.removing) {
            finishRemoval(c, batch);
            return;
        }
        Throwable failure = c.pendingFailure;
        c.pendingFailure = null;
        boolean restart = c.restartRequested;
        c.restartRequested = false;
        if (failure != null) {
            landFailed(c, failure, c.pendingFailureAt, false, batch);
        } else if (c.operatorStopped || engine.shuttingDown) {
            setPhase(c, Phase.STOPPED, c.operatorStopped ? TransitionReason.OPERATOR : TransitionReason.SHUTDOWN,
                    null, null, batch);
        } else if (restart) {
            c.restarts++;
            c.startReason = TransitionReason.OPERATOR;
            setPhase(c, Phase.WAITING, TransitionReason.OPERATOR, null, "restarting", batch);
            batch.evaluate(c);
        } else {
            c.startReason = TransitionReason.DEPENDENCY;
            setPhase(c, Phase.WAITING, TransitionReason.DEPENDENCY, null, "a requirement left RUNNING", batch);
            batch.evaluate(c);
        }
    }

    // ---------------------------------------------------------------- failure and supervision

    /**
     * Marks a service FAILED and applies its restart policy.
     *
     * @param failedAt when the failure happened or was reported, in clock nanos: its {@link FailureInfo#at()}
     * @param thrown whether its own setup or start threw {@code cause} (logged with the stack trace), rather than
     *        a failure that was reported or requested (logged as one line)
     */
    private void landFailed(Controller c, Throwable cause, long failedAt, boolean thrown, Batch batch) {
        Instant now = Engine.instant(batch.now(engine));
        c.lastFailure = FailureInfo.of(cause, Engine.instant(failedAt));
        c.restartRequested = false;
        if (thrown) {
            Engine.log.warn("Service '{}' failed to start: {}", c.id, c.lastFailure.summary(), cause);
        } else {
            Engine.log.warn("Service '{}' failed: {}", c.id, c.lastFailure.summary());
        }
        setPhase(c, Phase.FAILED, TransitionReason.FAILURE, cause, null, batch);
        supervise(c, cause, now, batch);
    }

    /** Applies the restart policy to a service that has just failed. */
    private void supervise(Controller c, Throwable cause, Instant now, Batch batch) {
        if (engine.shuttingDown || c.removing || c.operatorStopped) {
            // Not restarted: it goes where it was headed (removed, or stopped by the operator).
            batch.evaluate(c);
            return;
        }
        RestartPolicy policy = c.settings.policy;
        if (!policy.restart()) {
            giveUp(c, cause, "its restart policy does not restart it", batch);
            return;
        }
        Supervision history = c.supervision();
        long nowNanos = Engine.nanos(now);
        if (c.runningSince != Controller.UNSET && nowNanos - c.runningSince >= policy.window().toNanos()) {
            history.reset();
        }
        c.runningSince = Controller.UNSET;
        Instant windowStart = now.minus(policy.window());
        while (!history.restartTimes.isEmpty() && !history.restartTimes.peekFirst().isAfter(windowStart)) {
            history.restartTimes.pollFirst();
        }
        if (history.restartTimes.size() >= policy.maxRestarts()) {
            giveUp(c, cause, "it failed more than " + policy.maxRestarts() + " times in " + policy.window(), batch);
            return;
        }
        Duration delay = policy.backoff(history.backoffAttempt++, engine.random.getAsDouble());
        history.restartTimes.addLast(now);
        if (delay.isZero() || delay.isNegative()) {
            // Due now: restarted in this change rather than through the timer.
            Engine.log.info("Service '{}' restarts now", c.id);
            restartNow(c, batch);
            return;
        }
        history.nextRestartAt = now.plus(delay);
        engine.scheduledRestarts++;
        DeferredTimer timer = new DeferredTimer(engine.scheduler, Engine.nanos(history.nextRestartAt),
                t -> engine.lockedRun(b -> restartDue(c, t, b)));
        history.restartTimer = timer;
        batch.arm(timer);
        Engine.log.info("Service '{}' restarts in {} ms", c.id, delay.toMillis());
    }

    private void restartDue(Controller c, DeferredTimer timer, Batch batch) {
        Supervision history = c.supervision;
        if (history == null || history.restartTimer != timer) {
            return;
        }
        history.restartTimer = null;
        history.nextRestartAt = null;
        engine.scheduledRestarts--;
        restartNow(c, batch);
    }

    private void restartNow(Controller c, Batch batch) {
        c.restarts++;
        c.startReason = TransitionReason.RESTART;
        batch.evaluate(c);
    }

    /**
     * Cancels the start in flight of {@code c}, if any, because the service must stop (stopped, restarted or removed
     * by hand, a requirement left RUNNING, the registry stops) rather than wait for it: its thread is interrupted and
     * its future cancelled. If it fails, as a cancelled start does, that is not a failure of the service; if it
     * returns a value anyway, the value is stopped (stop and join run) before the service goes on.
     */
    void cancelStart(Controller c, Batch batch) {
        TaskRun run = c.currentRun;
        if (c.phase == Phase.STARTING && run != null && c.pendingFailure == null && !c.startCancelled) {
            c.startCancelled = true;
            batch.after(run::cancel);
        }
    }

    void cancelRestart(Controller c, Batch batch) {
        Supervision history = c.supervision;
        if (history != null && history.restartTimer != null) {
            batch.cancel(history.restartTimer);
            history.restartTimer = null;
            history.nextRestartAt = null;
            engine.scheduledRestarts--;
        }
    }

    private void giveUp(Controller c, Throwable cause, String why, Batch batch) {
        c.gaveUp = true;
        if (c.supervision != null) {
            c.supervision.nextRestartAt = null;
        }
        RestartPolicy policy = c.settings.policy;
        Escalation escalation = policy.restart() ? policy.escalation() : Escalation.NONE;
        Engine.log.error("Service '{}' gave up: {}; escalation {}", c.id, why, escalation);
        failAwaiters(c, new ServiceFailedException("Service '" + c.id + "' gave up: " + why, cause), batch);
        engine.events.enqueue(l -> l.onGiveUp(c.key, escalation, cause));
        if (escalation == Escalation.SHUTDOWN) {
            batch.after(engine::stopAll);
        }
    }

    // ---------------------------------------------------------------- requests

    /**
     * A failure reported by code, an operator or the service itself.
     *
     * @param generation the start cycle it applies to, or {@link #ANY_CYCLE}
     */
    void requestFailure(Controller c, int generation, Throwable cause, Batch batch) {
        if (generation != ANY_CYCLE && generation != c.generation) {
            return;
        }
        switch (c.phase) {
            case STARTING -> {
                if (c.pendingFailure == null) {
                    setPendingFailure(c, cause, batch);
                    TaskRun run = c.currentRun;
                    if (run != null) {
                        batch.after(run::cancel);
                    }
                }
            }
            case RUNNING -> {
                setPendingFailure(c, cause, batch);
                batch.evaluate(c);
            }
            case STOPPING_DEPENDENTS, STOPPING -> {
                if (c.pendingFailure == null) {
                    setPendingFailure(c, cause, batch);
                }
            }
            default -> {
            }
        }
    }

    /** The failure that will stop the current cycle, and when it was reported: the time its record will carry. */
    private void setPendingFailure(Controller c, Throwable cause, Batch batch) {
        c.pendingFailure = cause;
        c.pendingFailureAt = batch.now(engine);
    }

    void requestRestart(Controller c, Batch batch) {
        switch (c.phase) {
            case STARTING, RUNNING, STOPPING_DEPENDENTS, STOPPING -> {
                c.restartRequested = true;
                c.operatorStopped = false;
                cancelStart(c, batch);
                batch.evaluate(c);
            }
            case FAILED, STOPPED -> {
                c.restarts++;
                requestStart(c, batch);
            }
            default -> requestStart(c, batch);
        }
    }

    void requestStart(Controller c, Batch batch) {
        c.operatorStopped = false;
        if (c.phase == Phase.FAILED || c.gaveUp) {
            cancelRestart(c, batch);
            c.gaveUp = false;
            if (c.supervision != null) {
                c.supervision.reset();
            }
        }
        c.startReason = TransitionReason.OPERATOR;
        batch.evaluate(c);
    }

    void requestStop(Controller c, Batch batch) {
        c.operatorStopped = true;
        c.restartRequested = false;
        cancelRestart(c, batch);
        cancelStart(c, batch);
        batch.evaluate(c);
    }

    CompletableFuture<@Nullable Void> requestRemoval(Controller c, Batch batch) {
        CompletableFuture<@Nullable Void> removal = c.removal;
        if (removal == null) {
            removal = new CompletableFuture<>();
            c.removal = removal;
            c.removing = true;
            cancelRestart(c, batch);
            cancelStart(c, batch);
            batch.evaluate(c);
        }
        return removal;
    }

    private void finishRemoval(Controller c, Batch batch) {
        setPhase(c, Phase.REMOVED, TransitionReason.OPERATOR, null, "removed", batch);
        engine.installer.unlink(c, batch);
        engine.removedIds.add(c.id);
        if (c.startCallInFlight) {
            // Abandoned and still running: no service with this id starts until it has returned.
            engine.abandonedStarts.merge(c.id, 1, Integer::sum);
        }
        failAwaiters(c, new ServiceFailedException("Service '" + c.id + "' was removed", null), batch);
        CompletableFuture<@Nullable Void> removal = c.removal;
        if (removal != null) {
            batch.after(() -> removal.complete(null));
        }
    }

    // ---------------------------------------------------------------- awaiting and progress

    void addAwaiter(Controller c, CompletableFuture<@Nullable Object> future, Batch batch) {
        if (c.phase == Phase.RUNNING) {
            Object value = c.value;
            batch.after(() -> future.complete(value));
        } else if (c.gaveUp || c.phase == Phase.REMOVED) {
            Throwable cause = c.lastFailure != null ? c.lastFailure.cause() : null;
            batch.after(() -> future.completeExceptionally(new ServiceFailedException(
                    "Service '" + c.id + "' will not start: it " + (c.gaveUp ? "gave up" : "was removed"), cause)));
        } else {
            if (c.awaiters == null) {
                c.awaiters = new ArrayList<>(2);
            }
            c.awaiters.add(future);
        }
    }

    private void completeAwaiters(Controller c, @Nullable Object value, Batch batch) {
        List<CompletableFuture<@Nullable Object>> awaiters = c.awaiters;
        if (awaiters != null) {
            c.awaiters = null;
            batch.after(() -> awaiters.forEach(f -> f.complete(value)));
        }
    }

    void failAwaiters(Controller c, Throwable failure, Batch batch) {
        List<CompletableFuture<@Nullable Object>> awaiters = c.awaiters;
        if (awaiters != null) {
            c.awaiters = null;
            batch.after(() -> awaiters.forEach(f -> f.completeExceptionally(failure)));
        }
    }

    private void countInFlight(Controller c) {
        if (!c.countedInFlight) {
            c.countedInFlight = true;
            engine.inFlight++;
        }
    }

    private void uncountInFlight(Controller c) {
        if (c.countedInFlight) {
            c.countedInFlight = false;
            engine.inFlight--;
        }
    }

    /** Completes the settle waiters and the start-all future when their moment has come. */
    private void checkProgress(Batch batch) {
        if (engine.inFlight <= 1 && !engine.settleWaiters.isEmpty()) {
            List<CompletableFuture<@Nullable Void>> settled = new ArrayList<>();
            engine.settleWaiters.removeIf(w -> w.isSettled(engine.inFlight) && settled.add(w.future()));
            if (!settled.isEmpty()) {
                batch.after(() -> settled.forEach(f -> f.complete(null)));
            }
        }
        CompletableFuture<@Nullable Void> startAll = engine.startAllFuture;
        if (startAll == null || startAll.isDone() || !engine.recordingStartup) {
            return;
        }
        if (engine.runningCount == engine.services.size()) {
            finishStartAll(startAll, null, batch);
        } else if (engine.inFlight == 0 && engine.scheduledRestarts == 0) {
            finishStartAll(startAll, engine.reports.startupFailure(), batch);
        }
    }

    private void finishStartAll(CompletableFuture<@Nullable Void> startAll, @Nullable Throwable failure,
            Batch batch) {
        engine.recordingStartup = false;
        engine.startAllEnded = Engine.instant(batch.now(engine));
        if (failure == null) {
            batch.after(() -> startAll.complete(null));
        } else {
            batch.after(() -> startAll.completeExceptionally(failure));
        }
    }
}
