package dev.lifecycle.core;

import dev.lifecycle.core.internal.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A service ready to install: its key, its implementation, what it requires and its options. Immutable.
 *
 * <pre>{@code
 * ServiceDefinition.builder(ServiceKey.of("dbclient", DbClient.class), ctx -> DbClient.connect(config.get()))
 *     .requires(config.key())
 *     .startTimeout(Duration.ofSeconds(10))
 *     .build();
 * }</pre>
 *
 * <p>Requirements declared here add to those the service declares in its own {@link Service#init}. Options left
 * unset take the registry's defaults.
 *
 * @param <T> the value type
 * @since 0.1
 */
public final class ServiceDefinition<T> {

    private final ServiceKey<T> key;
    private final Service<T> service;
    private final List<ServiceKey<?>> requires;
    private final List<String> dependsOn;
    private final List<String> wants;
    private final @Nullable Duration startTimeout;
    private final @Nullable Duration stopTimeout;
    private final @Nullable RestartPolicy restartPolicy;
    private final @Nullable HealthCheck healthCheck;
    private final int failAfterUnhealthyChecks;
    private final StartMode mode;
    private final Duration idleDelay;
    private final @Nullable String leaderGroup;

    private ServiceDefinition(Builder<T> builder) {
        this.key = builder.key;
        this.service = builder.service;
        this.requires = List.copyOf(builder.requires);
        this.dependsOn = List.copyOf(builder.dependsOn);
        this.wants = List.copyOf(builder.wants);
        this.startTimeout = builder.startTimeout;
        this.stopTimeout = builder.stopTimeout;
        this.restartPolicy = builder.restartPolicy;
        this.healthCheck = builder.healthCheck;
        this.failAfterUnhealthyChecks = builder.failAfterUnhealthyChecks;
        this.mode = builder.mode;
        this.idleDelay = builder.idleDelay;
        this.leaderGroup = builder.leaderGroup;
    }

    /**
     * A definition with nothing but a key and an implementation.
     *
     * @param name the service name
     * @param type the value type
     * @param service the implementation
     * @param <T> the value type
     * @return the definition
     */
    public static <T> ServiceDefinition<T> of(String name, Class<T> type, Service<T> service) {
        return of("ServiceDefinition.of(name, type, service)", name, type, service);
    }

    /** {@link #of(String, Class, Service)} called by {@code call}, which the messages name. */
    static <T> ServiceDefinition<T> of(String call, String name, Class<T> type, Service<T> service) {
        Checks.notNull(name, call, "name");
        Checks.notNull(type, call, "type");
        Checks.notNull(service, call, "service");
        return builder(ServiceKey.of(name, type), service).build();
    }

    /**
     * A builder.
     *
     * @param key the key to install the service under
     * @param service the implementation
     * @param <T> the value type
     * @return the builder
     */
    public static <T> Builder<T> builder(ServiceKey<T> key, Service<T> service) {
        return new Builder<>(key, service);
    }

    /**
     * The key.
     *
     * @return the key the service is installed under
     */
    public ServiceKey<T> key() {
        return key;
    }

    /**
     * The implementation.
     *
     * @return the service's implementation
     */
    public Service<T> service() {
        return service;
    }

    /**
     * Requirements whose values the service reads.
     *
     * @return the keys of the requirements with values, in the order they were added
     */
    public List<ServiceKey<?>> requires() {
        return requires;
    }

    /**
     * Requirements by id, without values.
     *
     * @return the ids of the requirements without values, in the order they were added
     */
    public List<String> dependsOn() {
        return dependsOn;
    }

    /**
     * Services, by id, this one is ordered after when they are installed.
     *
     * @return the ids of the services this one is ordered after, in the order they were added
     */
    public List<String> wants() {
        return wants;
    }

    /**
     * The start timeout, or {@code null} for the registry's default.
     *
     * @return the start timeout, or {@code null}
     */
    public @Nullable Duration startTimeout() {
        return startTimeout;
    }

    /**
     * The stop timeout, or {@code null} for the registry's default.
     *
     * @return the stop timeout, or {@code null}
     */
    public @Nullable Duration stopTimeout() {
        return stopTimeout;
    }

    /**
     * The restart policy, or {@code null} for the registry's default.
     *
     * @return the restart policy, or {@code null}
     */
    public @Nullable RestartPolicy restartPolicy() {
        return restartPolicy;
    }

    /**
     * The health check, if any.
     *
     * @return the health check, or {@code null} for none
     */
    public @Nullable HealthCheck healthCheck() {
        return healthCheck;
    }

    /**
     * After how many unhealthy checks in a row the service is failed; 0 never fails it.
     *
     * @return the number of unhealthy checks in a row that fails the service, or 0
     */
    public int failAfterUnhealthyChecks() {
        return failAfterUnhealthyChecks;
    }

    /**
     * When the service starts: always (the default), on demand, or never.
     *
     * @return the start mode
     */
    public StartMode mode() {
        return mode;
    }

    /**
     * How long an on-demand service that no dependent needs any more keeps running before it stops.
     *
     * @return the idle delay, zero by default
     */
    public Duration idleDelay() {
        return idleDelay;
    }

    /**
     * The group whose leader alone runs this service, if it is leader-only (see {@link Builder#leader(String)}).
     *
     * @return the group's name, or {@code null} for a service that runs on every instance
     */
    public @Nullable String leaderGroup() {
        return leaderGroup;
    }

    @Override
    public String toString() {
        return "ServiceDefinition[" + key + "]";
    }

    /**
     * Builds a {@link ServiceDefinition}. Not thread-safe.
     *
     * @param <T> the value type
     */
    public static final class Builder<T> {

        private final ServiceKey<T> key;
        private final Service<T> service;
        private final List<ServiceKey<?>> requires = new ArrayList<>();
        private final List<String> dependsOn = new ArrayList<>();
        private final List<String> wants = new ArrayList<>();
        private @Nullable Duration startTimeout;
        private @Nullable Duration stopTimeout;
        private @Nullable RestartPolicy restartPolicy;
        private @Nullable HealthCheck healthCheck;
        private int failAfterUnhealthyChecks;
        private StartMode mode = StartMode.ACTIVE;
        private Duration idleDelay = Duration.ZERO;
        private @Nullable String leaderGroup;

        private Builder(ServiceKey<T> key, Service<T> service) {
            this.key = Checks.notNull(key, "ServiceDefinition.builder(key, service)", "key");
            this.service = Checks.notNull(service, "ServiceDefinition.builder(key, service)", "service");
        }

        /**
         * Adds hard requirements whose values the service reads through {@link ServiceHandle}s.
         *
         * @param keys the keys of the services required
         * @return this builder
         */
        public Builder<T> requires(ServiceKey<?>... keys) {
            for (ServiceKey<?> k : keys) {
                requires.add(Checks.notNull(k, "ServiceDefinition.Builder.requires(keys)", "a key"));
            }
            return this;
        }

        /**
         * Adds hard requirements by id, without values.
         *
         * @param ids the ids of the services required
         * @return this builder
         */
        public Builder<T> dependsOn(String... ids) {
            for (String id : ids) {
                dependsOn.add(Checks.notNull(id, "ServiceDefinition.Builder.dependsOn(ids)", "an id"));
            }
            return this;
        }

        /**
         * Adds optional orderings by id.
         *
         * @param ids the ids of the services to start after, when installed
         * @return this builder
         */
        public Builder<T> wants(String... ids) {
            for (String id : ids) {
                wants.add(Checks.notNull(id, "ServiceDefinition.Builder.wants(ids)", "an id"));
            }
            return this;
        }

        /**
         * Sets how long setup and start together may take; must be positive.
         *
         * @param timeout the start timeout, positive
         * @return this builder
         */
        public Builder<T> startTimeout(Duration timeout) {
            this.startTimeout = positive("start timeout", timeout);
            return this;
        }

        /**
         * Sets how long stop and join together may take; must be positive.
         *
         * @param timeout the stop timeout, positive
         * @return this builder
         */
        public Builder<T> stopTimeout(Duration timeout) {
            this.stopTimeout = positive("stop timeout", timeout);
            return this;
        }

        /**
         * Sets the restart policy.
         *
         * @param policy the restart policy, replacing the registry's default
         * @return this builder
         */
        public Builder<T> restartPolicy(RestartPolicy policy) {
            this.restartPolicy = Checks.notNull(policy, "ServiceDefinition.Builder.restartPolicy(policy)", "policy");
            return this;
        }

        /**
         * Sets the health check.
         *
         * @param check the health check
         * @return this builder
         */
        public Builder<T> healthCheck(HealthCheck check) {
            this.healthCheck = Checks.notNull(check, "ServiceDefinition.Builder.healthCheck(check)", "check");
            return this;
        }

        /**
         * Fails the service after {@code checks} unhealthy health checks in a row; 0 (the default) never does.
         *
         * @param checks the number of unhealthy checks in a row, 0 or more
         * @return this builder
         */
        public Builder<T> failAfterUnhealthyChecks(int checks) {
            if (checks < 0) {
                throw new IllegalArgumentException("failAfterUnhealthyChecks must be >= 0, was " + checks);
            }
            this.failAfterUnhealthyChecks = checks;
            return this;
        }

        /**
         * Sets when the service starts (see {@link StartMode}); {@link StartMode#ACTIVE} by default.
         *
         * @param mode the start mode
         * @return this builder
         */
        public Builder<T> mode(StartMode mode) {
            this.mode = Checks.notNull(mode, "ServiceDefinition.Builder.mode(mode)", "mode");
            return this;
        }

        /**
         * Sets how long an {@link StartMode#ON_DEMAND on-demand} service keeps running once no dependent needs it
         * (zero, the default, stops it at once); if a dependent needs it again meanwhile, it keeps running.
         *
         * @param delay the idle delay, not negative
         * @return this builder
         */
        public Builder<T> idleDelay(Duration delay) {
            Checks.notNull(delay, "ServiceDefinition.Builder.idleDelay(delay)", "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("The idle delay must not be negative, was " + delay);
            }
            this.idleDelay = delay;
            return this;
        }

        /**
         * Makes the service leader-only: it runs only while this instance leads {@code group}, as an election engine
         * says through {@link ServiceRegistry#leadership()}. Until leadership is granted, and after it is revoked, the
         * service is STOPPED by design (reason {@link TransitionReason#LEADERSHIP}; its snapshot says
         * {@link ServiceSnapshot#standby() standby}), its dependents wait for it, and
         * {@link ServiceRegistry#startAll()} completes without it. Losing leadership stops its dependents, then it;
         * gaining it starts it, then them. It combines with the {@link #mode(StartMode) start mode}: a disabled service
         * never starts, an on-demand one starts on the leader while a dependent needs it.
         *
         * @param group the group's name: not blank, no control characters (for example {@code "scheduling"})
         * @return this builder
         */
        public Builder<T> leader(String group) {
            this.leaderGroup = Checks.leaderGroup(group, "ServiceDefinition.Builder.leader(group)");
            return this;
        }

        /**
         * Builds the definition.
         *
         * @return an immutable definition of what this builder was given
         */
        public ServiceDefinition<T> build() {
            return new ServiceDefinition<>(this);
        }

        static Duration positive(String what, Duration value) {
            if (value == null) {
                throw new NullPointerException("The " + what + " must not be null");
            }
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("The " + what + " must be positive, was " + value);
            }
            return value;
        }
    }
}
