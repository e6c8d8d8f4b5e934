package dev.lifecycle.spring.observation;

import dev.lifecycle.core.AsyncService;
import dev.lifecycle.core.LifecycleException;
import dev.lifecycle.core.LogText;
import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceContext;
import dev.lifecycle.core.ServiceInit;
import dev.lifecycle.core.ServiceKey;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A service whose start and stop cycles are recorded by a {@link PhaseObserver}, on the thread and at the moments the
 * registry runs them: a start cycle from just before setup until start returns or fails (or, for an
 * {@link AsyncService}, until its future completes), a stop cycle from just before stop until join returns. The
 * recording is current on the thread while the service's own code runs. A cycle that outlives its timeout ends at the
 * timeout, as the registry gives up on it then; the stop of the value of an abandoned start is not recorded, as the
 * registry does not time it either.
 *
 * <p>It is an {@link AsyncService} whatever the service is: a service that starts synchronously still does, inside
 * {@link #startAsync}, which returns its value completed. The future of an asynchronous start is wrapped so that the
 * recording ends before the registry learns the outcome (so a dependent's start never appears to begin before its
 * requirement's has ended); cancelling it, as the registry does, cancels the service's own.
 *
 * @param <T> the value type
 */
final class ObservedService<T> implements AsyncService<T> {

    private final ServiceKey<T> key;
    private final Service<T> service;
    private final PhaseObserver observer;
    /** The start cycle begun by setup, taken by start: cycles of one service never overlap. */
    private volatile @Nullable ObservedRun start;
    /** The stop cycle begun by stop, taken by join. */
    private volatile @Nullable ObservedRun stop;

    ObservedService(ServiceKey<T> key, Service<T> service, PhaseObserver observer) {
        this.key = key;
        this.service = service;
        this.observer = observer;
    }

    @Override
    public void init(ServiceInit init) throws Exception {
        service.init(init);
    }

    @Override
    public void setup(ServiceContext context) throws Exception {
        ObservedRun run = beginStart(context);
        start = run;
        if (run == null) {
            service.setup(context);
            return;
        }
        try (PhaseObserver.Scope scope = run.openScope()) {
            service.setup(context);
        }
        catch (Throwable ex) {
            start = null;
            run.end(ex);
            throw ex;
        }
    }

    @Override
    public CompletionStage<@Nullable T> startAsync(ServiceContext context) throws Exception {
        ObservedRun taken = start;
        start = null;
        ObservedRun run = taken != null ? taken : beginStart(context);
        if (run == null) {
            return service instanceof AsyncService<T> async ? async.startAsync(context)
                    : CompletableFuture.completedFuture(service.start(context));
        }
        if (service instanceof AsyncService<T> async) {
            CompletionStage<@Nullable T> stage;
            try (PhaseObserver.Scope scope = run.openScope()) {
                stage = async.startAsync(context);
            }
            catch (Throwable ex) {
                run.end(ex);
                throw ex;
            }
            if (stage == null) {
                run.end(new LifecycleException("Service '" + key.id() + "' returned null from startAsync()"));
                return stage;
            }
            return endingWith(stage, run);
        }
        T value;
        try (PhaseObserver.Scope scope = run.openScope()) {
            value = service.start(context);
        }
        catch (Throwable ex) {
            run.end(ex);
            throw ex;
        }
        run.end(nullValueFailure(value));
        return CompletableFuture.completedFuture(value);
    }

    @Override
    public void stop(ServiceContext context) throws Exception {
        ObservedRun run = context.abandoned() ? null : ObservedRun.begin("stop of service '" + key.id() + "'",
                () -> observer.stopBegan(key), context.stopTimeout(), () -> new TimeoutException("Service '"
                        + key.id() + "' did not stop within its stop timeout of "
                        + LogText.duration(context.stopTimeout())));
        stop = run;
        if (run == null) {
            service.stop(context);
            return;
        }
        try (PhaseObserver.Scope scope = run.openScope()) {
            service.stop(context);
        }
        catch (Throwable ex) {
            // Join runs all the same; the cycle ends after it, with this failure.
            run.failed(ex);
            throw ex;
        }
    }

    @Override
    public void join(ServiceContext context) throws Exception {
        ObservedRun run = stop;
        stop = null;
        if (run == null) {
            service.join(context);
            return;
        }
        try (PhaseObserver.Scope scope = run.openScope()) {
            service.join(context);
        }
        catch (Throwable ex) {
            run.end(ex);
            throw ex;
        }
        run.end(null);
    }

    private @Nullable ObservedRun beginStart(ServiceContext context) {
        return ObservedRun.begin("start of service '" + key.id() + "'", () -> observer.startBegan(key),
                context.startTimeout(),
                () -> new TimeoutException("Service '" + key.id() + "' did not start within its start timeout of "
                        + LogText.duration(context.startTimeout())));
    }

    /** The stage the registry waits for: completes after the run has ended; cancelling it cancels the service's. */
    private CompletionStage<@Nullable T> endingWith(CompletionStage<@Nullable T> stage, ObservedRun run) {
        CompletableFuture<@Nullable T> started = stage.toCompletableFuture();
        CompletableFuture<@Nullable T> result = new CompletableFuture<>();
        started.whenComplete((value, failure) -> {
            run.end(failure != null ? unwrap(failure) : nullValueFailure(value));
            if (failure != null) {
                result.completeExceptionally(failure);
            }
            else {
                result.complete(value);
            }
        });
        result.whenComplete((value, failure) -> {
            if (result.isCancelled()) {
                started.cancel(true);
            }
        });
        return result;
    }

    /** The registry fails a start that returns no value for a service that has one: so does the recording. */
    private @Nullable Throwable nullValueFailure(@Nullable T value) {
        return value == null && key.type() != Void.class ? new LifecycleException("Service '" + key.id()
                + "' returned null from start() but its type is " + key.type().getName()) : null;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Override
    public String toString() {
        return service.toString();
    }
}
