package dev.lifecycle.core.internal;

import dev.lifecycle.core.TransitionReason;
import java.util.ArrayList;
import java.util.List;

/**
 * The cascade's order: a service that must stop takes its RUNNING transitive dependents down first, dependents before
 * their requirements, so that no service is ever RUNNING while a requirement is not. The depth-first walk reuses its
 * arrays: a stop allocates nothing. Under the registry's lock.
 */
final class Cascade {

    private final Engine engine;
    /** Scratch space of {@link #runningDependentsPostOrder}, reused under the lock: a stop allocates nothing. */
    private final List<ServiceRecord> postOrder = new ArrayList<>();
    /** The depth-first traversal's path and, for each service on it, the next dependent to visit. */
    private ServiceRecord[] traversal = new ServiceRecord[16];
    private int[] traversalNext = new int[16];

    Cascade(Engine engine) {
        this.engine = engine;
    }

    /**
     * Stops a service that is up: its transitive dependents first (each stops once its own dependents have), then
     * it. Dependents are moved to STOPPING before it, so no service is ever RUNNING while a requirement is not.
     */
    void beginStop(ServiceRecord c, Change change) {
        List<ServiceRecord> order = runningDependentsPostOrder(c);
        if (engine.operations.active()) {
            engine.operations.cascade(c, order);
        }
        // At shutdown everything stops: naming one service as the reason would mislead.
        String detail = order.size() == 1 || engine.state.shuttingDown ? null : "'" + c.id + "' is stopping";
        Throwable rootCause = c.pendingFailure;
        for (int i = 0; i < order.size(); i++) {
            ServiceRecord d = order.get(i);
            if (d == c) {
                engine.stops.beginStopping(c, change);
            } else {
                engine.transitions.setPhase(d, Phase.STOPPING_DEPENDENTS,
                        engine.state.shuttingDown ? TransitionReason.SHUTDOWN : TransitionReason.DEPENDENCY, rootCause,
                        detail, change);
            }
            change.evaluate(d);
        }
        order.clear();
    }

    /**
     * The RUNNING transitive dependents of {@code c}, dependents before their requirements, then {@code c}. The list
     * is reused by the next call: the caller clears it once done.
     */
    List<ServiceRecord> runningDependentsPostOrder(ServiceRecord c) {
        List<ServiceRecord> order = postOrder;
        if (!hasRunningDependent(c, engine.state.slots)) {
            order.add(c);
            return order;
        }
        int mark = engine.state.nextMark();
        ServiceSlots slots = engine.state.slots;
        ServiceRecord[] stack = traversal;
        int[] next = traversalNext;
        int top = 0;
        stack[0] = c;
        next[0] = 0;
        c.mark = mark;
        while (top >= 0) {
            ServiceRecord x = stack[top];
            int i = next[top];
            if (i < x.dependentCount) {
                next[top] = i + 1;
                int slot = x.dependents[i];
                if (slots.phase(slot) != Phase.RUNNING) {
                    continue;
                }
                ServiceRecord d = slots.record(slot);
                if (d.mark != mark) {
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

    /** Whether a dependent of {@code c} is RUNNING: read from the slots, without the dependents' records. */
    static boolean hasRunningDependent(ServiceRecord c, ServiceSlots slots) {
        for (int i = 0; i < c.dependentCount; i++) {
            if (slots.phase(c.dependents[i]) == Phase.RUNNING) {
                return true;
            }
        }
        return false;
    }
}
