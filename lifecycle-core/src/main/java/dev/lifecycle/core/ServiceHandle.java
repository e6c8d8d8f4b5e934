package dev.lifecycle.core;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A live reference to a service of a registry: what {@link ServiceRegistry#install} returns and what
 * {@link ServiceInit#requires} injects. It stays valid across restarts: {@link #get()} always returns the value of
 * the current start cycle.
 *
 * @param <T> the value type
 * @since 0.1
 */
public interface ServiceHandle<T> {

    /**
     * The key this handle refers to.
     *
     * @return the service's key
     */
    ServiceKey<T> key();

    /**
     * The current value. It stays readable while the service is STOPPING but its dependents have not all stopped,
     * so that they can still use it in their own stop and join.
     *
     * @return the value published by the current start cycle ({@code null} for a {@link Void} service)
     * @throws ServiceNotRunningException if the service has no value: it is not RUNNING, nor stopping its
     *         dependents (the message says its state and why)
     * @throws UnknownServiceException if no service is installed under the key
     */
    @Nullable T get();

    /**
     * The current state, {@link ServiceState#REMOVED} if the service is not installed.
     *
     * @return the service's state now
     */
    ServiceState state();

    /**
     * A future completing with the value once the service is RUNNING; completes at once if it is already.
     * It fails, with the cause, once the service gives up or is removed.
     *
     * @return a future of the value the service publishes when it is RUNNING
     */
    CompletableFuture<@Nullable T> await();
}
