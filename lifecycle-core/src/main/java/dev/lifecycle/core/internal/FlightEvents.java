package dev.lifecycle.core.internal;

import dev.lifecycle.core.Escalation;
import dev.lifecycle.core.RestartPolicy;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.core.TransitionReason;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's JDK Flight Recorder events ({@code dev.lifecycle.*}, category {@code Lifecycle}), made where the engine
 * already has what they carry: {@link Transitions} (each transition, the end of each start and stop) and
 * {@link Supervisor} (a failure, a restart, a give-up). Under the registry's lock, so the events of one registry are
 * committed in the order its changes happened.
 *
 * <p>Each method asks whether a recording enables its event before anything else: when none does, that check is all
 * it does, and nothing is allocated. Otherwise it makes the event, asks {@code shouldCommit()}, fills it and commits
 * it. Times are the engine's own (the change's time, the durations it measured), never a second reading of a clock.
 * Failure messages are kept as they were (a recording is not a log line, so nothing is escaped), cut to their first
 * {@value #MAX_TEXT_LENGTH} characters, followed by {@code "... (N characters)"}, so that an event stays small.
 */
final class FlightEvents {

    /** The most characters of a message or a detail an event keeps. */
    static final int MAX_TEXT_LENGTH = 1000;

    /**
     * One instance of each event, never committed, whose {@code isEnabled()} (which reads the recorder's state for the
     * event class, not the instance's) is asked before an event is made: so nothing is allocated while no recording
     * enables it, even in code the JIT has not compiled yet. {@code null} until the JVM's flight recorder is
     * initialized: no recording can enable an event before, and the first event class a JVM loads initializes the
     * recorder's metadata, 200-300 ms on two cores, which an application that records nothing would pay at its first
     * registry. The recorder instruments and registers an event class as it is loaded, which takes milliseconds
     * (hundreds on a busy machine), better spent off a registry's lock. So they are made:
     * <ul>
     *   <li>when the first registry is built, if the recorder is initialized already (a recording started from the
     *       command line);</li>
     *   <li>else when it is initialized (a recording started with {@code jcmd} or in code), on the thread that
     *       initializes it, by a {@link FlightRecorderListener}. Adding that listener initializes the recorder's
     *       support classes, 12-16 ms of a cold start on JDK 17 (about 1 ms on 25), so a short-lived daemon thread
     *       adds it, not the thread building the registry;</li>
     *   <li>at the latest by the first event after the recorder is initialized ({@link #probes()}), for a recording
     *       that starts before that thread has added the listener: no event of a recording is lost.</li>
     * </ul>
     */
    private static volatile @Nullable Probes probes;

    private static final Logger logger = LoggerFactory.getLogger(FlightEvents.class);

    /** Whether the first registry has been built: the listener is added once per JVM. */
    private static final AtomicBoolean LOADED = new AtomicBoolean();

    /** The never-committed instances whose {@code isEnabled()} says whether a recording enables each event. */
    private static final class Probes {
        final ServiceTransitionEvent transition = new ServiceTransitionEvent();
        final ServiceStartEvent start = new ServiceStartEvent();
        final ServiceStopEvent stop = new ServiceStopEvent();
        final ServiceFailureEvent failure = new ServiceFailureEvent();
        final ServiceRestartEvent restart = new ServiceRestartEvent();
        final ServiceGiveUpEvent giveUp = new ServiceGiveUpEvent();
    }

    /** Makes the probes once the recorder is initialized. */
    private static final class RecorderInitialized implements FlightRecorderListener {

        @Override
        public void recorderInitialized(FlightRecorder recorder) {
            makeProbes();
        }
    }

    private FlightEvents() {
    }

    /**
     * Makes the probes now if the flight recorder is initialized, else has them made when it is; once per JVM. A
     * registry calls it when it is built.
     */
    static void load() {
        if (!LOADED.compareAndSet(false, true)) {
            return;
        }
        if (FlightRecorder.isInitialized()) {
            makeProbes();
            return;
        }
        Thread listening = new Thread(FlightEvents::listen, "lifecycle-flight-recorder-listener");
        listening.setDaemon(true);
        listening.start();
    }

    /** Adds the listener, called back at once if the recorder is initialized already, never if the JVM has none. */
    private static void listen() {
        try {
            FlightRecorder.addListener(new RecorderInitialized());
        }
        catch (RuntimeException ex) {
            // A security manager denying access to the recorder: the first event after it is initialized makes them.
            logger.debug("Could not listen for the flight recorder's initialization", ex);
        }
    }

    private static void makeProbes() {
        if (probes == null) {
            probes = new Probes();
        }
    }

    /**
     * The probes, or {@code null} while the recorder is not initialized (one volatile read each): made here if a
     * recording began before the listener was added.
     */
    private static @Nullable Probes probes() {
        Probes made = probes;
        if (made == null && FlightRecorder.isInitialized()) {
            makeProbes();
            made = probes;
        }
        return made;
    }

    /** A service changed state, after {@code nanosInFrom} in the state it left. */
    static void transition(ServiceRecord c, ServiceState from, ServiceState to, TransitionReason reason,
            @Nullable Throwable cause, @Nullable String detail, long nanosInFrom) {
        Probes enabled = probes();
        if (enabled == null || !enabled.transition.isEnabled()) {
            return;
        }
        ServiceTransitionEvent event = new ServiceTransitionEvent();
        if (!event.shouldCommit()) {
            return;
        }
        event.service = c.id;
        event.from = from.name();
        event.to = to.name();
        event.reason = reason.name();
        event.detail = detail == null ? null : bounded(detail);
        if (cause != null) {
            event.failureType = cause.getClass().getName();
            event.failureMessage = message(cause);
        }
        event.timeInPreviousState = nanosInFrom;
        event.commit();
    }

    /**
     * A start has ended after {@code nanos}, while the service is still STARTING, its reason the one it started for.
     *
     * @param failure what it failed with, or what failed it (a timeout, a requested failure), if anything
     */
    static void started(ServiceRecord c, long nanos, @Nullable Throwable failure) {
        Probes enabled = probes();
        if (enabled == null || !enabled.start.isEnabled()) {
            return;
        }
        ServiceStartEvent event = new ServiceStartEvent();
        if (!event.shouldCommit()) {
            return;
        }
        event.service = c.id;
        event.reason = c.reason().name();
        event.outcome = startOutcome(c, failure);
        event.took = nanos;
        event.restarts = c.restarts;
        if (failure != null) {
            event.failureType = failure.getClass().getName();
            event.failureMessage = message(failure);
        }
        event.commit();
    }

    /**
     * How a start ended, from the service's record at that moment: a start call still in flight did not return within
     * its timeout (it was abandoned, or failed by the timeout); one that returned without failure STARTED; one that
     * failed because the engine cancelled it, with no failure pending, was CANCELLED; any other FAILED.
     */
    private static String startOutcome(ServiceRecord c, @Nullable Throwable failure) {
        if (c.startCallInFlight) {
            return "TIMED_OUT";
        }
        if (failure == null) {
            return "STARTED";
        }
        return c.startCancelled && c.pendingFailure == null ? "CANCELLED" : "FAILED";
    }

    /**
     * A service's own stop has ended after {@code nanos}, while it is still STOPPING, its reason the one it stopped for.
     *
     * @param error what stop or join threw, or the timeout
     * @param timedOut whether they did not return within the stop timeout
     */
    static void stopped(ServiceRecord c, long nanos, @Nullable Throwable error, boolean timedOut) {
        Probes enabled = probes();
        if (enabled == null || !enabled.stop.isEnabled()) {
            return;
        }
        ServiceStopEvent event = new ServiceStopEvent();
        if (!event.shouldCommit()) {
            return;
        }
        event.service = c.id;
        event.reason = c.reason().name();
        event.outcome = timedOut ? "TIMED_OUT" : error == null ? "STOPPED" : "FAILED";
        event.took = nanos;
        if (error != null) {
            event.failureType = error.getClass().getName();
            event.failureMessage = message(error);
        }
        event.commit();
    }

    /** A service has just failed from {@code from}; {@code thrown} if its own setup or start threw {@code cause}. */
    static void failed(ServiceRecord c, ServiceState from, Throwable cause, boolean thrown) {
        Probes enabled = probes();
        if (enabled == null || !enabled.failure.isEnabled()) {
            return;
        }
        ServiceFailureEvent event = new ServiceFailureEvent();
        if (!event.shouldCommit()) {
            return;
        }
        event.service = c.id;
        event.failedFrom = from.name();
        event.failureType = cause.getClass().getName();
        event.failureMessage = message(cause);
        event.thrown = thrown;
        event.restarts = c.restarts;
        event.commit();
    }

    /** The restart policy restarts a failed service after {@code delay}, its restart {@code attempt} in the window. */
    static void restart(ServiceRecord c, Duration delay, int attempt, RestartPolicy policy) {
        Probes enabled = probes();
        if (enabled == null || !enabled.restart.isEnabled()) {
            return;
        }
        ServiceRestartEvent event = new ServiceRestartEvent();
        if (!event.shouldCommit()) {
            return;
        }
        event.service = c.id;
        event.delay = Math.max(0, nanos(delay));
        event.attempt = attempt;
        event.maxRestarts = policy.maxRestarts();
        event.window = nanos(policy.window());
        event.commit();
    }

    /** A failed service is not restarted any more, because of {@code why}; {@code escalation} applies. */
    static void gaveUp(ServiceRecord c, String why, Escalation escalation, Throwable cause) {
        Probes enabled = probes();
        if (enabled == null || !enabled.giveUp.isEnabled()) {
            return;
        }
        ServiceGiveUpEvent event = new ServiceGiveUpEvent();
        if (!event.shouldCommit()) {
            return;
        }
        event.service = c.id;
        event.why = why;
        event.escalation = escalation.name();
        event.failureType = cause.getClass().getName();
        event.failureMessage = message(cause);
        event.restarts = c.restarts;
        event.commit();
    }

    private static @Nullable String message(Throwable failure) {
        String message = failure.getMessage();
        return message == null ? null : bounded(message);
    }

    /** {@code text} itself, or its first {@value #MAX_TEXT_LENGTH} characters and {@code "... (N characters)"}. */
    static String bounded(String text) {
        if (text.length() <= MAX_TEXT_LENGTH) {
            return text;
        }
        // Never half of a character outside the Basic Multilingual Plane.
        int end = Character.isHighSurrogate(text.charAt(MAX_TEXT_LENGTH - 1)) ? MAX_TEXT_LENGTH - 1 : MAX_TEXT_LENGTH;
        return text.substring(0, end) + "... (" + text.length() + " characters)";
    }

    /** A duration in nanoseconds, {@link Long#MAX_VALUE} for one too long to count in them (about 292 years). */
    private static long nanos(Duration duration) {
        return duration.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : duration.toNanos();
    }
}
