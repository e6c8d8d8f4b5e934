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
 * <p>RestartProperties settings have one shape at both levels ({@link RestartProperties}, {@link BackoffProperties}): under
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

    /** RestartProperties policy of every service. */
    @NestedConfigurationProperty
    private final RestartProperties restart = new RestartProperties();

    /** How critical services drive the application's availability. */
    @NestedConfigurationProperty
    private final AvailabilityProperties availability = new AvailabilityProperties();

    /** The services actuator endpoint. */
    @NestedConfigurationProperty
    private final ServicesEndpointProperties endpoint = new ServicesEndpointProperties();

    /** The recent transitions the serviceevents actuator endpoint serves. */
    @NestedConfigurationProperty
    private final HistoryProperties history = new HistoryProperties();

    /**
     * Settings of individual services, by service id (name, or name:qualifier written as
     * {@code lifecycle.services[name:qualifier]}), overriding the settings above.
     */
    private Map<String, ServiceProperties> services = new LinkedHashMap<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getPhase() {
        return phase;
    }

    public void setPhase(int phase) {
        this.phase = phase;
    }

    public Duration getStartTimeout() {
        return startTimeout;
    }

    public void setStartTimeout(Duration startTimeout) {
        this.startTimeout = startTimeout;
    }

    public Duration getStopTimeout() {
        return stopTimeout;
    }

    public void setStopTimeout(Duration stopTimeout) {
        this.stopTimeout = stopTimeout;
    }

    public @Nullable Duration getStartupTimeout() {
        return startupTimeout;
    }

    public void setStartupTimeout(@Nullable Duration startupTimeout) {
        this.startupTimeout = startupTimeout;
    }

    public Duration getHealthCheckInterval() {
        return healthCheckInterval;
    }

    public void setHealthCheckInterval(Duration healthCheckInterval) {
        this.healthCheckInterval = healthCheckInterval;
    }

    public Duration getEventDeliveryTimeout() {
        return eventDeliveryTimeout;
    }

    public void setEventDeliveryTimeout(Duration eventDeliveryTimeout) {
        this.eventDeliveryTimeout = eventDeliveryTimeout;
    }

    public List<String> getAdopt() {
        return adopt;
    }

    public void setAdopt(List<String> adopt) {
        this.adopt = adopt;
    }

    public int getExitStatus() {
        return exitStatus;
    }

    public void setExitStatus(int exitStatus) {
        this.exitStatus = exitStatus;
    }

    public RestartProperties getRestart() {
        return restart;
    }

    public AvailabilityProperties getAvailability() {
        return availability;
    }

    public ServicesEndpointProperties getEndpoint() {
        return endpoint;
    }

    public HistoryProperties getHistory() {
        return history;
    }

    public Map<String, ServiceProperties> getServices() {
        return services;
    }

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
