package dev.lifecycle.core.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Runs user-code tasks (setup and start, stop and join, health checks) on the executor without a hand-off per task.
 *
 * <p>Ready tasks wait in one lock-free queue. Up to {@code parallelism} worker loops run on the executor, each taking
 * the next task when it finishes one; a task whose outcome makes others ready leaves one of them for its own worker
 * instead of starting another, so a chain of services runs on one worker without a hand-off. WorkerPool never wait for
 * the registry's lock: they report outcomes through {@link ChangeLoop#report}.
 *
 * <p>Blocking user code must not stall the others. When tasks are queued and no worker has taken one for
 * {@link #STALL_NANOS}, every worker is taken to be blocked in user code and more workers are started, one per queued
 * task, at most {@code parallelism} at the first stall and twice as many at each stall that follows within
 * {@link #STALL_EPISODE_NANOS}, up to {@link #MAX_EXTRA_PER_STALL} (the JVM's {@link BlockingWatchdog} checks while
 * tasks are queued). Workers that are only preempted (a busy machine) look blocked too; growing the step keeps a
 * stall that is not one from starting hundreds of workers, while blocking code reaches the full step within a few
 * checks.
 * And once the registry's user code typically takes longer than that (a moving average of the durations of starts
 * and stops), queued tasks get a worker each at once, up to {@link #MAX_EXTRA_PER_STALL}, instead of waiting for the
 * watchdog: services that block start side by side. Extra workers end when the queue is empty.
 */
final class WorkerPool {

    /** How long the queue may make no progress before the workers are taken to be blocked. */
    static final long STALL_NANOS = 100_000;
    /**
     * How long a worker that finds the queue empty waits for a task while other code of the registry runs (a change,
     * or other services' starts and stops, whose outcomes usually make tasks ready), rather than end and be started
     * again a moment later.
     */
    static final long LINGER_NANOS = 50_000;
    /** At most this many workers are added per stall; more follow at the next check if the queue still stalls. */
    static final int MAX_EXTRA_PER_STALL = 256;
    /**
     * How long after a stall the next one counts as the same episode, doubling the workers added; after that, or once
     * the queue is empty, a stall adds {@code parallelism} again.
     */
    static final long STALL_EPISODE_NANOS = 10 * STALL_NANOS;
    /** How many tasks of a registry are all timed before one in eight is (see {@link #timeTask()}). */
    static final int TIMED_FIRST = 64;
    private static final ThreadLocal<@Nullable Worker> CURRENT = new ThreadLocal<>();
    /** The queue whose worker the calling thread is handing to the executor, while it does. */
    private static final ThreadLocal<@Nullable WorkerPool> LAUNCHING = new ThreadLocal<>();

    private final Engine engine;
    private final Executor executor;
    private final int parallelism;

    private final ReadyQueue ready = new ReadyQueue();
    /** How many tasks are in {@link #ready} (the queue's own size is not constant-time). */
    private final AtomicInteger queued = new AtomicInteger();
    /** Worker loops started and not ended. */
    private final AtomicInteger workers = new AtomicInteger();
    /**
     * How many tasks workers have taken: a hint for the {@link BlockingWatchdog}, counted without a fence (a lost count still
     * changes the value, and a change is all the watchdog looks for).
     */
    private final AtomicInteger progress = new AtomicInteger();
    /** The count of {@link #progress} the watchdog last saw, and when it saw it change. Watchdog thread only. */
    private int progressSeen;
    private long progressSeenAt = System.nanoTime();
    /** How many workers the next stall adds, and when the last one was seen. Watchdog thread only. */
    private int stallStep;
    private long lastStallAt;
    /** The typical duration of a start or a stop, in nanos: a moving average, updated without synchronisation. */
    private volatile long typicalTaskNanos;
    /** Whether the {@link BlockingWatchdog} watches this queue. */
    private volatile boolean watching;
    private volatile boolean closed;
    /**
     * Whether the executor ran a worker on the thread that handed it over ({@code Runnable::run}, a caller-runs
     * policy): then the watchdog does not add workers, which would run the registry's tasks on its own thread, the
     * one that watches every registry of the JVM.
     */
    private volatile boolean callerRuns;

    WorkerPool(Engine engine, Executor executor) {
        this.engine = engine;
        this.executor = executor;
        this.parallelism = Math.max(2, Runtime.getRuntime().availableProcessors());
        this.stallStep = parallelism;
    }

    /**
     * Queues a change's tasks; called at the end of the change.
     *
     * @return how many workers to start once the lock is released
     */
    int enqueue(Change change) {
        int added = change.taskCount();
        Task first = change.firstTask();
        Task last = change.lastTask();
        if (added == 0 || first == null || last == null) {
            return 0;
        }
        ready.add(first, last);
        int waiting = queued.addAndGet(added);
        // A worker reporting its task's outcome polls the queue next: leave one task for it instead of starting a
        // worker. The task stays queued rather than handed to it, because the worker may yet run code that waits
        // for that very task (a start that installs a service and awaits it, a listener, a future's callback);
        // then the watchdog sees the queue stall and starts a worker for it.
        Worker current = CURRENT.get();
        int forSelf = 0;
        if (current != null && current.workers == this && !current.willPoll) {
            current.willPoll = true;
            forSelf = 1;
        }
        int wanted = Math.min(waiting, added) - forSelf;
        int limit = typicalTaskNanos >= STALL_NANOS ? MAX_EXTRA_PER_STALL : parallelism;
        while (wanted > 0) {
            int running = workers.get();
            int start = Math.min(wanted, limit - running);
            if (start <= 0) {
                return 0;
            }
            if (workers.compareAndSet(running, running + start)) {
                return start;
            }
        }
        return 0;
    }

    /** Starts workers counted by {@link #enqueue}, and wakes the watchdog if tasks wait; called without the lock. */
    void start(int count) {
        for (int i = 0; i < count; i++) {
            launch();
        }
        if (queued.get() > 0 && !watching && !closed && !callerRuns) {
            watching = true;
            BlockingWatchdog.watch(this);
        }
    }

    /**
     * Whether to time the task about to run for {@link #observe}: the first {@link #TIMED_FIRST} tasks, then one in
     * eight, which is enough for a moving average and saves two clock reads on the others. Counted by
     * {@link #progress}, which already counts the task that asks.
     */
    boolean timeTask() {
        int n = progress.getPlain();
        return n <= TIMED_FIRST || (n & 7) == 0;
    }

    /**
     * Records how long a start (setup and start) or a stop (stop and join) took. A duration counts as at most twice
     * {@link #STALL_NANOS}: one task that took long (its thread preempted on a busy machine, a collection) moves the
     * average by at most a quarter of the threshold, so that it takes several in a row, as blocking user code makes,
     * before queued tasks each get a worker.
     */
    void observe(long nanos) {
        long typical = typicalTaskNanos;
        typicalTaskNanos = typical + ((Math.min(nanos, 2 * STALL_NANOS) - typical) >> 3);
    }

    private void launch() {
        WorkerPool outer = LAUNCHING.get();
        LAUNCHING.set(this);
        boolean rejected = false;
        try {
            executor.execute(this::work);
        } catch (RejectedExecutionException ex) {
            Engine.log.debug("Executor rejected a worker; running it on the calling thread", ex);
            rejected = true;
        } finally {
            LAUNCHING.set(outer);
        }
        if (rejected) {
            work();
        }
    }

    private void work() {
        if (LAUNCHING.get() == this) {
            // The executor runs the worker on the thread that handed it over: it has no threads of its own.
            callerRuns = true;
        }
        Worker self = new Worker(this);
        Worker outer = CURRENT.get();
        CURRENT.set(self);
        try {
            while (true) {
                self.willPoll = false;
                Task task = ready.poll();
                if (task == null && engine.loop.busy()) {
                    task = linger();
                }
                if (task == null) {
                    workers.decrementAndGet();
                    // A task queued after the poll, while every worker was counted as running, has no worker to
                    // take it unless this one comes back.
                    if (ready.isEmpty() || !rejoin()) {
                        return;
                    }
                    continue;
                }
                queued.decrementAndGet();
                progress.setOpaque(progress.getPlain() + 1);
                try {
                    task.run();
                } catch (RuntimeException | Error ex) {
                    Engine.log.error("A registry task failed unexpectedly", ex);
                }
            }
        } finally {
            CURRENT.set(outer);
        }
    }

    /** Waits up to {@link #LINGER_NANOS}, spinning, for a task while the registry is busy ({@link ChangeLoop#busy()}). */
    private @Nullable Task linger() {
        long until = System.nanoTime() + LINGER_NANOS;
        do {
            Thread.onSpinWait();
            Task task = ready.poll();
            if (task != null) {
                return task;
            }
        } while (engine.loop.busy() && System.nanoTime() < until);
        return ready.poll();
    }

    /** Counts an ending worker as running again, if fewer than {@code parallelism} are. */
    private boolean rejoin() {
        while (true) {
            int running = workers.get();
            if (running >= parallelism) {
                return false;
            }
            if (workers.compareAndSet(running, running + 1)) {
                return true;
            }
        }
    }

    /**
     * Called by the {@link BlockingWatchdog}: adds workers if the queue has stalled.
     *
     * @return whether the queue still needs watching
     */
    boolean checkStall() {
        if (closed || queued.get() <= 0) {
            stallStep = parallelism;
            watching = false;
            // A task queued before the flag was cleared did not ask to be watched: keep watching.
            if (closed || queued.get() <= 0) {
                return false;
            }
            watching = true;
            return true;
        }
        long now = System.nanoTime();
        int taken = progress.getOpaque();
        if (taken != progressSeen) {
            progressSeen = taken;
            progressSeenAt = now;
            return true;
        }
        if (now - progressSeenAt < STALL_NANOS || engine.loop.lock.isLocked()) {
            // A change in progress (a change holding the lock) is not user code blocking the workers.
            return true;
        }
        if (now - lastStallAt > STALL_EPISODE_NANOS) {
            stallStep = parallelism;
        }
        int extra = Math.min(queued.get(), stallStep);
        stallStep = Math.min(stallStep * 2, MAX_EXTRA_PER_STALL);
        lastStallAt = now;
        workers.addAndGet(extra);
        progressSeenAt = now;
        for (int i = 0; i < extra; i++) {
            try {
                executor.execute(this::work);
            } catch (RejectedExecutionException ex) {
                workers.decrementAndGet();
            }
        }
        return true;
    }

    /** Whether this queue asked to be watched (see {@link BlockingWatchdog}). */
    boolean needsWatching() {
        return watching;
    }

    void close() {
        closed = true;
    }

    /** The worker loop running on the current thread. */
    private static final class Worker {
        final WorkerPool workers;
        /** A change made by its current task left a queued task for it rather than start a worker. */
        boolean willPoll;

        Worker(WorkerPool workers) {
            this.workers = workers;
        }
    }
}
