package dev.lifecycle.core;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** A {@link ServiceHandle}: looks the service up by id on every call, so it survives removal and reinstallation. */
final class Handle<T> implements ServiceHandle<T> {

    private final Engine engine;
    private final ServiceKey<T> key;

    Handle(Engine engine, ServiceKey<T> key) {
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
        Controller c = engine.require(key.id());
        Object value = c.value;
        if (value == Controller.NO_VALUE) {
            throw engine.locked(batch -> engine.reports.notRunning(c));
        }
        Installer.checkHandleType(c, key);
        return (T) value;
    }

    @Override
    public ServiceState state() {
        Controller c = engine.services.get(key.id());
        return c == null ? ServiceState.REMOVED : c.phase.state;
    }

    @Override
    public CompletableFuture<@Nullable T> await() {
        return engine.await(key);
    }

    @Override
    public String toString() {
        return "ServiceHandle[" + key + "]";
    }
}
