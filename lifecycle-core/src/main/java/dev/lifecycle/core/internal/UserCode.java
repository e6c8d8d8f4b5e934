package dev.lifecycle.core.internal;

import dev.lifecycle.core.LogKeys;
import dev.lifecycle.core.AsyncService;
import dev.lifecycle.core.LifecycleException;
import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * Runs a service's own code (setup and start; stop and join) on a worker thread, without the registry's lock, and
 * reports the outcome through {@link ChangeLoop#report}. Anything thrown, an {@link Error}
 * included, is an outcome.
 */
final class UserCode {

    /** The service whose setup, start, stop or join runs on this thread, if any. */
    private static final ThreadLocal<@Nullable ServiceRecord> RUNNING = new ThreadLocal<>();
    /** The start time of a run the worker pool does not time (see {@link WorkerPool#timeTask()}). */
    private static final long NOT_TIMED = Long.MIN_VALUE;

    private UserCode() {
    }

    /** The service whose own code is running on the calling thread, or {@code null}. */
    static @Nullable ServiceRecord runningOnThisThread() {
        return RUNNING.get();
    }

    static void start(ServiceRun run) {
        ServiceRecord c = run.record;
        @Nullable Object value = null;
        Throwable error = null;
        CompletionStage<?> stage = null;
        ServiceContext context = run.context();
        long began = enter(run);
        try {
            c.service.setup(context);
            if (c.service instanceof AsyncService<?> async) {
                stage = async.startAsync(context);
                if (stage == null) {
                    error = new LifecycleException("Service '" + c.id + "' returned null from startAsync(); return a "
                            + "CompletionStage");
                }
            } else {
                value = c.service.start(context);
            }
        } catch (Throwable ex) {
            error = ex;
        } finally {
            exit(run, began);
        }
        if (stage != null && error == null) {
            CompletableFuture<?> future = stage.toCompletableFuture();
            run.attach(future);
            future.whenComplete((result, failure) -> startDone(run, result, unwrap(failure)));
            return;
        }
        startDone(run, value, error);
    }

    private static void startDone(ServiceRun run, @Nullable Object value, @Nullable Throwable error) {
        run.value = value;
        run.error = error;
        run.engine.loop.report(run);
    }

    static void stop(ServiceRun run) {
        run.error = stopAndJoin(run);
        run.engine.loop.report(run);
    }

    /** Stops what the start of an abandoned cycle (timed out, failed or removed) started after all. */
    static void stopAbandoned(ServiceRun run) {
        ServiceRecord c = run.record;
        Engine.log.atWarn().addKeyValue(LogKeys.SERVICE_ID, c.id).log("Service '" + c.id + "' started after its cycle "
                + "was abandoned (timed out, failed or removed); stopping what it started");
        Throwable stopError = stopAndJoin(run);
        if (stopError != null) {
            Engine.log.atWarn().addKeyValue(LogKeys.SERVICE_ID, c.id).setCause(EscapedFailure.forLog(stopError))
                    .log("Stop of the abandoned start of '" + c.id + "' failed");
        }
        run.engine.loop.report(run);
    }

    private static @Nullable Throwable stopAndJoin(ServiceRun run) {
        ServiceRecord c = run.record;
        Throwable error = null;
        ServiceContext context = run.context();
        long began = enter(run);
        try {
            try {
                c.service.stop(context);
            } catch (Throwable ex) {
                error = ex;
            }
            try {
                c.service.join(context);
            } catch (Throwable ex) {
                if (error == null) {
                    error = ex;
                } else {
                    error.addSuppressed(ex);
                }
            }
        } finally {
            exit(run, began);
        }
        return error;
    }

    /**
     * Marks the calling thread as running {@code run}'s code (see {@link ServiceRun#enter()}).
     *
     * @return when it began, in {@link System#nanoTime()}, if the worker pool times it; else {@link #NOT_TIMED}
     */
    private static long enter(ServiceRun run) {
        long began = run.engine.workers.timeTask() ? System.nanoTime() : NOT_TIMED;
        run.enter();
        RUNNING.set(run.record);
        return began;
    }

    /** The calling thread no longer runs {@code run}'s code; its duration goes to the worker pool's average. */
    private static void exit(ServiceRun run, long began) {
        RUNNING.set(null);
        run.exit();
        if (began != NOT_TIMED) {
            run.engine.workers.observe(System.nanoTime() - began);
        }
    }

    static @Nullable Throwable unwrap(@Nullable Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
