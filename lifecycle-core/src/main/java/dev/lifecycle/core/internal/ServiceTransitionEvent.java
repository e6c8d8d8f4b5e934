package dev.lifecycle.core.internal;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;
import org.jspecify.annotations.Nullable;

/** The flight-recorder event {@code dev.lifecycle.ServiceTransition}: a service changed state. */
@Name("dev.lifecycle.ServiceTransition")
@Label("Service Transition")
@Description("A service changed state: the state it left and the one it entered, why, and how long it was in the "
        + "state it left")
final class ServiceTransitionEvent extends ServiceFlightEvent {

    @Label("Service")
    @Description("The service's id: its name, or name:qualifier")
    @Nullable String service;

    @Label("From")
    @Description("The state it left")
    @Nullable String from;

    @Label("To")
    @Description("The state it entered")
    @Nullable String to;

    @Label("Reason")
    @Description("Why: STARTUP, SHUTDOWN, FAILURE, DEPENDENCY, OPERATOR, RESTART, CONFIGURATION or DEMAND")
    @Nullable String reason;

    @Label("Detail")
    @Description("What the reason does not say, e.g. the configuration keys of a restart for configuration")
    @Nullable String detail;

    @Label("Failure Type")
    @Description("The class of the failure behind the transition, if there is one")
    @Nullable String failureType;

    @Label("Failure Message")
    @Description("The failure's message as it was, cut to its first 1000 characters")
    @Nullable String failureMessage;

    @Label("Time in Previous State")
    @Description("How long the service was in the state it left, by the registry's clock")
    @Timespan(Timespan.NANOSECONDS)
    long timeInPreviousState;
}
