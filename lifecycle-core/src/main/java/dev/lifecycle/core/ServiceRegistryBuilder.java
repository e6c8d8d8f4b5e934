package dev.lifecycle.core;

import dev.lifecycle.core.event.ServiceListener;
import dev.lifecycle.core.internal.Checks;
import dev.lifecycle.core.internal.DefaultServiceRegistry;
import dev.lifecycle.core.internal.RegistryOptions;
import dev.lifecycle.core.internal.ValueOverride;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link ServiceRegistry}. Not thread-safe; each {@link #build()} makes an independent registry.
 *
 * <p>Defaults: user code runs on virtual threads on Java 21 and later, and on a pool of daemon threads that grows
 * with demand on Java 17 (so a blocking start never holds another back; {@link #virtualThreads(boolean)
 * virtualThreads(false)} chooses that pool on any Java); timers run on one daemon thread. These
 * threads are shared by the registries of the JVM that use the defaults, and end when idle. Start timeout 60 s,
 * stop timeout 10 s; {@link RestartPolicy#defaults()}; health checks every 10 s; {@code close()} waits up to 10 s for
 * the listeners.
 *
 * @since 0.1
 */
public final class ServiceRegistryBuilder {

    private @Nullable Executor executor;
    private boolean virtualThreads = true;
    private @Nullable Scheduler scheduler;
    private Clock clock = Clock.systemUTC();
    private @Nullable DoubleSupplier random;
    private RestartPolicy restartPolicy = RestartPolicy.defaults();
    private Duration startTimeout = Duration.ofSeconds(60);
    private Duration stopTimeout = Duration.ofSeconds(10);
    private Duration healthCheckInterval = Duration.ofSeconds(10);
    private Duration eventDeliveryTimeout = Duration.ofSeconds(10);
    private boolean shutdownHook;
    private final List<ServiceInterceptor> interceptors = new ArrayList<>();
    private final List<ServiceListener> listeners = new ArrayList<>();
    private final Map<String, ValueOverride<?>> overrides = new LinkedHashMap<>();

    ServiceRegistryBuilder() {
    }

    /**
     * Runs setup, start, stop, join and health checks on this executor; the registry does not shut it down.
     *
     * @param executor the executor of the services' code
     * @return this builder
     */
    public ServiceRegistryBuilder executor(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
        return this;
    }

    /**
     * Which threads run user code when no {@link #executor(Executor) executor} is given: {@code true} (the default)
     * for virtual threads where the JVM has them (Java 21 and later) and the pool of platform threads otherwise;
     * {@code false} for the pool of platform daemon threads that grows with demand, on any Java. Both are shared by
     * the registries of the JVM that use them. Ignored when an executor is given.
     *
     * @param enabled whether to use virtual threads where the JVM has them
     * @return this builder
     */
    public ServiceRegistryBuilder virtualThreads(boolean enabled) {
        this.virtualThreads = enabled;
        return this;
    }

    /**
     * Runs timers (timeouts, back-offs, health checks) on this scheduler.
     *
     * @param scheduler the scheduler of the registry's timers
     * @return this builder
     */
    public ServiceRegistryBuilder scheduler(Scheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        return this;
    }

    /**
     * Reads time from this clock: timestamps, durations, back-off windows.
     *
     * @param clock the registry's clock
     * @return this builder
     */
    public ServiceRegistryBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Draws the back-off jitter from this source of numbers in {@code [0, 1)}.
     *
     * @param random the source of the jitter
     * @return this builder
     */
    public ServiceRegistryBuilder random(DoubleSupplier random) {
        this.random = Objects.requireNonNull(random, "random");
        return this;
    }

    /**
     * The restart policy of services that do not set their own.
     *
     * @param policy the default restart policy
     * @return this builder
     */
    public ServiceRegistryBuilder restartPolicy(RestartPolicy policy) {
        this.restartPolicy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /**
     * The start timeout of services that do not set their own; must be positive.
     *
     * @param timeout the default start timeout, positive
     * @return this builder
     */
    public ServiceRegistryBuilder startTimeout(Duration timeout) {
        this.startTimeout = ServiceDefinition.Builder.positive("start timeout", timeout);
        return this;
    }

    /**
     * The stop timeout of services that do not set their own; must be positive.
     *
     * @param timeout the default stop timeout, positive
     * @return this builder
     */
    public ServiceRegistryBuilder stopTimeout(Duration timeout) {
        this.stopTimeout = ServiceDefinition.Builder.positive("stop timeout", timeout);
        return this;
    }

    /**
     * How often health checks run; must be positive.
     *
     * @param interval the time between two rounds of health checks, positive
     * @return this builder
     */
    public ServiceRegistryBuilder healthCheckInterval(Duration interval) {
        this.healthCheckInterval = ServiceDefinition.Builder.positive("health check interval", interval);
        return this;
    }

    /**
     * How long {@link ServiceRegistry#close()} waits, once every service has stopped, for the listeners to receive the
     * last events (default 10 s); a listener that blocks longer is logged and left behind. Must be positive.
     *
     * @param timeout the longest wait for the listeners at close, positive
     * @return this builder
     */
    public ServiceRegistryBuilder eventDeliveryTimeout(Duration timeout) {
        this.eventDeliveryTimeout = ServiceDefinition.Builder.positive("event delivery timeout", timeout);
        return this;
    }

    /**
     * Whether a JVM shutdown hook stops every service (off by default).
     *
     * @param enabled whether to add the shutdown hook
     * @return this builder
     */
    public ServiceRegistryBuilder shutdownHook(boolean enabled) {
        this.shutdownHook = enabled;
        return this;
    }

    /**
     * Wraps every service installed from now on with {@code interceptor}; interceptors added later wrap the earlier
     * ones' wrappers.
     *
     * @param interceptor the interceptor
     * @return this builder
     */
    public ServiceRegistryBuilder interceptor(ServiceInterceptor interceptor) {
        interceptors.add(Checks.notNull(interceptor, "ServiceRegistryBuilder.interceptor(interceptor)", "interceptor"));
        return this;
    }

    /**
     * Adds a listener from the start.
     *
     * @param listener the listener, which receives every event from the first
     * @return this builder
     */
    public ServiceRegistryBuilder listener(ServiceListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Replaces the service installed under {@code key} by one that publishes {@code value} and requires nothing,
     * while the rest of the graph runs for real. For tests.
     *
     * @param key the key of the service to replace
     * @param value the value it publishes ({@code null} only for a {@link Void} service)
     * @param <T> the value type
     * @return this builder
     */
    public <T> ServiceRegistryBuilder override(ServiceKey<T> key, @Nullable T value) {
        Objects.requireNonNull(key, "key");
        if (value == null && key.type() != Void.class) {
            throw new IllegalArgumentException("The override of " + key + " must have a value");
        }
        overrides.put(key.id(), new ValueOverride<>(key, value));
        return this;
    }

    /**
     * Builds the registry.
     *
     * @return a new registry with this builder's options, not started
     */
    public ServiceRegistry build() {
        return DefaultServiceRegistry.create(new RegistryOptions(executor, virtualThreads, scheduler, clock, random,
                restartPolicy, startTimeout, stopTimeout, healthCheckInterval, eventDeliveryTimeout, shutdownHook,
                listeners, interceptors, overrides));
    }

}
