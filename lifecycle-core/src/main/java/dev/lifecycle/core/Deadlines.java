package dev.lifecycle.core;

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
final class Deadlines {

    private final Engine engine;
    private @Nullable TaskRun head;
    private @Nullable DeferredTimer armed;

    Deadlines(Engine engine) {
        this.engine = engine;
    }

    /** Watches {@code c}, a run in flight that must end by {@code deadline} (clock nanos). */
    void add(TaskRun c, long deadline, Batch batch) {
        assert engine.lock.isHeldByCurrentThread();
        if (c.deadline != 0) {
            remove(c, batch);
        }
        c.deadline = deadline;
        c.nextDeadline = head;
        c.previousDeadline = null;
        if (head != null) {
            head.previousDeadline = c;
        }
        head = c;
        if (armed == null || deadline < armed.dueAt) {
            arm(deadline, batch);
        }
    }

    /** Stops watching {@code c}; the timer is cancelled once no run is watched. */
    void remove(TaskRun c, Batch batch) {
        assert engine.lock.isHeldByCurrentThread();
        if (c.deadline == 0) {
            return;
        }
        TaskRun previous = c.previousDeadline;
        TaskRun next = c.nextDeadline;
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
        c.deadline = 0;
        if (head == null && armed != null) {
            batch.cancel(armed);
            armed = null;
        }
    }

    private void arm(long at, Batch batch) {
        if (armed != null) {
            batch.cancel(armed);
        }
        armed = new DeferredTimer(engine.scheduler, at, timer -> engine.lockedRun(b -> fire(timer, b)));
        batch.arm(armed);
    }

    private void fire(DeferredTimer timer, Batch batch) {
        if (armed != timer) {
            return;
        }
        armed = null;
        long now = batch.now(engine);
        long earliest = Long.MAX_VALUE;
        TaskRun c = head;
        while (c != null) {
            TaskRun next = c.nextDeadline;
            if (c.deadline <= now) {
                remove(c, batch);
                engine.machine.timedOut(c, batch);
            } else {
                earliest = Math.min(earliest, c.deadline);
            }
            c = next;
        }
        if (earliest != Long.MAX_VALUE && head != null) {
            arm(earliest, batch);
        }
    }
}
