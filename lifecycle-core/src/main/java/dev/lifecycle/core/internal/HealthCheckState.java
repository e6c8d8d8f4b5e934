package dev.lifecycle.core.internal;

import dev.lifecycle.core.ServiceHealth;

/**
 * The health of a service that has a health check: the outcome of its last check in this start cycle, how many were
 * unhealthy in a row, whether one is in flight. Only such services have one. Guarded by the registry's lock.
 */
final class HealthCheckState {

    ServiceHealth health = ServiceHealth.UNKNOWN;
    int unhealthyStreak;
    boolean inFlight;

    /** A new start cycle: nothing is known of its health yet. */
    void reset() {
        health = ServiceHealth.UNKNOWN;
        unhealthyStreak = 0;
    }
}
