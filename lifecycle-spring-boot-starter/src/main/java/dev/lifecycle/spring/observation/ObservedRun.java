package dev.lifecycle.spring.observation;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One start or stop cycle being recorded: ends its {@link PhaseObserver.Recording recording} exactly once, when the
 * service's code returns or fails, or, if the code outlives the cycle's timeout, at the timeout, as the registry then
 * fails the start (or stops waiting for the stop) without waiting for the code. What records it must not get in the
 * service's way: if it throws, that is logged, and the service's code runs all the same.
 */
final class ObservedRun {

    private static final Logger logger = LoggerFactory.getLogger(ObservedRun.class);

    private final String what;
    private final PhaseObserver.Recording recording;
    private final AtomicBoolean ended = new AtomicBoolean();
    /** Completed when the run ends; until then, completed exceptionally at the timeout. */
    private final CompletableFuture<@Nullable Void> deadline = new CompletableFuture<>();
    /** The first failure of a cycle whose code goes on after it (a stop that failed, before its join). */
    private volatile @Nullable Throwable failure;

    private ObservedRun(String what, PhaseObserver.Recording recording) {
        this.what = what;
        this.recording = recording;
    }

    /**
     * Begins a run of the recording {@code begin} makes, ended at the latest after {@code timeout} with
     * {@code timedOut}'s failure.
     *
     * @param what the cycle, for a log line: {@code "start of service 'config'"}
     * @param begin begins recording the cycle; returns {@code null} to record nothing
     * @param timeout the cycle's timeout
     * @param timedOut the failure recorded when the code outlives the timeout
     * @return the run, or {@code null} for no recording
     */
    static @Nullable ObservedRun begin(String what, Supplier<PhaseObserver.@Nullable Recording> begin,
            Duration timeout, Supplier<Throwable> timedOut) {
        PhaseObserver.Recording recording;
        try {
            recording = begin.get();
        }
        catch (RuntimeException ex) {
            logger.warn("Could not begin recording the {}; it runs unrecorded", what, ex);
            return null;
        }
        if (recording == null) {
            return null;
        }
        ObservedRun run = new ObservedRun(what, recording);
        long nanos = saturatedNanos(timeout);
        if (nanos < Long.MAX_VALUE) {
            // orTimeout cancels its timer when the run ends first.
            run.deadline.orTimeout(nanos, TimeUnit.NANOSECONDS).whenComplete((ok, ex) -> {
                if (ex instanceof TimeoutException) {
                    run.end(timedOut.get());
                }
            });
        }
        return run;
    }

    /** Makes the recording current on the calling thread while the service's code runs there. */
    PhaseObserver.Scope openScope() {
        if (ended.get()) {
            return PhaseObserver.Scope.NONE;
        }
        try {
            return recording.openScope();
        }
        catch (RuntimeException ex) {
            logger.warn("Could not make the recording of the {} current", what, ex);
            return PhaseObserver.Scope.NONE;
        }
    }

    /** Remembers the first failure of a cycle whose code goes on (stop failed, join still runs). */
    void failed(Throwable ex) {
        if (failure == null) {
            failure = ex;
        }
    }

    /**
     * Ends the run, unless it has ended already: with the failure remembered first, else {@code ex}.
     *
     * @param ex why the cycle failed, or {@code null}
     */
    void end(@Nullable Throwable ex) {
        if (ended.compareAndSet(false, true)) {
            Throwable first = failure;
            deadline.complete(null);
            try {
                recording.ended(first != null ? first : ex);
            }
            catch (RuntimeException recordingFailure) {
                logger.warn("Could not end the recording of the {}", what, recordingFailure);
            }
        }
    }

    private static long saturatedNanos(Duration timeout) {
        try {
            return timeout.toNanos();
        }
        catch (ArithmeticException ex) {
            return Long.MAX_VALUE;
        }
    }
}
