package dev.lifecycle.test;

import dev.lifecycle.core.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A clock and a scheduler driven by hand: time stands still until {@link #advance} moves it, which runs the tasks
 * that fall due on the way (restarts after their back-off, start and stop timeouts, health checks), in the order of
 * their due time, on the calling thread, each at its due time. Give it to a registry as both its clock and its
 * scheduler ({@link TestLifecycle} does).
 *
 * <p>Thread-safe: tasks may be scheduled from any thread; {@link #advance} runs them on the thread that calls it.
 *
 * @since 0.1
 */
public final class ManualTime extends Clock implements Scheduler {

    /** Where time starts unless told otherwise. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    private final PriorityQueue<Timer> timers = new PriorityQueue<>(
            Comparator.comparing((Timer t) -> t.due).thenComparingLong(t -> t.sequence));
    private Instant now;
    private long sequence;

    /** Manual time starting at {@link #DEFAULT_START}. */
    public ManualTime() {
        this(DEFAULT_START);
    }

    /**
     * Manual time starting at {@code start}.
     *
     * @param start the time it shows until advanced
     */
    public ManualTime(Instant start) {
        this.now = Objects.requireNonNull(start, "ManualTime(start): start must not be null");
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, Duration delay) {
        Objects.requireNonNull(task, "ManualTime.schedule(task, delay): task must not be null");
        Objects.requireNonNull(delay, "ManualTime.schedule(task, delay): delay must not be null");
        Timer timer = new Timer(now.plus(delay.isNegative() ? Duration.ZERO : delay), sequence++, task);
        timers.add(timer);
        return () -> {
            synchronized (ManualTime.this) {
                timers.remove(timer);
            }
        };
    }

    /**
     * Moves time forward by {@code by}, running every task that falls due on the way, at its due time, in order; a
     * task scheduled by one of them runs too if it falls due before the end.
     *
     * @param by how far to move, not negative
     * @throws IllegalArgumentException if {@code by} is negative
     */
    public void advance(Duration by) {
        Objects.requireNonNull(by, "ManualTime.advance(by): by must not be null");
        if (by.isNegative()) {
            throw new IllegalArgumentException("ManualTime.advance(by): time only moves forward, was " + by);
        }
        Instant target;
        synchronized (this) {
            target = now.plus(by);
        }
        while (true) {
            Timer next;
            synchronized (this) {
                next = timers.peek();
                if (next == null || next.due.isAfter(target)) {
                    now = target;
                    return;
                }
                timers.poll();
                if (next.due.isAfter(now)) {
                    now = next.due;
                }
            }
            next.task.run();
        }
    }

    /**
     * Moves time to the next task's due time and runs the tasks due then.
     *
     * @return whether there was a task to run
     */
    public boolean advanceToNextTimer() {
        Instant due;
        synchronized (this) {
            Timer next = timers.peek();
            if (next == null) {
                return false;
            }
            due = next.due;
        }
        advance(Duration.between(instant(), due));
        return true;
    }

    /** Runs the tasks that are due now, without moving time. */
    public void runDueTimers() {
        advance(Duration.ZERO);
    }

    /**
     * The due times of the pending tasks, soonest first.
     *
     * @return the due times, soonest first; empty when nothing is scheduled
     */
    public synchronized List<Instant> pendingTimers() {
        List<Timer> sorted = new ArrayList<>(timers);
        sorted.sort(timers.comparator());
        return sorted.stream().map(t -> t.due).toList();
    }

    @Override
    public synchronized String toString() {
        return "ManualTime[" + now + ", " + timers.size() + " pending]";
    }

    private record Timer(Instant due, long sequence, Runnable task) {
    }
}
