package dev.lifecycle.core;

import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * One run of a service's user code (a start, or a stop and join), so that a timeout or a fail can cancel it: the
 * thread running it is interrupted, an asynchronous start's future is cancelled. Interrupts never leak past
 * {@link #exit()} into the next task of a pooled thread.
 */
final class TaskRun {

    private @Nullable Thread thread;
    private @Nullable Future<?> future;
    private boolean cancelled;

    synchronized void enter() {
        thread = Thread.currentThread();
        if (cancelled) {
            thread.interrupt();
        }
    }

    void exit() {
        synchronized (this) {
            thread = null;
        }
        Thread.interrupted();
    }

    synchronized void attach(Future<?> pending) {
        future = pending;
        if (cancelled) {
            pending.cancel(true);
        }
    }

    synchronized boolean isCancelled() {
        return cancelled;
    }

    void cancel() {
        Future<?> pending;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            if (thread != null) {
                thread.interrupt();
            }
            pending = future;
        }
        if (pending != null) {
            pending.cancel(true);
        }
    }
}
