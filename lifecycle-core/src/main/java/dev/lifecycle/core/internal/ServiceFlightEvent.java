package dev.lifecycle.core.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.StackTrace;
import org.jspecify.annotations.Nullable;

/**
 * What the engine's JDK Flight Recorder events share: the category {@code Lifecycle}, the service they are about, and
 * no stack trace (the committing thread's stack is the engine's, which says nothing about the service). The events
 * are made and committed by {@link FlightEvents} only; their fields are filled after {@code shouldCommit()} said a
 * recording wants them, so they stay unset otherwise.
 */
@Category("Lifecycle")
@StackTrace(false)
abstract class ServiceFlightEvent extends Event {

    @Label("Service")
    @Description("The service's id: its name, or name:qualifier")
    @Nullable String service;
}
