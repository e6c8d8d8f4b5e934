package dev.lifecycle.core;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Runs user-code tasks (setup and start, stop and join, health checks) on the executor without a hand-off per task.
 *
 * <p>Ready tasks wait in one queue guarded by the registry's lock. Up to {@code parallelism} worker loops run on the
 * executor, each taking the next task when it finishes one; a task whose outcome makes others ready leaves one of them
 * for its own worker instead of starting another, so a chain of services runs on one worker without a hand-off.
 * Blocking user code must not stall the others: when tasks are queued, no worker has taken one for
 * {@link #STALL_NANOS} and no thread waits for the registry's lock, every worker is taken to be blocked in
 * user code and one more worker per queued task is started, at most {@link #MAX_EXTRA_PER_STALL} at a time (a watchdog
 * thread checks while tasks are queued, and sleeps otherwise). Extra workers end when the queue is empty.
 */
final class Workers {

    /** How long the queue may make no progress before the workers are taken to be blocked. */
    static final long STALL_NANOS = 100_000;
    /** At most this many workers are added per stall; more follow at the next check if the queue still stalls. */
    static final int MAX_EXTRA_PER_STALL = 256;
    private static final ThreadLocal<@Nullable Worker> CURRENT = new ThreadLocal<>();

    private final Engine engine;
    private final Executor executor;
    private final int parallelism;

    // Guarded by the registry's lock.
    private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
    private int workers;
    private boolean closed;

    /** Written under the lock, read by the watchdog without it. */
    private volatile int queued;
    private volatile long lastProgress = System.nanoTime();
    private volatile @Nullable Thread watchdog;
    private volatile boolean watching;

    Workers(Engine engine, Executor executor) {
        this.engine = engine;
        this.executor = executor;
        this.parallelism = Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Queues a change's tasks; called under the lock at the end of the change.
     *
     * @return how many workers to start once the lock is released
     */
    int enqueue(List<Runnable> tasks) {
        assert engine.lock.isHeldByCurrentThread();
        if (tasks.isEmpty() && ready.isEmpty()) {
            return 0;
        }
        ready.addAll(tasks);
        queued = ready.size();
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
        int start = Math.min(ready.size() - forSelf, parallelism - workers);
        if (start > 0) {
            workers += start;
            return start;
        }
        return 0;
    }

    /** Starts workers, and wakes the watchdog if tasks wait; called without the lock. */
    void start(int count) {
        for (int i = 0; i < count; i++) {
            try {
                executor.execute(this::work);
            } catch (RejectedExecutionException ex) {
                Engine.log.debug("Executor rejected a worker; running it on the calling thread", ex);
                work();
            }
        }
        if (queued > 0 && !watching) {
            watch();
        }
    }

    private void work() {
        Worker self = new Worker(this);
        Worker outer = CURRENT.get();
        CURRENT.set(self);
        try {
            while (true) {
                Runnable task;
                engine.lock.lock();
                try {
                    self.willPoll = false;
                    task = ready.poll();
                    queued = ready.size();
                    if (task == null) {
                        workers--;
                        return;
                    }
                } finally {
                    engine.lock.unlock();
                }
                lastProgress = System.nanoTime();
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

    private synchronized void watch() {
        watching = true;
        Thread thread = watchdog;
        if (thread == null && !closed) {
            thread = new Thread(this::watchdogLoop, "lifecycle-watchdog");
            thread.setDaemon(true);
            watchdog = thread;
            thread.start();
        } else if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    private void watchdogLoop() {
        while (!closed) {
            if (!watching) {
                LockSupport.park(this);
                continue;
            }
            LockSupport.parkNanos(this, STALL_NANOS);
            if (queued == 0) {
                watching = false;
                if (queued > 0) {
                    watching = true;
                }
                continue;
            }
            if (System.nanoTime() - lastProgress < STALL_NANOS) {
                continue;
            }
            if (engine.lock.hasQueuedThreads()) {
                // Workers waiting for the lock (a long change holds it) are not blocked in user code: more
                // workers would only queue behind them.
                continue;
            }
            int extra;
            engine.lock.lock();
            try {
                extra = Math.min(ready.size(), MAX_EXTRA_PER_STALL);
                workers += extra;
            } finally {
                engine.lock.unlock();
            }
            lastProgress = System.nanoTime();
            for (int i = 0; i < extra; i++) {
                try {
                    executor.execute(this::work);
                } catch (RejectedExecutionException ex) {
                    engine.lock.lock();
                    try {
                        workers--;
                    } finally {
                        engine.lock.unlock();
                    }
                }
            }
        }
    }

    void close() {
        closed = true;
        Thread thread = watchdog;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /** The worker loop running on the current thread. */
    private static final class Worker {
        final Workers workers;
        /** A change made by its current task left a queued task for it rather than start a worker. */
        boolean willPoll;

        Worker(Workers workers) {
            this.workers = workers;
        }
    }
}
