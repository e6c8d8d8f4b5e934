package dev.lifecycle.spring.autoconfigure;

/**
 * What the services' starts and stops show to Micrometer's observability, under
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

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
