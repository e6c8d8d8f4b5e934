package dev.lifecycle.core.internal;

import dev.lifecycle.core.ServiceState;

/**
 * The engine's own state of a service, finer than {@link ServiceState}: stopping is split in two, waiting for the
 * dependents to stop and then running the service's own stop.
 */
enum Phase {
    INSTALLED(ServiceState.INSTALLED, false),
    WAITING(ServiceState.WAITING, false),
    STARTING(ServiceState.STARTING, true),
    RUNNING(ServiceState.RUNNING, true),
    /** Stop decided; waiting until every dependent has stopped. The value is still readable. */
    STOPPING_DEPENDENTS(ServiceState.STOPPING, true),
    /** The service's own stop and join are running. */
    STOPPING(ServiceState.STOPPING, true),
    STOPPED(ServiceState.STOPPED, false),
    FAILED(ServiceState.FAILED, false),
    REMOVED(ServiceState.REMOVED, false);

    private static final Phase[] PHASES = values();

    final ServiceState state;
    /** Whether user code of the service may be using its requirements: they must not stop yet. */
    final boolean active;

    Phase(ServiceState state, boolean active) {
        this.state = state;
        this.active = active;
    }

    /** The phase of this ordinal. */
    static Phase of(int ordinal) {
        return PHASES[ordinal];
    }

    /** Resting phases, from which the engine may start the service. */
    boolean isDown() {
        return this == INSTALLED || this == WAITING || this == STOPPED || this == FAILED;
    }
}
