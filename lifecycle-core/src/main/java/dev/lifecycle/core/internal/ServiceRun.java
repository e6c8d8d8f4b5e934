package dev.lifecycle.core.internal;

import dev.lifecycle.core.ServiceContext;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * One run of a service's own code: a start (setup and start), or a stop (stop and join). It is the task the
 * {@link WorkerPool} runs, the outcome it reports, and what a timeout or a cancellation cancels: the thread running it
 * is interrupted, an asynchronous start's future is cancelled. Interrupts never leak past {@link #exit()} into the
 * next task of a pooled thread. The code itself sees the run through a {@link ServiceRunContext}.
 *
 * <p>The fields under "guarded by the registry's lock" are the run's timing and its place in {@link RunTimeouts}.
 */
final class ServiceRun extends Task {

    /** What the run does. */
    enum Kind {
        START, STOP, STOP_ABANDONED
    }

    final Engine engine;
    final ServiceRecord record;
    final Kind kind;
    /** The cycle of a run that belongs to none: the stop of an abandoned start, whose {@code fail} is ignored. */
    static final int NO_CYCLE = -1;

    /** The start cycle this run belongs to, or {@link #NO_CYCLE}; a {@code fail} from an older cycle is ignored. */
    final int generation;
    /** Its number among the registry's runs: what its record keeps while it is in flight (see ServiceRecord). */
    final int number;

    // Guarded by this object's monitor.
    private @Nullable Thread thread;
    private @Nullable Future<?> future;
    private boolean cancelled;

    // The outcome: written by the thread that ran the code before it reports it, read under the lock.
    @Nullable Object value;
    @Nullable Throwable error;
    /** The next outcome in the registry's queue of reports (see {@link ChangeLoop#report}). */
    @Nullable ServiceRun nextReport;

    // Guarded by the registry's lock.
    /** When the run was dispatched, in clock nanos. */
    long began;
    /** When it times out, in clock nanos; {@link RunTimeouts#NOT_WATCHED} while it is not watched. */
    long deadline = RunTimeouts.NOT_WATCHED;
    @Nullable ServiceRun nextDeadline;
    @Nullable ServiceRun previousDeadline;

    ServiceRun(Engine engine, ServiceRecord record, Kind kind, int generation) {
        this.engine = engine;
        this.record = record;
        this.kind = kind;
        this.generation = generation;
        this.number = engine.state.nextRunNumber();
    }

    @Override
    public void run() {
        switch (kind) {
            case START -> UserCode.start(this);
            case STOP -> UserCode.stop(this);
            case STOP_ABANDONED -> UserCode.stopAbandoned(this);
        }
    }

    /** Applies the reported outcome; under the lock. */
    void applyOutcome(Change change) {
        switch (kind) {
            case START -> engine.starts.startCompleted(this, value, error, change);
            case STOP -> engine.stops.stopCompleted(this, error, change);
            case STOP_ABANDONED -> engine.starts.abandonedStartEnded(record, change);
        }
    }

    /** The context this run's code sees. */
    ServiceContext context() {
        return new ServiceRunContext(this);
    }

    /** Reports a failure from this run's code: applies to its start cycle only. */
    void fail(Throwable cause) {
        if (generation == NO_CYCLE) {
            return;
        }
        engine.loop.lockedRun(change -> engine.requests.requestFailure(record, generation, cause, change));
    }

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
        if (Thread.currentThread().isInterrupted()) {
            Thread.interrupted();
        }
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

    @Override
    public String toString() {
        return "ServiceRun[" + kind + " " + record.id + "#" + generation + "]";
    }
}
