package dev.lifecycle.core.internal;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import org.jspecify.annotations.Nullable;

/**
 * The flight-recorder event {@code dev.lifecycle.ServiceFailure}: a service failed and is now FAILED. What its restart
 * policy decided follows as a {@link ServiceRestartEvent} or a {@link ServiceGiveUpEvent}, unless it is not restarted
 * because it was going down anyway.
 */
@Name("dev.lifecycle.ServiceFailure")
@Label("Service Failure")
@Description("A service failed and is now FAILED. A ServiceRestart or a ServiceGiveUp follows with what its restart "
        + "policy decided, unless it was going down anyway (stopped, removed, shutdown)")
final class ServiceFailureEvent extends ServiceFlightEvent {

    @Label("Service")
    @Description("The service's id: its name, or name:qualifier")
    @Nullable String service;

    @Label("Failed From")
    @Description("The state it failed from: STARTING when its start failed, STOPPING when it failed while running "
            + "(it is stopped before it is FAILED)")
    @Nullable String failedFrom;

    @Label("Failure Type")
    @Description("The class of the failure")
    @Nullable String failureType;

    @Label("Failure Message")
    @Description("The failure's message as it was, cut to its first 1000 characters")
    @Nullable String failureMessage;

    @Label("Thrown")
    @Description("Whether its own setup or start threw the failure, rather than it being reported or requested (a "
            + "fail through its context, the registry's fail, a health check, a timeout)")
    boolean thrown;

    @Label("Restarts")
    @Description("How many times the service had been restarted before this failure")
    int restarts;
}
