package dev.lifecycle.core.internal;

import dev.lifecycle.core.RestartPolicy;
import dev.lifecycle.core.Scheduler;
import dev.lifecycle.core.ServiceInterceptor;
import dev.lifecycle.core.ServiceRegistryBuilder;
import dev.lifecycle.core.event.ServiceListener;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ServiceRegistryBuilder} was given, handed to the engine as one immutable value.
 *
 * @param executor where user code runs, or {@code null} for the shared default
 * @param virtualThreads whether the shared default for user code is virtual threads (where the JVM has them) rather
 *        than platform threads
 * @param scheduler where timers run, or {@code null} for the shared default
 * @param clock the registry's clock
 * @param random the jitter source, or {@code null} for the default
 * @param restartPolicy the restart policy of services without their own
 * @param startTimeout the start timeout of services without their own
 * @param stopTimeout the stop timeout of services without their own
 * @param healthCheckInterval how often health checks run
 * @param eventDeliveryTimeout how long {@code close()} waits for the listeners
 * @param shutdownHook whether a JVM shutdown hook closes the registry
 * @param listeners the listeners added from the start
 * @param interceptors what wraps every installed service, in order
 * @param overrides fixed values replacing services, by id
 */
public record RegistryOptions(@Nullable Executor executor, boolean virtualThreads, @Nullable Scheduler scheduler,
        Clock clock, @Nullable DoubleSupplier random, RestartPolicy restartPolicy, Duration startTimeout,
        Duration stopTimeout, Duration healthCheckInterval, Duration eventDeliveryTimeout, boolean shutdownHook,
        List<ServiceListener> listeners, List<ServiceInterceptor> interceptors,
        Map<String, ValueOverride<?>> overrides) {

    /** Copies the collections. */
    public RegistryOptions {
        listeners = List.copyOf(listeners);
        interceptors = List.copyOf(interceptors);
        overrides = Map.copyOf(overrides);
    }
}
