package dev.lifecycle.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The registry's own threads when the builder is given none: virtual threads for user code on Java 21+, a pool that
 * grows with demand on Java 17; one daemon timer thread.
 */
final class DefaultThreads {

    private DefaultThreads() {
    }

    static ExecutorService workers() {
        try {
            Object executor = MethodHandles.publicLookup()
                    .findStatic(Executors.class, "newVirtualThreadPerTaskExecutor",
                            MethodType.methodType(ExecutorService.class))
                    .invoke();
            return (ExecutorService) executor;
        } catch (NoSuchMethodException | IllegalAccessException ex) {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                    new SynchronousQueue<>(), daemonThreads("lifecycle-worker-"));
            return pool;
        } catch (Throwable ex) {
            throw new IllegalStateException("Could not create the default executor", ex);
        }
    }

    static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemonThreads("lifecycle-timer-"));
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    static Scheduler scheduler(ScheduledThreadPoolExecutor timer) {
        return (task, delay) -> {
            var future = timer.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        };
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
