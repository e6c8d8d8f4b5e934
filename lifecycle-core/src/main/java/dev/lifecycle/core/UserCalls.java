package dev.lifecycle.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * Runs a service's own code (setup and start; stop and join) on a worker thread, without the registry's lock, and
 * reports the outcome to the {@link StateMachine}. Anything thrown, an {@link Error} included, is an outcome.
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

    static void start(Engine engine, Controller c, TaskRun run, CycleContext context) {
        @Nullable Object value = null;
        Throwable error = null;
        CompletionStage<?> stage = null;
        run.enter();
        RUNNING.set(c);
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
            RUNNING.remove();
            run.exit();
        }
        if (stage != null && error == null) {
            CompletableFuture<?> future = stage.toCompletableFuture();
            run.attach(future);
            future.whenComplete((result, failure) -> startDone(engine, c, run, result, unwrap(failure)));
            return;
        }
        startDone(engine, c, run, value, error);
    }

    private static void startDone(Engine engine, Controller c, TaskRun run, @Nullable Object value,
            @Nullable Throwable error) {
        boolean abandoned = engine.locked(batch -> engine.machine.startCompleted(c, run, value, error, batch));
        if (abandoned) {
            Engine.log.warn("Service '{}' started after its cycle was abandoned (timed out, failed or removed); "
                    + "stopping what it started", c.id);
            Throwable stopError = stopAndJoin(c, new TaskRun(), new CycleContext(engine, c, -1));
            if (stopError != null) {
                Engine.log.warn("Stop of the abandoned start of '{}' failed", c.id, stopError);
            }
            engine.lockedRun(batch -> engine.machine.abandonedStartStopped(c, batch));
        }
    }

    static void stop(Engine engine, Controller c, TaskRun run, CycleContext context) {
        Throwable error = stopAndJoin(c, run, context);
        engine.lockedRun(batch -> engine.machine.stopCompleted(c, run, error, batch));
    }

    private static @Nullable Throwable stopAndJoin(Controller c, TaskRun run, CycleContext context) {
        Throwable error = null;
        run.enter();
        RUNNING.set(c);
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
            RUNNING.remove();
            run.exit();
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
