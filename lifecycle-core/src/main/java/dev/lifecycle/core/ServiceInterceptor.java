package dev.lifecycle.core;

/**
 * Wraps the implementation of every service installed in a registry, once, at install: to observe or change what its
 * phases do (inject faults in a test, time or trace them) without touching the services themselves. Registered with
 * {@link ServiceRegistryBuilder#interceptor}; services replaced by an override are not intercepted.
 *
 * <p>The wrapper's phases run where the service's would, with the same context; a wrapper of an {@link AsyncService}
 * should be one too, or its start is run synchronously.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ServiceInterceptor {

    /**
     * The implementation to install for {@code key}.
     *
     * @param key the key the service is installed under
     * @param service its implementation
     * @param <T> the value type
     * @return {@code service} itself, or a service that calls it
     */
    <T> Service<T> intercept(ServiceKey<T> key, Service<T> service);
}
