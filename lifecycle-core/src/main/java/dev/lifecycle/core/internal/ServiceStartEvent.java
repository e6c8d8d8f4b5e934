package dev.lifecycle.core.internal;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;
import org.jspecify.annotations.Nullable;

/**
 * The flight-recorder event {@code dev.lifecycle.ServiceStart}: a service's setup and start, from STARTING to their
 * outcome. A start runs on a worker thread and its outcome is applied on whichever thread takes the registry's lock
 * next, so it is not timed by the recorder's {@code begin()} and {@code end()} on one thread: it is committed when the
 * start has ended, and {@link #took} is the engine's own measure (the one the snapshot's start duration and the
 * start timer show). The event's start time is therefore the time the start ended.
 */
@Name("dev.lifecycle.ServiceStart")
@Label("Service Start")
@Description("A service's setup and start, committed when they ended: the outcome, and how long they took by the "
        + "registry's clock. The event's start time is when the start ended")
final class ServiceStartEvent extends ServiceFlightEvent {

    @Label("Service")
    @Description("The service's id: its name, or name:qualifier")
    @Nullable String service;

    @Label("Reason")
    @Description("Why it started: STARTUP, RESTART, DEPENDENCY, OPERATOR, CONFIGURATION or DEMAND")
    @Nullable String reason;

    @Label("Outcome")
    @Description("STARTED (its start returned its value), FAILED, CANCELLED (it had to stop while it started: not a "
            + "failure) or TIMED_OUT (it did not return within its start timeout)")
    @Nullable String outcome;

    @Label("Took")
    @Description("How long setup and start took, by the registry's clock")
    @Timespan(Timespan.NANOSECONDS)
    long took;

    @Label("Restarts")
    @Description("How many times the service had been restarted before this start")
    int restarts;

    @Label("Failure Type")
    @Description("The class of the failure, when the start failed or timed out")
    @Nullable String failureType;

    @Label("Failure Message")
    @Description("The failure's message as it was, cut to its first 1000 characters")
    @Nullable String failureMessage;
}
