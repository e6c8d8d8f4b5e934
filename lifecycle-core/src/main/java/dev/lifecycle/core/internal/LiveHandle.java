package dev.lifecycle.core.internal;

import dev.lifecycle.core.ServiceHandle;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceState;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** A {@link ServiceHandle}: looks the service up by id on every call, so it survives removal and reinstallation. */
final class LiveHandle<T> implements ServiceHandle<T> {

    private final Engine engine;
    private final ServiceKey<T> key;

    LiveHandle(Engine engine, ServiceKey<T> key) {
        this.engine = engine;
        this.key = key;
    }

    @Override
    public ServiceKey<T> key() {
        return key;
    }

    @Override
    @SuppressWarnings("unchecked")
    public @Nullable T get() {
        ServiceRecord c = engine.lookup.require(key.id());
        Object value = c.publishedValue();
        if (value == ServiceRecord.NO_VALUE) {
            throw engine.loop.locked(change -> engine.views.notRunning(c));
        }
        Installer.checkHandleType(c, key);
        return (T) value;
    }

    @Override
    public ServiceState state() {
        ServiceRecord c = engine.state.services.get(key.id());
        return c == null ? ServiceState.REMOVED : c.phase().state;
    }

    @Override
    public CompletableFuture<@Nullable T> await() {
        return engine.progress.awaitValue(key);
    }

    @Override
    public String toString() {
        return "ServiceHandle[" + key + "]";
    }
}
