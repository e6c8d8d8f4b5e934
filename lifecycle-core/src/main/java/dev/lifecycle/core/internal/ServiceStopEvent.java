package dev.lifecycle.core.internal;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;
import org.jspecify.annotations.Nullable;

/**
 * The flight-recorder event {@code dev.lifecycle.ServiceStop}: a service's own stop and join, which run once its
 * dependents have stopped. Like {@link ServiceStartEvent}, committed when they have ended, with the engine's measure
 * in {@link #took}; the event's start time is the time the stop ended.
 */
@Name("dev.lifecycle.ServiceStop")
@Label("Service Stop")
@Description("A service's stop and join, committed when they ended: the outcome, and how long they took by the "
        + "registry's clock. The event's start time is when the stop ended")
final class ServiceStopEvent extends ServiceFlightEvent {

    @Label("Service")
    @Description("The service's id: its name, or name:qualifier")
    @Nullable String service;

    @Label("Reason")
    @Description("Why it stopped: SHUTDOWN, FAILURE, DEPENDENCY, OPERATOR, RESTART, CONFIGURATION or DEMAND")
    @Nullable String reason;

    @Label("Outcome")
    @Description("STOPPED, FAILED (stop or join threw: the registry carried on) or TIMED_OUT (they did not return "
            + "within its stop timeout: the registry carried on without them)")
    @Nullable String outcome;

    @Label("Took")
    @Description("How long stop and join took, by the registry's clock")
    @Timespan(Timespan.NANOSECONDS)
    long took;

    @Label("Failure Type")
    @Description("The class of the failure, when the stop failed or timed out")
    @Nullable String failureType;

    @Label("Failure Message")
    @Description("The failure's message as it was, cut to its first 1000 characters")
    @Nullable String failureMessage;
}
