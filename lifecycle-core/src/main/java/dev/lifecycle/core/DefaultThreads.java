package dev.lifecycle.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The registry's own threads when the builder is given none: virtual threads for user code on Java 21+ (found
 * reflectively: the library is compiled for Java 17), a pool that grows with demand on Java 17; one daemon timer
 * thread.
 */
final class DefaultThreads {

    private DefaultThreads() {
    }

    /** A virtual thread per task on Java 21+, else {@code null}: then use {@link #growablePool()}. */
    static @Nullable Executor virtualThreads() {
        try {
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            Object builder = MethodHandles.publicLookup().findStatic(Thread.class, "ofVirtual",
                    MethodType.methodType(Class.forName("java.lang.Thread$Builder$OfVirtual"))).invoke();
            builder = builderType.getMethod("name", String.class, long.class).invoke(builder, "lifecycle-worker-", 0L);
            ThreadFactory factory = (ThreadFactory) builderType.getMethod("factory").invoke(builder);
            return task -> factory.newThread(task).start();
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException ex) {
            return null;
        } catch (Throwable ex) {
            throw new IllegalStateException("Could not create virtual threads", ex);
        }
    }

    /** A pool that grows with demand and lets idle threads go: blocking user code never waits for a thread. */
    static ExecutorService growablePool() {
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                daemonThreads("lifecycle-worker-"));
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
