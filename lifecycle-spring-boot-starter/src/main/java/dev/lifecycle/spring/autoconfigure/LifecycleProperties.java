package dev.lifecycle.spring.autoconfigure;

import dev.lifecycle.core.Escalation;
import dev.lifecycle.core.RestartPolicy;
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
 * Configuration properties of the service registry, under {@code lifecycle.}. Validated when bound: a bad value
 * fails start-up with the property's name and what it must be.
 *
 * @since 0.1
 */
@ConfigurationProperties("lifecycle")
@Validated
public class LifecycleProperties implements Validator {

    /**
     * Whether to run the service beans in a service registry.
     */
    private boolean enabled = true;

    /**
     * Lifecycle phase in which the services start and stop. The default, Integer.MAX_VALUE - 4096, is below the web
     * server's phase: services are RUNNING before it takes traffic and stop after it has drained.
     */
    private int phase = Integer.MAX_VALUE - 4096;

    /**
     * How long a service's setup and start may take before it is failed.
     */
    private Duration startTimeout = Duration.ofSeconds(60);

    /**
     * How long a service's stop and join may take before the registry stops waiting for it.
     */
    private Duration stopTimeout = Duration.ofSeconds(10);

    /**
     * How long application start-up waits for the services to start. When it ends, critical services that are not
     * RUNNING fail the start-up, the others go on starting in the background. Defaults to the start timeout.
     */
    private @Nullable Duration startupTimeout;

    /**
     * How often the health checks of services that have one run.
     */
    private Duration healthCheckInterval = Duration.ofSeconds(10);

    /**
     * Names of existing Lifecycle or SmartLifecycle beans to run as services (in addition to those annotated with
     * {@code @LifecycleService}): the registry, not Spring, then starts and stops them in dependency order.
     */
    private List<String> adopt = new ArrayList<>();

    /**
     * Exit status of the process when a service gives up with escalation SHUTDOWN; must not be 0.
     */
    private int exitStatus = 1;

    /**
     * Restart policy of every service.
     */
    private final Restart restart = new Restart();

    /**
     * How critical services drive the application's availability.
     */
    private final Availability availability = new Availability();

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

    public Map<String, ServiceSettings> getServices() {
        return services;
    }

    public void setServices(Map<String, ServiceSettings> services) {
        this.services = services;
    }

    /** How long start-up waits: the start-up timeout, else the start timeout. */
    Duration effectiveStartupTimeout() {
        return startupTimeout != null ? startupTimeout : startTimeout;
    }

    /** The restart policy these properties describe. */
    RestartPolicy restartPolicy() {
        Backoff b = restart.backoff;
        return new RestartPolicy(restart.enabled, b.initial, b.max, b.multiplier, b.jitter, restart.maxRestarts,
                restart.window, restart.escalation);
    }

    @Override
    public boolean supports(Class<?> type) {
        return LifecycleProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        LifecycleProperties p = (LifecycleProperties) target;
        positive(errors, "start-timeout", p.startTimeout);
        positive(errors, "stop-timeout", p.stopTimeout);
        positive(errors, "startup-timeout", p.startupTimeout);
        positive(errors, "health-check-interval", p.healthCheckInterval);
        if (p.exitStatus == 0) {
            errors.rejectValue("exitStatus", "invalid", "must not be 0: it tells the platform the application failed");
        }
        Restart r = p.restart;
        checkRestart(errors, "restart.", r.maxRestarts, r.window, r.backoff.initial, r.backoff.max,
                r.backoff.multiplier, r.backoff.jitter);
        p.services.forEach((id, s) -> {
            String prefix = "services[" + id + "].";
            if (id.isBlank() || id.chars().anyMatch(Character::isWhitespace)) {
                errors.rejectValue("services", "invalid", "invalid service id '" + id + "': a service id is a name, "
                        + "or name:qualifier, without whitespace");
            }
            positive(errors, prefix + "start-timeout", s.startTimeout);
            positive(errors, prefix + "stop-timeout", s.stopTimeout);
            ServiceRestart sr = s.restart;
            checkRestart(errors, prefix + "restart.", or(sr.maxRestarts, r.maxRestarts), or(sr.window, r.window),
                    or(sr.backoff.initial, r.backoff.initial), or(sr.backoff.max, r.backoff.max),
                    or(sr.backoff.multiplier, r.backoff.multiplier), or(sr.backoff.jitter, r.backoff.jitter));
        });
    }

    private static void checkRestart(Errors errors, String prefix, int maxRestarts, Duration window, Duration initial,
            Duration max, double multiplier, double jitter) {
        if (maxRestarts < 0) {
            errors.rejectValue(field(prefix + "max-restarts"), "invalid", "must be 0 or more, was " + maxRestarts);
        }
        positive(errors, prefix + "window", window);
        if (initial.isNegative()) {
            errors.rejectValue(field(prefix + "backoff.initial"), "invalid", "must not be negative, was " + initial);
        }
        if (max.compareTo(initial) < 0) {
            errors.rejectValue(field(prefix + "backoff.max"), "invalid",
                    "must be at least the initial back-off (" + initial + "), was " + max);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            errors.rejectValue(field(prefix + "backoff.multiplier"), "invalid",
                    "must be 1 or more (the delay must not shrink), was " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            errors.rejectValue(field(prefix + "backoff.jitter"), "invalid",
                    "must be between 0 and 1 (a fraction of the delay), was " + jitter);
        }
    }

    private static void positive(Errors errors, String name, @Nullable Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            errors.rejectValue(field(name), "invalid", "must be positive, was " + value);
        }
    }

    /** A property path ({@code restart.max-restarts}) as the bean field path the binder reports. */
    private static String field(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = false;
        boolean inBrackets = false;
        for (char c : name.toCharArray()) {
            if (c == '[') {
                inBrackets = true;
            }
            else if (c == ']') {
                inBrackets = false;
            }
            if (c == '-' && !inBrackets) {
                upper = true;
            }
            else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private static <T> T or(@Nullable T value, T fallback) {
        return value != null ? value : fallback;
    }

    /** Restart policy of every service. */
    public static class Restart {

        /**
         * Whether a failed service is restarted at all; when false it stays FAILED until restarted by hand.
         */
        private boolean enabled = true;

        /**
         * How many restarts are allowed within the window; past that the service gives up and the escalation
         * applies.
         */
        private int maxRestarts = 5;

        /**
         * The intensity window, and how long a service must run to reset its back-off.
         */
        private Duration window = Duration.ofSeconds(60);

        /**
         * What happens when a service gives up: NONE (it stays FAILED, health DOWN) or SHUTDOWN (the application
         * closes and the process exits with lifecycle.exit-status).
         */
        private Escalation escalation = Escalation.NONE;

        /**
         * Delay before each restart.
         */
        private final Backoff backoff = new Backoff();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getMaxRestarts() {
            return maxRestarts;
        }

        public void setMaxRestarts(int maxRestarts) {
            this.maxRestarts = maxRestarts;
        }

        public Duration getWindow() {
            return window;
        }

        public void setWindow(Duration window) {
            this.window = window;
        }

        public Escalation getEscalation() {
            return escalation;
        }

        public void setEscalation(Escalation escalation) {
            this.escalation = escalation;
        }

        public Backoff getBackoff() {
            return backoff;
        }
    }

    /** Exponential back-off with jitter before a restart. */
    public static class Backoff {

        /**
         * Delay before the first restart.
         */
        private Duration initial = Duration.ofMillis(100);

        /**
         * Longest delay.
         */
        private Duration max = Duration.ofSeconds(30);

        /**
         * How much the delay grows with each restart; at least 1.
         */
        private double multiplier = 2.0;

        /**
         * Random fraction, from 0 to 1, by which a delay may be shortened.
         */
        private double jitter = 0.2;

        public Duration getInitial() {
            return initial;
        }

        public void setInitial(Duration initial) {
            this.initial = initial;
        }

        public Duration getMax() {
            return max;
        }

        public void setMax(Duration max) {
            this.max = max;
        }

        public double getMultiplier() {
            return multiplier;
        }

        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        public double getJitter() {
            return jitter;
        }

        public void setJitter(double jitter) {
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

        /**
         * Whether a critical service that gives up marks the application broken (liveness BROKEN).
         */
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

    /** Settings of one service; anything left unset takes the global setting. */
    public static class ServiceSettings {

        /**
         * Whether to run this service bean; when false it is not installed, and services that require it fail
         * start-up as missing.
         */
        private boolean enabled = true;

        /**
         * Whether the application cannot work without this service (overrides @LifecycleService(critical)).
         */
        private @Nullable Boolean critical;

        /**
         * How long the service's setup and start may take.
         */
        private @Nullable Duration startTimeout;

        /**
         * How long the service's stop and join may take.
         */
        private @Nullable Duration stopTimeout;

        /**
         * Restart policy of the service.
         */
        private final ServiceRestart restart = new ServiceRestart();

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

        public ServiceRestart getRestart() {
            return restart;
        }

        /** Whether any restart setting is set. */
        boolean hasRestartSettings() {
            ServiceBackoff b = restart.backoff;
            return restart.enabled != null || restart.maxRestarts != null || restart.window != null
                    || restart.escalation != null || b.initial != null || b.max != null || b.multiplier != null
                    || b.jitter != null;
        }

        /** {@code base} with this service's restart settings applied. */
        RestartPolicy restartPolicy(RestartPolicy base) {
            ServiceBackoff b = restart.backoff;
            return new RestartPolicy(or(restart.enabled, base.restart()), or(b.initial, base.initialBackoff()),
                    or(b.max, base.maxBackoff()), or(b.multiplier, base.multiplier()), or(b.jitter, base.jitter()),
                    or(restart.maxRestarts, base.maxRestarts()), or(restart.window, base.window()),
                    or(restart.escalation, base.escalation()));
        }
    }

    /** Restart policy of one service; anything left unset takes the global setting. */
    public static class ServiceRestart {

        /**
         * Whether the service is restarted after a failure.
         */
        private @Nullable Boolean enabled;

        /**
         * How many restarts are allowed within the window.
         */
        private @Nullable Integer maxRestarts;

        /**
         * The intensity window.
         */
        private @Nullable Duration window;

        /**
         * What happens when the service gives up: NONE or SHUTDOWN.
         */
        private @Nullable Escalation escalation;

        /**
         * Delay before each restart.
         */
        private final ServiceBackoff backoff = new ServiceBackoff();

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

        public ServiceBackoff getBackoff() {
            return backoff;
        }
    }

    /** Back-off of one service; anything left unset takes the global setting. */
    public static class ServiceBackoff {

        /**
         * Delay before the first restart.
         */
        private @Nullable Duration initial;

        /**
         * Longest delay.
         */
        private @Nullable Duration max;

        /**
         * How much the delay grows with each restart.
         */
        private @Nullable Double multiplier;

        /**
         * Random fraction, from 0 to 1, by which a delay may be shortened.
         */
        private @Nullable Double jitter;

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
}
