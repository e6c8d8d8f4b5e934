package dev.lifecycle.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * Runs a service's own code (setup and start; stop and join) on a worker thread, without the registry's lock, and
 * reports the outcome to the {@link StateMachine} through {@link Engine#report}. Anything thrown, an {@link Error}
 * included, is an outcome.
 */
final class UserCalls {

    /** The service whose setup, start, stop or join runs on this thread, if any. */
    private static final ThreadLocal<@Nullable Controller> RUNNING = new ThreadLocal<>();

    private UserCalls() {
    }

    /** The service whose own code is running on the calling thread, or {@code null}. */
    static @Nullable Controller runningOnThisThread() {
        return RUNNING.get();
    }

    static void start(TaskRun run) {
        Controller c = run.controller;
        @Nullable Object value = null;
        Throwable error = null;
        CompletionStage<?> stage = null;
        boolean timed = run.engine.workers.timeTask();
        long began = timed ? System.nanoTime() : 0;
        run.enter();
        RUNNING.set(c);
        try {
            c.service.setup(run);
            if (c.service instanceof AsyncService<?> async) {
                stage = async.startAsync(run);
                if (stage == null) {
                    error = new LifecycleException("Service '" + c.id + "' returned null from startAsync(); return a "
                            + "CompletionStage");
                }
            } else {
                value = c.service.start(run);
            }
        } catch (Throwable ex) {
            error = ex;
        } finally {
            RUNNING.set(null);
            run.exit();
            if (timed) {
                run.engine.workers.observe(System.nanoTime() - began);
            }
        }
        if (stage != null && error == null) {
            CompletableFuture<?> future = stage.toCompletableFuture();
            run.attach(future);
            future.whenComplete((result, failure) -> startDone(run, result, unwrap(failure)));
            return;
        }
        startDone(run, value, error);
    }

    private static void startDone(TaskRun run, @Nullable Object value, @Nullable Throwable error) {
        run.value = value;
        run.error = error;
        run.engine.report(run);
    }

    static void stop(TaskRun run) {
        run.error = stopAndJoin(run);
        run.engine.report(run);
    }

    /** Stops what the start of an abandoned cycle (timed out, failed or removed) started after all. */
    static void stopAbandoned(TaskRun run) {
        Controller c = run.controller;
        Engine.log.warn("Service '{}' started after its cycle was abandoned (timed out, failed or removed); "
                + "stopping what it started", c.id);
        Throwable stopError = stopAndJoin(run);
        if (stopError != null) {
            Engine.log.warn("Stop of the abandoned start of '{}' failed", c.id, stopError);
        }
        run.engine.report(run);
    }

    private static @Nullable Throwable stopAndJoin(TaskRun run) {
        Controller c = run.controller;
        Throwable error = null;
        boolean timed = run.engine.workers.timeTask();
        long began = timed ? System.nanoTime() : 0;
        run.enter();
        RUNNING.set(c);
        try {
            try {
                c.service.stop(run);
            } catch (Throwable ex) {
                error = ex;
            }
            try {
                c.service.join(run);
            } catch (Throwable ex) {
                if (error == null) {
                    error = ex;
                } else {
                    error.addSuppressed(ex);
                }
            }
        } finally {
            RUNNING.set(null);
            run.exit();
            if (timed) {
                run.engine.workers.observe(System.nanoTime() - began);
            }
        }
        return error;
    }

    static @Nullable Throwable unwrap(@Nullable Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
