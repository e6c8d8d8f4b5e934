package dev.lifecycle.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * An asynchronous service whose start the test completes by hand: each start cycle hands out a new future, which
 * {@link #complete} or {@link #fail} completes from the calling thread.
 *
 * @param <T> the value type
 */
final class ManualStart<T> implements AsyncService<T> {

    private final AtomicInteger starts = new AtomicInteger();
    private final AtomicInteger stops = new AtomicInteger();
    private volatile @Nullable CompletableFuture<@Nullable T> pending;

    @Override
    public synchronized CompletionStage<@Nullable T> startAsync(ServiceContext context) {
        starts.incrementAndGet();
        CompletableFuture<@Nullable T> future = new CompletableFuture<>();
        pending = future;
        return future;
    }

    @Override
    public void stop(ServiceContext context) {
        stops.incrementAndGet();
    }

    /** The future of the current start cycle. */
    CompletableFuture<@Nullable T> future() {
        CompletableFuture<@Nullable T> future = pending;
        if (future == null) {
            throw new IllegalStateException("startAsync has not been called");
        }
        return future;
    }

    /** Completes the current start with {@code value}. */
    void complete(@Nullable T value) {
        future().complete(value);
    }

    /** Fails the current start with {@code cause}. */
    void fail(Throwable cause) {
        future().completeExceptionally(cause);
    }

    /** How many times startAsync was called. */
    int starts() {
        return starts.get();
    }

    /** How many times stop was called. */
    int stops() {
        return stops.get();
    }
}
