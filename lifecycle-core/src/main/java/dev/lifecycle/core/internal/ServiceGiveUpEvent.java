package dev.lifecycle.core.internal;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import org.jspecify.annotations.Nullable;

/**
 * The flight-recorder event {@code dev.lifecycle.ServiceGiveUp}: a failed service is not restarted any more (it failed
 * more often than its restart policy allows, or its policy never restarts); it stays FAILED and its escalation
 * applies.
 */
@Name("dev.lifecycle.ServiceGiveUp")
@Label("Service Give-Up")
@Description("A failed service is not restarted any more: it failed more often than its restart policy allows, or "
        + "its policy never restarts. It stays FAILED and its escalation applies")
final class ServiceGiveUpEvent extends ServiceFlightEvent {

    @Label("Service")
    @Description("The service's id: its name, or name:qualifier")
    @Nullable String service;

    @Label("Why")
    @Description("Why it is not restarted")
    @Nullable String why;

    @Label("Escalation")
    @Description("What the registry does about it: NONE (it stays FAILED) or SHUTDOWN (every service is stopped)")
    @Nullable String escalation;

    @Label("Failure Type")
    @Description("The class of its last failure")
    @Nullable String failureType;

    @Label("Failure Message")
    @Description("Its last failure's message as it was, cut to its first 1000 characters")
    @Nullable String failureMessage;

    @Label("Restarts")
    @Description("How many times the service had been restarted")
    int restarts;
}
