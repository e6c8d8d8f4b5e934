package dev.lifecycle.core;


/**
 * Checks whether a RUNNING service is healthy. Runs on the registry's executor, periodically and on demand.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface HealthCheck {

    /**
     * Checks the service.
     *
     * @return whether it is healthy
     * @throws Exception counts as unhealthy; the message is recorded
     */
    boolean isHealthy() throws Exception;
}
