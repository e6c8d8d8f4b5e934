package dev.lifecycle.spring.autoconfigure;

import dev.lifecycle.spring.ServiceRegistryLifecycle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration properties of the service registry, under {@code lifecycle.}. Each default is the field's initial
 * value. Validated when bound, by {@link ServiceRegistryPropertiesValidator}: a bad value fails start-up with the
 * property's name and what it must be.
 *
 * <p>Restart settings have one shape at both levels ({@link RestartProperties}, {@link BackoffProperties}): under
 * {@code lifecycle.restart} for every service, under {@code lifecycle.services.<id>.restart} for one, where a value
 * left unset takes the one for every service.
 *
 * @since 0.1
 */
@ConfigurationProperties("lifecycle")
@Validated
public class ServiceRegistryProperties implements Validator {

    /** Whether to run the service beans in a service registry. */
    private boolean enabled = true;

    /**
     * Lifecycle phase in which the services start and stop. The default, Integer.MAX_VALUE - 4096, is below the web
     * server's phase: services are RUNNING before it takes traffic and stop after it has drained.
     */
    private int phase = ServiceRegistryLifecycle.DEFAULT_PHASE;

    /** How long a service's setup and start may take before it is failed. */
    private Duration startTimeout = Duration.ofSeconds(60);

    /** How long a service's stop and join may take before the registry stops waiting for it. */
    private Duration stopTimeout = Duration.ofSeconds(10);

    /**
     * How long application start-up waits for the services to start. When it ends, critical services that are not
     * RUNNING fail the start-up, the others go on starting in the background. Defaults to the start timeout.
     */
    private @Nullable Duration startupTimeout;

    /** How often the health checks of services that have one run. */
    private Duration healthCheckInterval = Duration.ofSeconds(10);

    /**
     * How long closing the registry, once every service has stopped, waits for the listeners (transition events,
     * log, metrics) to receive the last transitions; a listener that blocks longer is logged and left behind.
     */
    private Duration eventDeliveryTimeout = Duration.ofSeconds(10);

    /**
     * Names of existing Lifecycle or SmartLifecycle beans to run as services (in addition to those annotated with
     * {@code @LifecycleService}): the registry, not Spring, then starts and stops them in dependency order.
     */
    private List<String> adopt = new ArrayList<>();

    /** Exit status of the process when a service gives up with escalation SHUTDOWN; must not be 0. */
    private int exitStatus = 1;

    /** Restart policy of every service. */
    @NestedConfigurationProperty
    private final RestartProperties restart = new RestartProperties();

    /** How critical services drive the application's availability. */
    @NestedConfigurationProperty
    private final AvailabilityProperties availability = new AvailabilityProperties();

    /** The services actuator endpoint. */
    @NestedConfigurationProperty
    private final ServicesEndpointProperties endpoint = new ServicesEndpointProperties();

    /** Micrometer observations of the starts and stops, and start-up steps. */
    @NestedConfigurationProperty
    private final ObservationProperties observations = new ObservationProperties();

    /** The recent transitions the serviceevents actuator endpoint serves. */
    @NestedConfigurationProperty
    private final HistoryProperties history = new HistoryProperties();

    /** How leader-only services follow Spring Integration's leader election. */
    @NestedConfigurationProperty
    private final LeadershipProperties leadership = new LeadershipProperties();

    /**
     * Settings of individual services, by service id (name, or name:qualifier written as
     * {@code lifecycle.services[name:qualifier]}), overriding the settings above.
     */
    private Map<String, ServiceProperties> services = new LinkedHashMap<>();

    /**
     * Whether to run the service beans in a service registry.
     *
     * @return the value of {@code lifecycle.enabled}
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets the value of {@code lifecycle.enabled}; see {@link #isEnabled()}.
     *
     * @param enabled the new value
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Lifecycle phase in which the services start and stop. The default, Integer.MAX_VALUE - 4096, is below the web
     * server's phase: services are RUNNING before it takes traffic and stop after it has drained.
     *
     * @return the value of {@code lifecycle.phase}
     */
    public int getPhase() {
        return phase;
    }

    /**
     * Sets the value of {@code lifecycle.phase}; see {@link #getPhase()}.
     *
     * @param phase the new value
     */
    public void setPhase(int phase) {
        this.phase = phase;
    }

    /**
     * How long a service's setup and start may take before it is failed.
     *
     * @return the value of {@code lifecycle.start-timeout}
     */
    public Duration getStartTimeout() {
        return startTimeout;
    }

    /**
     * Sets the value of {@code lifecycle.start-timeout}; see {@link #getStartTimeout()}.
     *
     * @param startTimeout the new value
     */
    public void setStartTimeout(Duration startTimeout) {
        this.startTimeout = startTimeout;
    }

    /**
     * How long a service's stop and join may take before the registry stops waiting for it.
     *
     * @return the value of {@code lifecycle.stop-timeout}
     */
    public Duration getStopTimeout() {
        return stopTimeout;
    }

    /**
     * Sets the value of {@code lifecycle.stop-timeout}; see {@link #getStopTimeout()}.
     *
     * @param stopTimeout the new value
     */
    public void setStopTimeout(Duration stopTimeout) {
        this.stopTimeout = stopTimeout;
    }

    /**
     * How long application start-up waits for the services to start. When it ends, critical services that are not
     * RUNNING fail the start-up, the others go on starting in the background. Defaults to the start timeout.
     *
     * @return the value of {@code lifecycle.startup-timeout}, or {@code null} when unset
     */
    public @Nullable Duration getStartupTimeout() {
        return startupTimeout;
    }

    /**
     * Sets the value of {@code lifecycle.startup-timeout}; see {@link #getStartupTimeout()}.
     *
     * @param startupTimeout the new value
     */
    public void setStartupTimeout(@Nullable Duration startupTimeout) {
        this.startupTimeout = startupTimeout;
    }

    /**
     * How often the health checks of services that have one run.
     *
     * @return the value of {@code lifecycle.health-check-interval}
     */
    public Duration getHealthCheckInterval() {
        return healthCheckInterval;
    }

    /**
     * Sets the value of {@code lifecycle.health-check-interval}; see {@link #getHealthCheckInterval()}.
     *
     * @param healthCheckInterval the new value
     */
    public void setHealthCheckInterval(Duration healthCheckInterval) {
        this.healthCheckInterval = healthCheckInterval;
    }

    /**
     * How long closing the registry, once every service has stopped, waits for the listeners (transition events,
     * log, metrics) to receive the last transitions; a listener that blocks longer is logged and left behind.
     *
     * @return the value of {@code lifecycle.event-delivery-timeout}
     */
    public Duration getEventDeliveryTimeout() {
        return eventDeliveryTimeout;
    }

    /**
     * Sets the value of {@code lifecycle.event-delivery-timeout}; see {@link #getEventDeliveryTimeout()}.
     *
     * @param eventDeliveryTimeout the new value
     */
    public void setEventDeliveryTimeout(Duration eventDeliveryTimeout) {
        this.eventDeliveryTimeout = eventDeliveryTimeout;
    }

    /**
     * Names of existing Lifecycle or SmartLifecycle beans to run as services (in addition to those annotated with
     * {@code @LifecycleService}): the registry, not Spring, then starts and stops them in dependency order.
     *
     * @return the value of {@code lifecycle.adopt}
     */
    public List<String> getAdopt() {
        return adopt;
    }

    /**
     * Sets the value of {@code lifecycle.adopt}; see {@link #getAdopt()}.
     *
     * @param adopt the new value
     */
    public void setAdopt(List<String> adopt) {
        this.adopt = adopt;
    }

    /**
     * Exit status of the process when a service gives up with escalation SHUTDOWN; must not be 0.
     *
     * @return the value of {@code lifecycle.exit-status}
     */
    public int getExitStatus() {
        return exitStatus;
    }

    /**
     * Sets the value of {@code lifecycle.exit-status}; see {@link #getExitStatus()}.
     *
     * @param exitStatus the new value
     */
    public void setExitStatus(int exitStatus) {
        this.exitStatus = exitStatus;
    }

    /**
     * The settings under {@code lifecycle.restart}; see {@link RestartProperties}.
     *
     * @return the settings, bound in place
     */
    public RestartProperties getRestart() {
        return restart;
    }

    /**
     * The settings under {@code lifecycle.availability}; see {@link AvailabilityProperties}.
     *
     * @return the settings, bound in place
     */
    public AvailabilityProperties getAvailability() {
        return availability;
    }

    /**
     * The settings under {@code lifecycle.endpoint}; see {@link ServicesEndpointProperties}.
     *
     * @return the settings, bound in place
     */
    public ServicesEndpointProperties getEndpoint() {
        return endpoint;
    }

    /**
     * How the services' starts and stops are observed (Micrometer Observation, start-up steps).
     *
     * @return the settings under {@code lifecycle.observations}
     */
    public ObservationProperties getObservations() {
        return observations;
    }

    /**
     * The recent transitions the serviceevents actuator endpoint serves.
     *
     * @return the settings under {@code lifecycle.history}
     */
    public HistoryProperties getHistory() {
        return history;
    }

    /**
     * How leader-only services follow Spring Integration's leader election.
     *
     * @return the settings under {@code lifecycle.leadership}
     */
    public LeadershipProperties getLeadership() {
        return leadership;
    }

    /**
     * Settings of individual services, by service id (name, or name:qualifier written as
     * {@code lifecycle.services[name:qualifier]}), overriding the settings above.
     *
     * @return the value of {@code lifecycle.services}
     */
    public Map<String, ServiceProperties> getServices() {
        return services;
    }

    /**
     * Sets the value of {@code lifecycle.services}; see {@link #getServices()}.
     *
     * @param services the new value
     */
    public void setServices(Map<String, ServiceProperties> services) {
        this.services = services;
    }

    /** Properties of this type are checked by {@link ServiceRegistryPropertiesValidator} when they are bound. */
    @Override
    public boolean supports(Class<?> type) {
        return ServiceRegistryProperties.class.isAssignableFrom(type);
    }

    /** Checks the properties with {@link ServiceRegistryPropertiesValidator}. */
    @Override
    public void validate(Object target, Errors errors) {
        ServiceRegistryPropertiesValidator.validate((ServiceRegistryProperties) target, errors);
    }
}
