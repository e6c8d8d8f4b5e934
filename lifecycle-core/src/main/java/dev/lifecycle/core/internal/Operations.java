package dev.lifecycle.core.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * When the future of an operation on named services completes: once the services it concerns have settled, and never
 * later because of a service it does not concern. Under the registry's lock.
 *
 * <p>An operation concerns the services it names, and, as its cascade reaches them:
 * <ul>
 *   <li>the running dependents that the stop of a concerned service takes down ({@link #cascade}), and the dependents
 *       whose start it cancels when it leaves RUNNING;</li>
 *   <li>the dependents that start because a concerned service became RUNNING and was the last of their requirements
 *       not RUNNING (those stopped by the cascade, those that were waiting, one installed meanwhile);</li>
 *   <li>while a service it names waits to start, its requirements that are starting or stopping, and the waiting ones
 *       between (but not their other dependents): an operation on a service waits for what that service waits for.</li>
 * </ul>
 * A service has settled when none of its code that the engine waits for is in flight: it is not STARTING or STOPPING.
 * Each waiter counts its concerned services in motion; {@link Transitions#setPhase} tells this class of every change
 * of phase of a concerned service, and a waiter whose count falls to zero is checked at the end of the change. The
 * hot paths pay one test of {@link #active()} per change of phase and per cascade: nothing is done for a service no
 * operation concerns, and nothing at all while no operation is under way.
 */
final class Operations {

    private final Engine engine;
    /** The operations under way that concern each service; empty while none is under way. */
    private final Map<ServiceRecord, List<OperationWaiter>> byService = new IdentityHashMap<>();
    /** Waiters to check at the end of the change: new, or one of their services has just settled. */
    private final List<OperationWaiter> toCheck = new ArrayList<>();
    /** Waiters asked for from a service's own code, checked at the end of every change (see {@link #check}). */
    private final List<OperationWaiter> fromServiceCode = new ArrayList<>(0);

    Operations(Engine engine) {
        this.engine = engine;
    }

    /** Whether an operation is under way: only then does a change of phase concern this class. */
    boolean active() {
        return !byService.isEmpty();
    }

    /** Whether a service in {@code phase} is starting or stopping: not settled. */
    static boolean inMotion(Phase phase) {
        return phase == Phase.STARTING || phase == Phase.STOPPING_DEPENDENTS || phase == Phase.STOPPING;
    }

    /**
     * A future completing once the services an operation on {@code targets} concerns have settled. Call under the
     * lock, before the operation's request is applied, so that the waiter sees every change it causes.
     */
    CompletableFuture<@Nullable Void> begin(List<ServiceRecord> targets) {
        assert engine.loop.lock.isHeldByCurrentThread();
        OperationWaiter waiter = new OperationWaiter(targets, UserCode.runningOnThisThread());
        for (ServiceRecord target : targets) {
            concern(waiter, target, true);
        }
        if (waiter.caller != null) {
            fromServiceCode.add(waiter);
        }
        queue(waiter);
        return waiter.future;
    }

    /**
     * The waiters through which {@code c} concerns its dependents, or {@code null}: those it concerns through the
     * cascade (not only because a target waits for it).
     */
    @Nullable List<OperationWaiter> propagating(ServiceRecord c) {
        List<OperationWaiter> all = byService.get(c);
        if (all == null) {
            return null;
        }
        List<OperationWaiter> through = null;
        for (int i = 0; i < all.size(); i++) {
            OperationWaiter waiter = all.get(i);
            if (waiter.onlyRequired(c)) {
                if (through == null) {
                    through = new ArrayList<>(all.subList(0, i));
                }
            } else if (through != null) {
                through.add(waiter);
            }
        }
        List<OperationWaiter> result = through == null ? all : through;
        return result.isEmpty() ? null : result;
    }

    /** {@code d} is reached by the cascade of the operations of {@code waiters} (see {@link #propagating}). */
    void concern(List<OperationWaiter> waiters, ServiceRecord d) {
        for (int i = 0; i < waiters.size(); i++) {
            concern(waiters.get(i), d, true);
        }
    }

    /** The stop of {@code c} takes {@code order} down (its running dependents, and it): they concern its operations. */
    void cascade(ServiceRecord c, List<ServiceRecord> order) {
        List<OperationWaiter> waiters = propagating(c);
        if (waiters == null) {
            return;
        }
        for (int i = 0; i < order.size(); i++) {
            concern(waiters, order.get(i));
        }
    }

    private void concern(OperationWaiter waiter, ServiceRecord c, boolean cascaded) {
        if (c == waiter.caller || waiter.done) {
            return;
        }
        List<OperationWaiter> waiters = byService.computeIfAbsent(c, k -> new ArrayList<>(2));
        if (waiters.contains(waiter)) {
            if (cascaded) {
                waiter.markCascaded(c);
            }
            return;
        }
        waiters.add(waiter);
        waiter.concerned.add(c);
        if (!cascaded) {
            waiter.markRequired(c);
        }
        if (inMotion(c.phase())) {
            waiter.inMotion++;
        }
    }

    /** {@code c} went from {@code from} to {@code to}: the operations it concerns count it in motion or settled. */
    void phaseChanged(ServiceRecord c, Phase from, Phase to) {
        boolean was = inMotion(from);
        if (was == inMotion(to)) {
            return;
        }
        List<OperationWaiter> waiters = byService.get(c);
        if (waiters == null) {
            return;
        }
        for (int i = 0; i < waiters.size(); i++) {
            OperationWaiter waiter = waiters.get(i);
            if (!was) {
                waiter.inMotion++;
            } else if (--waiter.inMotion == 0) {
                queue(waiter);
            }
        }
    }

    private void queue(OperationWaiter waiter) {
        if (!waiter.queued) {
            waiter.queued = true;
            toCheck.add(waiter);
        }
    }

    /**
     * At the end of a change, once it has settled: completes the waiters whose services have all settled. One whose
     * target waits to start first concerns what it waits for, and completes only if none of that is in motion.
     */
    void check(Change change) {
        if (!toCheck.isEmpty()) {
            for (int i = 0; i < toCheck.size(); i++) {
                OperationWaiter waiter = toCheck.get(i);
                waiter.queued = false;
                if (waiter.done || waiter.inMotion > 0) {
                    continue;
                }
                for (ServiceRecord target : waiter.targets) {
                    awaitRequirements(waiter, target);
                }
                if (waiter.inMotion == 0) {
                    complete(waiter, change);
                }
            }
            toCheck.clear();
        }
        for (int i = fromServiceCode.size() - 1; i >= 0; i--) {
            OperationWaiter waiter = fromServiceCode.get(i);
            if (!waiter.done && settledButForCaller(waiter)) {
                complete(waiter, change);
            }
        }
    }

    /**
     * If {@code target} waits to start, concerns its requirements that are not RUNNING, through the waiting ones: the
     * operation waits for those that are starting or stopping.
     */
    private void awaitRequirements(OperationWaiter waiter, ServiceRecord target) {
        if (!waitsToStart(target)) {
            return;
        }
        int mark = engine.state.nextMark();
        ArrayDeque<ServiceRecord> toVisit = new ArrayDeque<>();
        target.mark = mark;
        toVisit.push(target);
        while (!toVisit.isEmpty()) {
            ServiceRecord x = toVisit.pop();
            for (int i = 0; i < x.requirementCount(); i++) {
                ServiceRecord r = x.requirement(i);
                if (r == null || r.phase() == Phase.RUNNING || r.mark == mark) {
                    continue;
                }
                r.mark = mark;
                concern(waiter, r, false);
                if (waitsToStart(r)) {
                    toVisit.push(r);
                }
            }
        }
    }

    /** Whether {@code c} is down, meant to start, and waits for its requirements. */
    private boolean waitsToStart(ServiceRecord c) {
        RegistryState state = engine.state;
        return (c.phase() == Phase.WAITING || c.phase() == Phase.INSTALLED) && state.started && !state.shuttingDown
                && !c.operatorStopped && !c.removing && !c.startCallInFlight
                && c.settings.mode != dev.lifecycle.core.StartMode.NEVER;
    }

    /**
     * For an operation asked for from a service's own code: whether every service it concerns has settled, or waits
     * only for that code (a service stopping whose dependents still up are, in the end, only the caller).
     */
    private boolean settledButForCaller(OperationWaiter waiter) {
        for (int i = 0; i < waiter.concerned.size(); i++) {
            if (!settledButFor(waiter.concerned.get(i), waiter.caller)) {
                return false;
            }
        }
        return true;
    }

    private boolean settledButFor(ServiceRecord c, @Nullable ServiceRecord caller) {
        if (c == caller || !inMotion(c.phase())) {
            return true;
        }
        if (c.phase() != Phase.STOPPING_DEPENDENTS) {
            return false;
        }
        ServiceSlots slots = engine.state.slots;
        for (int i = 0; i < c.dependentCount; i++) {
            ServiceRecord d = c.dependent(i, slots);
            if (d.phase().active && !settledButFor(d, caller)) {
                return false;
            }
        }
        return true;
    }

    private void complete(OperationWaiter waiter, Change change) {
        assert waiter.concerned.stream().allMatch(c -> settledButFor(c, waiter.caller))
                : "an operation completes while a service it concerns is in motion: " + waiter;
        waiter.done = true;
        for (int i = 0; i < waiter.concerned.size(); i++) {
            ServiceRecord c = waiter.concerned.get(i);
            List<OperationWaiter> waiters = byService.get(c);
            if (waiters != null) {
                waiters.remove(waiter);
                if (waiters.isEmpty()) {
                    byService.remove(c);
                }
            }
        }
        if (waiter.caller != null) {
            fromServiceCode.remove(waiter);
        }
        CompletableFuture<@Nullable Void> future = waiter.future;
        change.after(() -> future.complete(null));
    }
}
