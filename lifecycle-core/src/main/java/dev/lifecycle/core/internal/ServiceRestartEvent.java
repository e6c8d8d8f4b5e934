package dev.lifecycle.core.internal;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;
import org.jspecify.annotations.Nullable;

/**
 * The flight-recorder event {@code dev.lifecycle.ServiceRestart}: the restart policy restarts a failed service after
 * a back-off. Committed when it decides; the restart itself is the {@link ServiceStartEvent} with reason
 * {@code RESTART} that follows.
 */
@Name("dev.lifecycle.ServiceRestart")
@Label("Service Restart")
@Description("The restart policy restarts a failed service after a back-off, committed when it decides. The restart "
        + "itself is the ServiceStart with reason RESTART that follows")
final class ServiceRestartEvent extends ServiceFlightEvent {

    @Label("Service")
    @Description("The service's id: its name, or name:qualifier")
    @Nullable String service;

    @Label("Delay")
    @Description("The back-off before the restart: zero restarts it at once")
    @Timespan(Timespan.NANOSECONDS)
    long delay;

    @Label("Attempt")
    @Description("The restart's number within the policy's window, from 1")
    int attempt;

    @Label("Max Restarts")
    @Description("How many restarts the policy allows within its window before the service gives up")
    int maxRestarts;

    @Label("Window")
    @Description("The policy's window")
    @Timespan(Timespan.NANOSECONDS)
    long window;
}
