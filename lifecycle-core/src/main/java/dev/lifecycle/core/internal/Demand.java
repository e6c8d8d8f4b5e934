package dev.lifecycle.core.internal;

import dev.lifecycle.core.StartMode;
import dev.lifecycle.core.TransitionReason;

/**
 * Whether an {@link StartMode#ON_DEMAND on-demand} service is needed, and what to re-evaluate when that may change.
 * A service is needed while one of its dependents needs its requirements: the dependent is up (starting, running or
 * stopping) or down and meant to start (an active one, or an on-demand one that is needed itself). Demand flows from
 * the dependents down the graph, which has no cycle. A needed service that no dependent needs any more keeps
 * running for its idle delay, then stops. Under the registry's lock; a registry with no on-demand service never
 * pays for it.
 */
final class Demand {

    private final Engine engine;

    Demand(Engine engine) {
        this.engine = engine;
    }

    /** Whether some dependent of {@code c} needs it. */
    boolean needed(ServiceRecord c) {
        for (int i = 0; i < c.dependentCount; i++) {
            if (demands(c.dependent(i, engine.state.slots))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code d} needs its requirements: it is up, or down and meant to start. */
    private boolean demands(ServiceRecord d) {
        if (d.phase().active) {
            return true;
        }
        RegistryState state = engine.state;
        if (d.phase() == Phase.REMOVED || d.removing || d.operatorStopped || d.gaveUp || !state.started
                || state.shuttingDown) {
            return false;
        }
        return switch (d.settings.mode) {
            case ACTIVE -> true;
            case ON_DEMAND -> needed(d);
            case NEVER -> false;
        };
    }

    /** Whether {@code c} is on demand and no dependent needs it. */
    boolean notNeeded(ServiceRecord c) {
        return c.settings.mode == StartMode.ON_DEMAND && !needed(c);
    }

    /** Whether a running on-demand service must stop: no dependent needs it, and its idle delay is over. */
    boolean idleOver(ServiceRecord c) {
        return notNeeded(c) && (c.settings.idleDelayNanos == 0 || c.idleOver);
    }

    /**
     * {@code c} changed (its phase, or whether it may start): the on-demand services it requires may be needed now,
     * or not any more.
     */
    void demandChanged(ServiceRecord c, Change change) {
        if (!engine.state.hasOnDemand) {
            return;
        }
        for (int i = 0; i < c.requirementCount(); i++) {
            ServiceRecord r = c.requirement(i);
            if (r != null && r.settings.mode == StartMode.ON_DEMAND) {
                change.evaluate(r);
            }
        }
    }

    /**
     * For a running on-demand service that is not stopping: keeps its idle timer in step with its demand, armed while
     * no dependent needs it, cancelled when one does again.
     */
    void watchIdle(ServiceRecord c, Change change) {
        if (c.settings.mode != StartMode.ON_DEMAND || c.settings.idleDelayNanos == 0) {
            return;
        }
        if (needed(c)) {
            c.idleOver = false;
            if (c.idleTimer != null) {
                change.cancel(c.idleTimer);
                c.idleTimer = null;
            }
        } else if (c.idleTimer == null && !c.idleOver) {
            DeferredTimer timer = new DeferredTimer(engine.scheduler, change.now(engine) + c.settings.idleDelayNanos,
                    t -> engine.loop.lockedRun(next -> {
                        if (c.idleTimer == t) {
                            c.idleTimer = null;
                            c.idleOver = true;
                            next.evaluate(c);
                        }
                    }));
            c.idleTimer = timer;
            change.arm(timer);
        }
    }

    /** A service starts: it is not idle. */
    void started(ServiceRecord c, Change change) {
        c.idleOver = false;
        if (c.idleTimer != null) {
            change.cancel(c.idleTimer);
            c.idleTimer = null;
        }
    }

    /** Lands an on-demand service that no dependent needs in STOPPED, "not needed"; it starts when one does. */
    void landNotNeeded(ServiceRecord c, Change change) {
        c.startCause = StartCause.of(TransitionReason.DEMAND);
        engine.transitions.setPhase(c, Phase.STOPPED, TransitionReason.DEMAND, null, NOT_NEEDED, change);
    }

    /** The detail of the transition of an on-demand service that no dependent needs. */
    static final String NOT_NEEDED = "not needed";
}
