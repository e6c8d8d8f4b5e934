package dev.lifecycle.core;

import java.time.Duration;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * One run of a service's own code: a start (setup and start), or a stop (stop and join). It is the task the
 * {@link Workers} run, the {@link ServiceContext} that code sees, and what a timeout or a fail cancels: the thread
 * running it is interrupted, an asynchronous start's future is cancelled. Interrupts never leak past {@link #exit()}
 * into the next task of a pooled thread. One object per run, so that a start costs few allocations.
 *
 * <p>The fields under "guarded by the registry's lock" are the run's timing and its place in {@link Deadlines}.
 */
final class TaskRun extends Task implements ServiceContext {

    /** What the run does. */
    enum Kind {
        START, STOP, STOP_ABANDONED
    }

    final Engine engine;
    final Controller controller;
    final Kind kind;
    /** The cycle of a run that belongs to none: the stop of an abandoned start, whose {@link #fail} is ignored. */
    static final int NO_CYCLE = -1;

    /** The start cycle this run belongs to, or {@link #NO_CYCLE}; a {@link #fail} from an older cycle is ignored. */
    final int generation;

    // Guarded by this object's monitor.
    private @Nullable Thread thread;
    private @Nullable Future<?> future;
    private boolean cancelled;

    // The outcome: written by the thread that ran the code before it reports it, read under the lock.
    @Nullable Object value;
    @Nullable Throwable error;
    /** The next outcome in the registry's queue of reports (see {@link Engine#report}). */
    @Nullable TaskRun nextReport;

    // Guarded by the registry's lock.
    /** When the run was dispatched, in clock nanos. */
    long began;
    /** When it times out, in clock nanos; 0 while it is not watched (see {@link Deadlines}). */
    long deadline;
    @Nullable TaskRun nextDeadline;
    @Nullable TaskRun previousDeadline;

    TaskRun(Engine engine, Controller controller, Kind kind, int generation) {
        this.engine = engine;
        this.controller = controller;
        this.kind = kind;
        this.generation = generation;
    }

    @Override
    public void run() {
        switch (kind) {
            case START -> UserCalls.start(this);
            case STOP -> UserCalls.stop(this);
            case STOP_ABANDONED -> UserCalls.stopAbandoned(this);
        }
    }

    /** Applies the reported outcome to the state machine; under the lock. */
    void applyOutcome(Batch batch) {
        switch (kind) {
            case START -> engine.machine.startCompleted(this, value, error, batch);
            case STOP -> engine.machine.stopCompleted(this, error, batch);
            case STOP_ABANDONED -> engine.machine.abandonedStartEnded(controller, batch);
        }
    }

    // ---------------------------------------------------------------- ServiceContext

    @Override
    public ServiceKey<?> key() {
        return controller.key;
    }

    @Override
    public void fail(Throwable cause) {
        Checks.notNull(cause, "ServiceContext.fail(cause)", "cause");
        if (generation == NO_CYCLE) {
            return;
        }
        engine.lockedRun(batch -> engine.machine.requestFailure(controller, generation, cause, batch));
    }

    @Override
    public Duration startTimeout() {
        return controller.settings.startTimeout;
    }

    @Override
    public Duration stopTimeout() {
        return controller.settings.stopTimeout;
    }

    @Override
    public boolean abandoned() {
        return kind == Kind.STOP_ABANDONED;
    }

    // ---------------------------------------------------------------- cancellation

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
        return "ServiceContext[" + controller.id + "#" + generation + "]";
    }
}
