package dev.lifecycle.core.internal;

import dev.lifecycle.core.LifecycleException;
import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceFailedException;
import dev.lifecycle.core.ServiceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The futures that wait on the registry, and what they wait for: awaiters of a service's value, settle futures (no
 * start or stop in flight), the start-all future; and the count of runs in flight they read. Under the registry's
 * lock.
 */
final class Progress {

    private final Engine engine;

    Progress(Engine engine) {
        this.engine = engine;
    }

    /** The run in flight for {@code c} is over (returned or timed out): it is no longer watched nor counted. */
    void endRun(ServiceRecord c, ServiceRun run, Change change) {
        c.runNumber = ServiceRecord.NO_RUN;
        c.currentStart = null;
        engine.timeouts.remove(run, change);
        uncountInFlight(c);
    }

    void countInFlight(ServiceRecord c) {
        if (!c.countedInFlight) {
            c.countedInFlight = true;
            engine.state.inFlight++;
        }
    }

    void uncountInFlight(ServiceRecord c) {
        if (c.countedInFlight) {
            c.countedInFlight = false;
            engine.state.inFlight--;
        }
    }

    void addAwaiter(ServiceRecord c, CompletableFuture<@Nullable Object> future, Change change) {
        if (c.phase() == Phase.RUNNING) {
            Object value = c.publishedValue();
            change.after(() -> future.complete(value));
        } else if (c.gaveUp || c.phase() == Phase.REMOVED) {
            Throwable cause = c.lastFailure != null ? c.lastFailure.cause() : null;
            change.after(() -> future.completeExceptionally(new ServiceFailedException(
                    "Service '" + c.id + "' will not start: it " + (!c.gaveUp ? "was removed"
                            : c.settings.policy.restart() ? "gave up"
                            : "failed and its restart policy never restarts it"), cause)));
        } else {
            if (c.awaiters == null) {
                c.awaiters = new ArrayList<>(2);
            }
            c.awaiters.add(future);
        }
    }

    void completeAwaiters(ServiceRecord c, @Nullable Object value, Change change) {
        List<CompletableFuture<@Nullable Object>> awaiters = c.awaiters;
        if (awaiters != null) {
            c.awaiters = null;
            change.after(() -> awaiters.forEach(f -> f.complete(value)));
        }
    }

    void failAwaiters(ServiceRecord c, Throwable failure, Change change) {
        List<CompletableFuture<@Nullable Object>> awaiters = c.awaiters;
        if (awaiters != null) {
            c.awaiters = null;
            change.after(() -> awaiters.forEach(f -> f.completeExceptionally(failure)));
        }
    }

    /** Completes the operations' futures, the settle waiters and the start-all future when their moment has come. */
    void checkProgress(Change change) {
        engine.operations.check(change);
        if (engine.state.inFlight <= 1 && !engine.state.settleWaiters.isEmpty()) {
            List<CompletableFuture<@Nullable Void>> settled = new ArrayList<>();
            engine.state.settleWaiters.removeIf(w -> w.isSettled(engine.state.inFlight) && settled.add(w.future()));
            if (!settled.isEmpty()) {
                change.after(() -> settled.forEach(f -> f.complete(null)));
            }
        }
        CompletableFuture<@Nullable Void> startAll = engine.state.startAllFuture;
        if (startAll == null || startAll.isDone() || !engine.state.recordingStartup) {
            return;
        }
        if (engine.state.runningCount == engine.state.services.size()) {
            finishStartAll(startAll, null, change);
        } else if (engine.state.inFlight == 0 && engine.state.scheduledRestarts == 0) {
            finishStartAll(startAll, engine.timeline.startupFailure(), change);
        }
    }

    void finishStartAll(CompletableFuture<@Nullable Void> startAll, @Nullable Throwable failure,
            Change change) {
        engine.state.recordingStartup = false;
        engine.state.startAllEnded = RegistryClock.instant(change.now(engine));
        if (failure == null) {
            change.after(() -> startAll.complete(null));
        } else {
            change.after(() -> startAll.completeExceptionally(failure));
        }
    }

    /**
     * A future completing once nothing is in flight; call under the lock. Asked for from a service's own code, it
     * does not wait for that code itself, which is in flight until it returns.
     */
    CompletableFuture<@Nullable Void> settledFuture() {
        assert engine.loop.lock.isHeldByCurrentThread();
        CompletableFuture<@Nullable Void> future = new CompletableFuture<>();
        engine.state.settleWaiters.add(new SettleWaiter(future, UserCode.runningOnThisThread()));
        return future;
    }

    /**
     * A future completing with the value of {@code key} once it is RUNNING, installed or not yet.
     *
     * @throws IllegalStateException if the registry is closed
     */
    <T> CompletableFuture<@Nullable T> awaitValue(ServiceKey<T> key) {
        return engine.loop.locked(change -> {
            engine.lookup.checkOpen("await", key.id());
            return await(key, change);
        });
    }

    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<@Nullable T> await(ServiceKey<T> key, Change change) {
        ServiceRecord c = engine.state.services.get(key.id());
        CompletableFuture<@Nullable Object> future = new CompletableFuture<>();
        if (c == null) {
            engine.state.pendingAwaiters.computeIfAbsent(key.id(), id -> new ArrayList<>()).add(future);
            // Not installed yet: its type is checked once it is, before its value is handed out.
            return future.thenApply(value -> {
                ServiceRecord installed = engine.state.services.get(key.id());
                if (installed != null) {
                    Installer.checkHandleType(installed, key);
                }
                return (T) value;
            });
        }
        Installer.checkHandleType(c, key);
        addAwaiter(c, future, change);
        return (CompletableFuture<@Nullable T>) (CompletableFuture<?>) future;
    }

    /** At close: fails every future awaiting a service, installed or not; none will start now. */
    void failEveryAwaiter(Change change) {
        LifecycleException closedCause = new LifecycleException("The registry was closed");
        for (ServiceRecord c = engine.state.firstInstalled; c != null; c = c.nextInstalled) {
            // The failure is made only for the services that have awaiters: most have none.
            if (c.awaiters != null) {
                failAwaiters(c, new ServiceFailedException("Service '" + c.id + "' will not start: the registry "
                        + "was closed", closedCause), change);
            }
        }
        if (engine.state.pendingAwaiters.isEmpty()) {
            return;
        }
        List<String> installed = engine.state.installedIds();
        List<Runnable> failures = new ArrayList<>();
        engine.state.pendingAwaiters.forEach((id, futures) -> {
            String message = neverInstalled(id, installed);
            futures.forEach(f -> failures.add(() -> f.completeExceptionally(
                    new ServiceFailedException(message, closedCause))));
        });
        engine.state.pendingAwaiters.clear();
        change.after(() -> failures.forEach(Runnable::run));
    }

    /** Why an await of {@code id}, which was never installed, failed; suggesting the installed id that was meant. */
    private static String neverInstalled(String id, List<String> installed) {
        String suggestion = Misspellings.closest(id, installed);
        return "Service '" + id + "' will not start: it was never installed"
                + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)") + ", and the registry was closed";
    }
}
