package dev.lifecycle.core;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/** The {@link ServiceInit} passed to one {@link Service#init} call; refuses use after the call returns. */
final class InitCollector implements ServiceInit {

    private final Engine engine;
    private final ServiceKey<?> key;
    final java.util.List<Dependency> requires = new java.util.ArrayList<>();
    final Set<String> wants = new LinkedHashSet<>();
    private volatile boolean closed;

    InitCollector(Engine engine, ServiceKey<?> key) {
        this.engine = engine;
        this.key = key;
    }

    @Override
    public ServiceKey<?> key() {
        return key;
    }

    @Override
    public <T> ServiceHandle<T> requires(ServiceKey<T> required) {
        checkOpen();
        requires.add(new Dependency(Objects.requireNonNull(required, "key").id(), required.type()));
        return engine.handle(required);
    }

    @Override
    public void dependsOn(String id) {
        checkOpen();
        requires.add(new Dependency(Installer.checkId(id), null));
    }

    @Override
    public void wants(String id) {
        checkOpen();
        wants.add(Installer.checkId(id));
    }

    void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The ServiceInit of '" + key.id() + "' was used after init() returned; "
                    + "declare requirements inside init()");
        }
    }
}
