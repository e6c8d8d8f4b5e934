package dev.lifecycle.core;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The start and stop timeouts of the services whose user code is in flight, kept without a timer per service: the
 * runs in flight are linked in a list, and one timer is armed at the earliest deadline. When it fires, every run past
 * its deadline times out and the timer is armed again at the earliest remaining one. Adding a run whose deadline is
 * not earlier than the armed one (the usual case: equal timeouts) costs a few pointer writes.
 *
 * <p>Guarded by the registry's lock.
 */
final class Deadlines {

    private final Engine engine;
    private @Nullable TaskRun head;
    private Scheduler.@Nullable Cancellable armed;
    private long armedAt;

    Deadlines(Engine engine) {
        this.engine = engine;
    }

    /** Watches {@code c}, a run in flight that must end by {@code deadline} (clock nanos). */
    void add(TaskRun c, long deadline) {
        assert engine.lock.isHeldByCurrentThread();
        if (c.deadline != 0) {
            remove(c);
        }
        c.deadline = deadline;
        c.nextDeadline = head;
        c.previousDeadline = null;
        if (head != null) {
            head.previousDeadline = c;
        }
        head = c;
        if (armed == null || deadline < armedAt) {
            arm(deadline);
        }
    }

    /** Stops watching {@code c}; the timer is cancelled once no run is watched. */
    void remove(TaskRun c) {
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
            armed.cancel();
            armed = null;
        }
    }

    private void arm(long at) {
        if (armed != null) {
            armed.cancel();
        }
        armedAt = at;
        long delay = Math.max(0, at - engine.nowNanos());
        Scheduler.Cancellable[] self = new Scheduler.Cancellable[1];
        self[0] = engine.scheduler.schedule(() -> engine.lockedRun(batch -> fire(self[0], batch)),
                Duration.ofNanos(delay));
        armed = self[0];
    }

    private void fire(Scheduler.@Nullable Cancellable timer, Batch batch) {
        if (armed != timer) {
            return;
        }
        armed = null;
        long now = engine.nowNanos();
        long earliest = Long.MAX_VALUE;
        TaskRun c = head;
        while (c != null) {
            TaskRun next = c.nextDeadline;
            if (c.deadline <= now) {
                remove(c);
                engine.machine.timedOut(c, batch);
            } else {
                earliest = Math.min(earliest, c.deadline);
            }
            c = next;
        }
        if (earliest != Long.MAX_VALUE && head != null) {
            arm(earliest);
        }
    }
}
