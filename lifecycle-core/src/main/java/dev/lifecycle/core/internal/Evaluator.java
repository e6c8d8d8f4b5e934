package dev.lifecycle.core.internal;

import dev.lifecycle.core.StartMode;
import dev.lifecycle.core.TransitionReason;

/**
 * Decides each service's next step. The whole logic is one idempotent function, {@link #evaluate}, that looks at a
 * service's phase and at what it should be doing (run or stop, derived from its flags and its requirements) and
 * takes the next step; {@link #settle} re-evaluates the services a change concerns until nothing moves. Under the
 * registry's lock.
 */
final class Evaluator {

    private final Engine engine;

    Evaluator(Engine engine) {
        this.engine = engine;
    }

    /** Re-evaluates until nothing changes any more, then checks what the change completes. */
    void settle(Change change) {
        assert engine.loop.lock.isHeldByCurrentThread();
        ServiceRecord c;
        while ((c = change.nextToEvaluate()) != null) {
            evaluate(c, change);
        }
        engine.progress.checkProgress(change);
    }

    /** Takes the next step for {@code c}, if it has one; the services this concerns are queued in {@code change}. */
    void evaluate(ServiceRecord c, Change change) {
        switch (c.phase()) {
            case INSTALLED, WAITING, STOPPED, FAILED -> evaluateDown(c, change);
            case RUNNING -> {
                if (mustStop(c)) {
                    engine.cascade.beginStop(c, change);
                } else {
                    engine.demand.watchIdle(c, change);
                }
            }
            case STOPPING_DEPENDENTS -> {
                if (c.activeDependents == 0) {
                    engine.stops.dispatchStop(c, change);
                }
            }
            case STARTING, STOPPING, REMOVED -> {
            }
        }
    }

    /** Whether a service that is up must go down. */
    boolean mustStop(ServiceRecord c) {
        return c.removing || c.operatorStopped || engine.state.shuttingDown || c.pendingFailure != null
                || c.restart != null || !engine.state.slots.requirementsRunning(c)
                || c.settings.mode != StartMode.ACTIVE && mustRest(c)
                || c.settings.leaderGroup != null && engine.leadership.onStandby(c);
    }

    /** Whether a service that is not active must be down: it is disabled, or on demand and idle. */
    private boolean mustRest(ServiceRecord c) {
        return c.settings.mode == StartMode.NEVER || engine.demand.idleOver(c);
    }

    /** The detail of the transition of a service that is to start and waits for its abandoned start to return. */
    static final String HELD_BACK = "waiting for its abandoned start to return";

    /** The detail of the transition of a disabled service. */
    static final String DISABLED = "disabled (mode NEVER)";

    void evaluateDown(ServiceRecord c, Change change) {
        if (c.removing) {
            engine.requests.finishRemoval(c, change);
            return;
        }
        if (c.operatorStopped || engine.state.shuttingDown) {
            boolean keepFailed = engine.state.shuttingDown && c.phase() == Phase.FAILED;
            if (c.phase() != Phase.STOPPED && !keepFailed && (engine.state.started || c.operatorStopped)) {
                engine.stops.landStopped(c, change);
            }
            return;
        }
        if (!engine.state.started) {
            return;
        }
        if (c.settings.mode == StartMode.NEVER) {
            if (c.phase() != Phase.STOPPED) {
                engine.transitions.setPhase(c, Phase.STOPPED, TransitionReason.DISABLED, null, DISABLED, change);
            }
            return;
        }
        if (c.settings.leaderGroup != null && engine.leadership.onStandby(c)) {
            // Down by design: this instance does not lead the group (a restart it had scheduled is cancelled).
            if (c.phase() != Phase.STOPPED) {
                engine.leadership.landStandby(c, change);
            }
            return;
        }
        if (c.phase() == Phase.FAILED && (c.restartScheduled() || c.gaveUp)) {
            return;
        }
        if (engine.demand.notNeeded(c)) {
            if (c.phase() != Phase.STOPPED) {
                engine.demand.landNotNeeded(c, change);
            }
            return;
        }
        if (c.startCallInFlight) {
            // Its start of an abandoned cycle has not returned yet: it waits for it, and says so.
            if (c.phase() != Phase.WAITING) {
                engine.transitions.setPhase(c, Phase.WAITING, c.startCause.reason(), null, HELD_BACK, change);
            }
            return;
        }
        if (!engine.state.abandonedStarts.isEmpty() && engine.state.abandonedStarts.containsKey(c.id)) {
            if (c.phase() != Phase.WAITING) {
                engine.transitions.setPhase(c, Phase.WAITING, c.startCause.reason(), null,
                        "waiting for the abandoned start of the service removed before it to return", change);
            }
            return;
        }
        if (!engine.state.slots.requirementsRunning(c) || wantsPending(c)) {
            if (c.phase() != Phase.WAITING) {
                engine.transitions.setPhase(c, Phase.WAITING, c.startCause.reason(), null, c.startCause.detail(),
                        change);
            }
            return;
        }
        engine.starts.beginStart(c, change);
    }

    /** Whether a wanted service is going to start, so that this one waits for it. */
    boolean wantsPending(ServiceRecord c) {
        for (String id : c.wants) {
            ServiceRecord w = engine.state.services.get(id);
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
    boolean goingToStart(ServiceRecord w) {
        if (w.phase() == Phase.STARTING) {
            return true;
        }
        if ((w.phase() != Phase.INSTALLED && w.phase() != Phase.WAITING) || w.operatorStopped || w.removing
                || w.settings.mode == StartMode.NEVER || engine.demand.notNeeded(w)
                || w.startCallInFlight || w.settings.leaderGroup != null && engine.leadership.onStandby(w)) {
            return false;
        }
        for (int i = 0; i < w.requirementCount(); i++) {
            ServiceRecord r = w.requirement(i);
            if (r == null || (r.phase() != Phase.RUNNING && !goingToStart(r))) {
                return false;
            }
        }
        return true;
    }
}
