package dev.lifecycle.spring.autoconfigure;

/**
 * What the services' starts and stops show to Spring's and Micrometer's observability, under
 * {@code lifecycle.observations}.
 *
 * @since 0.1
 */
public class ObservationProperties {

    /**
     * Whether each start and stop of a service, and the start-up of the services, is a Micrometer observation (a
     * timer, and a span with Micrometer Tracing) when the application has an ObservationRegistry. When off, the
     * lifecycle.service.start and lifecycle.service.stop timers are measured from the registry's events instead.
     */
    private boolean enabled = true;

    /**
     * Whether each service start during application start-up is a step of the application's ApplicationStartup
     * (shown by the startup actuator endpoint with a BufferingApplicationStartup), when it records steps.
     */
    private boolean startupSteps = true;

    /**
     * Whether the services' starts and stops are observed.
     *
     * @return the value of {@code lifecycle.observations.enabled}
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets the value of {@code lifecycle.observations.enabled}; see {@link #isEnabled()}.
     *
     * @param enabled the new value
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Whether each service start during application start-up is a step of the application's ApplicationStartup.
     *
     * @return the value of {@code lifecycle.observations.startup-steps}
     */
    public boolean isStartupSteps() {
        return startupSteps;
    }

    /**
     * Sets the value of {@code lifecycle.observations.startup-steps}; see {@link #isStartupSteps()}.
     *
     * @param startupSteps the new value
     */
    public void setStartupSteps(boolean startupSteps) {
        this.startupSteps = startupSteps;
    }
}
