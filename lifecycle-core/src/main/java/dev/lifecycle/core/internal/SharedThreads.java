package dev.lifecycle.core.internal;

import dev.lifecycle.core.Scheduler;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The threads of the registries whose builder was given none, shared by every registry of the JVM (as the common
 * fork-join pool is), so that creating a registry creates no thread:
 * <ul>
 *   <li>user code: virtual threads on Java 21+ (found reflectively: the library is compiled for Java 17), else a pool
 *       of daemon threads that grows with demand and lets threads idle for 30 s go; that pool also serves the
 *       registries whose builder asked for platform threads ({@code virtualThreads(false)});</li>
 *   <li>timers: one daemon thread, which ends after 30 s without a timer. Timer tasks only take a registry's lock and
 *       re-evaluate; they never run user code.</li>
 * </ul>
 */
final class SharedThreads {

    /** How long an idle shared thread is kept. */
    private static final long KEEP_ALIVE_SECONDS = 30;

    private SharedThreads() {
    }

    /**
     * The executor for user code.
     *
     * @param virtual whether virtual threads are wanted: they are used where the JVM has them (Java 21+); the pool of
     *        platform threads otherwise, and whenever {@code virtual} is {@code false}
     */
    static Executor userCode(boolean virtual) {
        return virtual ? UserCode.EXECUTOR : PlatformThreads.EXECUTOR;
    }

    /** The scheduler for timeouts, back-offs and health checks. */
    static Scheduler scheduler() {
        return Timer.SCHEDULER;
    }

    /** A virtual thread per task on Java 21+, else {@code null}. */
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
    static ThreadPoolExecutor growablePool() {
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
                new SynchronousQueue<>(), daemonThreads("lifecycle-worker-"));
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Holds the shared user-code executor preferring virtual threads, created on first use. */
    private static final class UserCode {

        static final Executor EXECUTOR = create();

        private static Executor create() {
            Executor virtual = virtualThreads();
            return virtual != null ? virtual : PlatformThreads.EXECUTOR;
        }
    }

    /** Holds the shared pool of platform threads for user code, created on first use. */
    private static final class PlatformThreads {

        static final Executor EXECUTOR = growablePool();
    }

    /** Holds the shared timer, created on first use. */
    private static final class Timer {

        static final Scheduler SCHEDULER = create();

        private static Scheduler create() {
            ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemonThreads("lifecycle-timer-"));
            timer.setRemoveOnCancelPolicy(true);
            timer.setKeepAliveTime(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
            timer.allowCoreThreadTimeOut(true);
            return (task, delay) -> {
                var future = timer.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
                return () -> future.cancel(false);
            };
        }
    }
}
