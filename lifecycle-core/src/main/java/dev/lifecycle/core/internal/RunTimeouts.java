package dev.lifecycle.core.internal;

import org.jspecify.annotations.Nullable;

/**
 * The start and stop timeouts of the services whose user code is in flight, kept without a timer per service: the
 * runs in flight are linked in a list, and one timer is armed at the earliest deadline. When it fires, every run past
 * its deadline times out and the timer is armed again at the earliest remaining one. Adding a run whose deadline is
 * not earlier than the armed one (the usual case: equal timeouts) costs a few pointer writes. The timer itself is
 * armed and cancelled after the lock is released (see {@link DeferredTimer}).
 *
 * <p>Guarded by the registry's lock.
 */
final class RunTimeouts {

    /** The deadline of a run that is not watched. */
    static final long NOT_WATCHED = 0;

    private final Engine engine;
    private @Nullable ServiceRun head;
    private @Nullable DeferredTimer armed;

    RunTimeouts(Engine engine) {
        this.engine = engine;
    }

    /** Watches {@code c}, a run in flight that must end by {@code deadline} (clock nanos). */
    void add(ServiceRun c, long deadline, Change change) {
        assert engine.loop.lock.isHeldByCurrentThread();
        if (c.deadline != NOT_WATCHED) {
            remove(c, change);
        }
        c.deadline = deadline;
        c.nextDeadline = head;
        c.previousDeadline = null;
        if (head != null) {
            head.previousDeadline = c;
        }
        head = c;
        if (armed == null || deadline < armed.dueAt) {
            arm(deadline, change);
        }
    }

    /** Stops watching {@code c}; the timer is cancelled once no run is watched. */
    void remove(ServiceRun c, Change change) {
        assert engine.loop.lock.isHeldByCurrentThread();
        if (c.deadline == NOT_WATCHED) {
            return;
        }
        ServiceRun previous = c.previousDeadline;
        ServiceRun next = c.nextDeadline;
        if (previous == null) {
            head = next;
        } else {
            previous.nextDeadline = next;
        }
        if (next != null) {
            next.previousDeadline = previous;
        }
        c.previousDeadline = null;
        c.nextDeadline = null;
        c.deadline = NOT_WATCHED;
        if (head == null && armed != null) {
            change.cancel(armed);
            armed = null;
        }
    }

    private void arm(long at, Change change) {
        if (armed != null) {
            change.cancel(armed);
        }
        armed = new DeferredTimer(engine.scheduler, at, timer -> engine.loop.lockedRun(b -> fire(timer, b)));
        change.arm(armed);
    }

    private void fire(DeferredTimer timer, Change change) {
        if (armed != timer) {
            return;
        }
        armed = null;
        long now = change.now(engine);
        long earliest = Long.MAX_VALUE;
        ServiceRun c = head;
        while (c != null) {
            ServiceRun next = c.nextDeadline;
            if (c.deadline <= now) {
                remove(c, change);
                engine.starts.timedOut(c, change);
            } else {
                earliest = Math.min(earliest, c.deadline);
            }
            c = next;
        }
        if (earliest != Long.MAX_VALUE && head != null) {
            arm(earliest, change);
        }
    }
}
