package dev.lifecycle.spring.observation;

import io.micrometer.observation.Observation;

/**
 * The context of the observation of the application's start-up of the services: from before the service beans are
 * installed until every service is RUNNING, the application starts degraded, or the start-up fails. The starts during
 * it are its children.
 *
 * @since 0.1
 */
public final class ServiceStartupObservationContext extends Observation.Context {

    private volatile boolean ended;

    /**
     * Whether the start-up has ended (its outcome is known): false while it runs.
     *
     * @return whether the start-up has ended (its outcome is known): false while it runs
     */
    public boolean isEnded() {
        return ended;
    }

    void markEnded() {
        ended = true;
    }
}
