package dev.lifecycle.plainsample;

import dev.lifecycle.core.ServiceHandle;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceState;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** The values of the plain services that run, by key: what a requirement's handle reads. */
final class PlainValues {

    private final Map<ServiceKey<?>, Object> values = new ConcurrentHashMap<>();

    void put(ServiceKey<?> key, @Nullable Object value) {
        if (value != null) {
            values.put(key, value);
        }
    }

    void remove(ServiceKey<?> key) {
        values.remove(key);
    }

    /** A handle reading the value of {@code key} while its service runs. */
    <T> ServiceHandle<T> handle(ServiceKey<T> key) {
        return new ServiceHandle<>() {
            @Override
            public ServiceKey<T> key() {
                return key;
            }

            @Override
            public @Nullable T get() {
                return key.type().cast(values.get(key));
            }

            @Override
            public ServiceState state() {
                return values.containsKey(key) ? ServiceState.RUNNING : ServiceState.STOPPED;
            }

            @Override
            public CompletableFuture<@Nullable T> await() {
                return CompletableFuture.completedFuture(get());
            }
        };
    }
}
