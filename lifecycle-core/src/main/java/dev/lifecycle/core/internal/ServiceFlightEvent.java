package dev.lifecycle.core.internal;

import jdk.jfr.Category;
import jdk.jfr.Event;
import jdk.jfr.StackTrace;

/**
 * What the engine's JDK Flight Recorder events share: the category {@code Lifecycle}, and no stack trace (the
 * committing thread's stack is the engine's, which says nothing about the service). Each event's first field is the
 * service it is about (declared by each, so that tools show it first). The events are made and committed by
 * {@link FlightEvents} only; their fields are filled after {@code shouldCommit()} said a recording wants them, so
 * they stay unset otherwise.
 */
@Category("Lifecycle")
@StackTrace(false)
abstract class ServiceFlightEvent extends Event {
}
