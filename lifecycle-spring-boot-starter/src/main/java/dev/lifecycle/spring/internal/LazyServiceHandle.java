package dev.lifecycle.spring.internal;

import dev.lifecycle.core.ServiceHandle;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceState;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ServiceHandle} injected into beans: looks the registry up on first use, so that injecting it never
 * creates the registry early.
 */
final class LazyServiceHandle<T> implements ServiceHandle<T> {

    private final ServiceKey<T> key;
    private final Supplier<ServiceRegistry> registrySupplier;
    private volatile @Nullable ServiceHandle<T> handle;

    LazyServiceHandle(ServiceKey<T> key, Supplier<ServiceRegistry> registrySupplier) {
        this.key = key;
        this.registrySupplier = registrySupplier;
    }

    private ServiceHandle<T> handle() {
        ServiceHandle<T> h = handle;
        if (h == null) {
            h = registrySupplier.get().handle(key);
            handle = h;
        }
        return h;
    }

    @Override
    public ServiceKey<T> key() {
        return key;
    }

    @Override
    public @Nullable T get() {
        return handle().get();
    }

    @Override
    public ServiceState state() {
        return handle().state();
    }

    @Override
    public CompletableFuture<@Nullable T> await() {
        return handle().await();
    }

    @Override
    public String toString() {
        return "ServiceHandle[" + key + "]";
    }
}
