package dev.lifecycle.spring.autoconfigure;

import dev.lifecycle.core.Escalation;
import dev.lifecycle.core.StartMode;
import dev.lifecycle.spring.ServiceRegistryLifecycle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration properties of the service registry, under {@code lifecycle.}. Each default is the field's initial
 * value. Validated when bound, by {@link LifecyclePropertiesValidator}: a bad value fails start-up with the
 * property's name and what it must be.
 *
 * <p>Restart settings have one shape at both levels ({@link Restart}, {@link Backoff}): under
 * {@code lifecycle.restart} for every service, under {@code lifecycle.services.<id>.restart} for one, where a value
 * left unset takes the one for every service.
 *
 * @since 0.1
 */
@ConfigurationProperties("lifecycle")
@Validated
public class LifecycleProperties implements Validator {

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
    private final Restart restart = new Restart();

    /** How critical services drive the application's availability. */
    private final Availability availability = new Availability();

    /** The services actuator endpoint. */
    private final Endpoint endpoint = new Endpoint();

    /**
     * Settings of individual services, by service id (name, or name:qualifier written as
     * {@code lifecycle.services[name:qualifier]}), overriding the settings above.
     */
    private Map<String, ServiceSettings> services = new LinkedHashMap<>();

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

    public Restart getRestart() {
        return restart;
    }

    public Availability getAvailability() {
        return availability;
    }

    public Endpoint getEndpoint() {
        return endpoint;
    }

    public Map<String, ServiceSettings> getServices() {
        return services;
    }

    public void setServices(Map<String, ServiceSettings> services) {
        this.services = services;
    }

    /** Properties of this type are checked by {@link LifecyclePropertiesValidator} when they are bound. */
    @Override
    public boolean supports(Class<?> type) {
        return LifecycleProperties.class.isAssignableFrom(type);
    }

    /** Checks the properties with {@link LifecyclePropertiesValidator}. */
    @Override
    public void validate(Object target, Errors errors) {
        LifecyclePropertiesValidator.validate((LifecycleProperties) target, errors);
    }

    /**
     * Restart policy: of every service under {@code lifecycle.restart}, of one under
     * {@code lifecycle.services.<id>.restart}. A value left unset ({@code null}) takes the one of every service.
     */
    public static class Restart {

        /** Whether a failed service is restarted at all; when false it stays FAILED until restarted by hand. */
        private @Nullable Boolean enabled = true;

        /**
         * How many restarts are allowed within the window; past that the service gives up and the escalation
         * applies.
         */
        private @Nullable Integer maxRestarts = 5;

        /** The intensity window, and how long a service must run to reset its back-off. */
        private @Nullable Duration window = Duration.ofSeconds(60);

        /**
         * What happens when a service gives up: NONE (it stays FAILED, health DOWN) or SHUTDOWN (the application
         * closes and the process exits with lifecycle.exit-status).
         */
        private @Nullable Escalation escalation = Escalation.NONE;

        /** Delay before each restart. */
        private final Backoff backoff = new Backoff();

        /** A restart policy with nothing set, for one service: every value is that of every service. */
        static Restart unset() {
            Restart restart = new Restart();
            restart.enabled = null;
            restart.maxRestarts = null;
            restart.window = null;
            restart.escalation = null;
            restart.backoff.initial = null;
            restart.backoff.max = null;
            restart.backoff.multiplier = null;
            restart.backoff.jitter = null;
            return restart;
        }

        public @Nullable Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(@Nullable Boolean enabled) {
            this.enabled = enabled;
        }

        public @Nullable Integer getMaxRestarts() {
            return maxRestarts;
        }

        public void setMaxRestarts(@Nullable Integer maxRestarts) {
            this.maxRestarts = maxRestarts;
        }

        public @Nullable Duration getWindow() {
            return window;
        }

        public void setWindow(@Nullable Duration window) {
            this.window = window;
        }

        public @Nullable Escalation getEscalation() {
            return escalation;
        }

        public void setEscalation(@Nullable Escalation escalation) {
            this.escalation = escalation;
        }

        public Backoff getBackoff() {
            return backoff;
        }
    }

    /** Exponential back-off with jitter before a restart; a value left unset takes the one of every service. */
    public static class Backoff {

        /** Delay before the first restart. */
        private @Nullable Duration initial = Duration.ofMillis(100);

        /** Longest delay. */
        private @Nullable Duration max = Duration.ofSeconds(30);

        /** How much the delay grows with each restart; at least 1. */
        private @Nullable Double multiplier = 2.0;

        /** Random fraction, from 0 to 1, by which a delay may be shortened. */
        private @Nullable Double jitter = 0.2;

        public @Nullable Duration getInitial() {
            return initial;
        }

        public void setInitial(@Nullable Duration initial) {
            this.initial = initial;
        }

        public @Nullable Duration getMax() {
            return max;
        }

        public void setMax(@Nullable Duration max) {
            this.max = max;
        }

        public @Nullable Double getMultiplier() {
            return multiplier;
        }

        public void setMultiplier(@Nullable Double multiplier) {
            this.multiplier = multiplier;
        }

        public @Nullable Double getJitter() {
            return jitter;
        }

        public void setJitter(@Nullable Double jitter) {
            this.jitter = jitter;
        }
    }

    /** How critical services drive the application's availability. */
    public static class Availability {

        /**
         * Whether the application refuses traffic (readiness REFUSING_TRAFFIC) while a critical service is not
         * RUNNING.
         */
        private boolean readiness = true;

        /** Whether a critical service that gives up marks the application broken (liveness BROKEN). */
        private boolean liveness = true;

        public boolean isReadiness() {
            return readiness;
        }

        public void setReadiness(boolean readiness) {
            this.readiness = readiness;
        }

        public boolean isLiveness() {
            return liveness;
        }

        public void setLiveness(boolean liveness) {
            this.liveness = liveness;
        }
    }

    /** The services actuator endpoint. */
    public static class Endpoint {

        /**
         * How long a write operation (fail, restart, stop, start) waits for the services to settle before it
         * answers with them as they are then; the operation goes on. Defaults to the start timeout plus the stop
         * timeout: a restart stops a service and starts it again.
         */
        private @Nullable Duration operationTimeout;

        public @Nullable Duration getOperationTimeout() {
            return operationTimeout;
        }

        public void setOperationTimeout(@Nullable Duration operationTimeout) {
            this.operationTimeout = operationTimeout;
        }
    }

    /** Settings of one service; anything left unset takes the setting of every service. */
    public static class ServiceSettings {

        /**
         * Whether to run this service bean; when false it is not installed, and services that require it fail
         * start-up as missing.
         */
        private boolean enabled = true;

        /** Whether the application cannot work without this service (overrides @LifecycleService(critical)). */
        private @Nullable Boolean critical;

        /** How long the service's setup and start may take. */
        private @Nullable Duration startTimeout;

        /** How long the service's stop and join may take. */
        private @Nullable Duration stopTimeout;

        /** Restart policy of the service. */
        private final Restart restart = Restart.unset();

        /**
         * When the service starts (overrides @LifecycleService(mode)): ACTIVE as soon as its requirements are
         * RUNNING, ON_DEMAND only while a dependent needs it, NEVER not at all.
         */
        private @Nullable StartMode mode;

        /** How long an ON_DEMAND service keeps running once no dependent needs it; by default it stops at once. */
        private @Nullable Duration idleDelay;

        /**
         * Prefixes of the configuration keys the service reads, such as 'db.,cache.': when keys under them change,
         * the service restarts with its dependents. Adds to @LifecycleService(restartOnChange) and to the
         * @ConfigurationProperties beans the service bean is given.
         */
        private List<String> restartOnChange = new ArrayList<>();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public @Nullable Boolean getCritical() {
            return critical;
        }

        public void setCritical(@Nullable Boolean critical) {
            this.critical = critical;
        }

        public @Nullable Duration getStartTimeout() {
            return startTimeout;
        }

        public void setStartTimeout(@Nullable Duration startTimeout) {
            this.startTimeout = startTimeout;
        }

        public @Nullable Duration getStopTimeout() {
            return stopTimeout;
        }

        public void setStopTimeout(@Nullable Duration stopTimeout) {
            this.stopTimeout = stopTimeout;
        }

        public Restart getRestart() {
            return restart;
        }

        public @Nullable StartMode getMode() {
            return mode;
        }

        public void setMode(@Nullable StartMode mode) {
            this.mode = mode;
        }

        public @Nullable Duration getIdleDelay() {
            return idleDelay;
        }

        public void setIdleDelay(@Nullable Duration idleDelay) {
            this.idleDelay = idleDelay;
        }

        public List<String> getRestartOnChange() {
            return restartOnChange;
        }

        public void setRestartOnChange(List<String> restartOnChange) {
            this.restartOnChange = restartOnChange;
        }
    }
}
