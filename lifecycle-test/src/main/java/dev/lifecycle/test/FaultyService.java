package dev.lifecycle.test;

import dev.lifecycle.core.AsyncService;
import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceContext;
import dev.lifecycle.core.ServiceInit;
import dev.lifecycle.core.ServiceKey;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * A service with the faults of {@link Faults} in front of it: each start and stop first asks whether a fault is armed
 * for the service and, if one is, does what it says; otherwise it calls the service itself.
 *
 * @param <T> the value type
 */
final class FaultyService<T> implements AsyncService<T> {

    private final ServiceKey<T> key;
    private final Service<T> service;
    private final Faults faults;
    /** The start fault taken at this cycle's setup, if any: a fault applies to one whole start. */
    private volatile Faults.@Nullable StartFault armed;

    FaultyService(ServiceKey<T> key, Service<T> service, Faults faults) {
        this.key = key;
        this.service = service;
        this.faults = faults;
    }

    @Override
    public void init(ServiceInit init) throws Exception {
        service.init(init);
    }

    @Override
    public void setup(ServiceContext context) throws Exception {
        Faults.StartFault fault = faults.takeStartFault(key.id());
        armed = fault;
        if (fault == null || fault.kind() == Faults.Kind.SLOW) {
            service.setup(context);
        }
    }

    @Override
    public CompletionStage<@Nullable T> startAsync(ServiceContext context) throws Exception {
        Faults.StartFault fault = armed;
        armed = null;
        if (fault == null) {
            return startItself(context);
        }
        switch (fault.kind()) {
            case FAIL -> throw fault.failure();
            case HANG -> {
                // Never completes: the start timeout, a stop or a removal cancels it.
                return new CompletableFuture<>();
            }
            default -> {
                CompletableFuture<@Nullable T> later = new CompletableFuture<>();
                faults.time().schedule(() -> startItself(context).whenComplete((value, failure) -> {
                    if (failure != null) {
                        later.completeExceptionally(failure);
                    } else {
                        later.complete(value);
                    }
                }), fault.took());
                return later;
            }
        }
    }

    private CompletionStage<@Nullable T> startItself(ServiceContext context) {
        try {
            if (service instanceof AsyncService<T> async) {
                return async.startAsync(context);
            }
            return CompletableFuture.completedFuture(service.start(context));
        } catch (Exception ex) {
            return CompletableFuture.failedFuture(ex);
        }
    }

    @Override
    public void stop(ServiceContext context) throws Exception {
        Faults.StopFault fault = faults.takeStopFault(key.id());
        if (fault != null && fault.failure() == null) {
            // Hangs: the stop does not return within its stop timeout, so the registry gives up on it. Time moves
            // past the timeout from inside the stop, which then releases what the service holds and returns late.
            faults.time().advance(context.stopTimeout());
        }
        service.stop(context);
        if (fault != null && fault.failure() != null) {
            throw fault.failure();
        }
    }

    @Override
    public void join(ServiceContext context) throws Exception {
        service.join(context);
    }

    @Override
    public String toString() {
        return "FaultyService[" + key.id() + ": " + service + "]";
    }
}
