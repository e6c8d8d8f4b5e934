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

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isStartupSteps() {
        return startupSteps;
    }

    public void setStartupSteps(boolean startupSteps) {
        this.startupSteps = startupSteps;
    }
}
