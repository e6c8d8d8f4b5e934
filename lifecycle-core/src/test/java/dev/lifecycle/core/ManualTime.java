package dev.lifecycle.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A clock and a scheduler driven by hand: time stands still until {@link #advance} moves it, which runs the tasks
 * that fall due, in order of their due time, on the calling thread.
 */
final class ManualTime extends Clock implements Scheduler {

    private final PriorityQueue<Timer> timers = new PriorityQueue<>(
            Comparator.comparing((Timer t) -> t.due).thenComparingLong(t -> t.sequence));
    private Instant now;
    private long sequence;

    ManualTime() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    ManualTime(Instant start) {
        this.now = start;
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
        Timer timer = new Timer(now.plus(delay), sequence++, task);
        timers.add(timer);
        return () -> {
            synchronized (ManualTime.this) {
                timers.remove(timer);
            }
        };
    }

    /** Moves time forward, running every task that falls due on the way, at its due time. */
    void advance(Duration by) {
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

    /** The due times of the pending tasks, soonest first. */
    synchronized List<Instant> pending() {
        List<Timer> sorted = new ArrayList<>(timers);
        sorted.sort(timers.comparator());
        return sorted.stream().map(t -> t.due).toList();
    }

    private record Timer(Instant due, long sequence, Runnable task) {
    }
}
