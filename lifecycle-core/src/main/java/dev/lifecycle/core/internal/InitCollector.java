package dev.lifecycle.core.internal;

import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceHandle;
import dev.lifecycle.core.ServiceInit;
import dev.lifecycle.core.ServiceKey;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The {@link ServiceInit} passed to one {@link Service#init} call; refuses use after the call returns. */
final class InitCollector implements ServiceInit {

    private final Engine engine;
    private final ServiceKey<?> key;
    private final Requirements requires;
    private @Nullable Set<String> wants;
    private volatile boolean closed;

    /** Collects requirements into {@code requires}, which holds those the service's definition declared. */
    InitCollector(Engine engine, ServiceKey<?> key, Requirements requires) {
        this.engine = engine;
        this.key = key;
        this.requires = requires;
    }

    @Override
    public ServiceKey<?> key() {
        return key;
    }

    @Override
    public <T> ServiceHandle<T> requires(ServiceKey<T> required) {
        checkOpen();
        requires.add(Checks.notNull(required, "ServiceInit.requires(key)", "key").id(), required.type());
        return new LiveHandle<>(engine, required);
    }

    @Override
    public void dependsOn(String id) {
        checkOpen();
        requires.add(ServiceIds.checkId(id, "ServiceInit.dependsOn(id)"), null);
    }

    @Override
    public void wants(String id) {
        checkOpen();
        want(ServiceIds.checkId(id, "ServiceInit.wants(id)"));
    }

    /** Adds a checked id to the wanted ones. */
    void want(String id) {
        if (wants == null) {
            wants = new LinkedHashSet<>();
        }
        wants.add(id);
    }

    /** The wanted ids, without duplicates, in the order first declared. */
    String[] wanted() {
        return wants == null ? ServiceRecord.NO_IDS : wants.toArray(ServiceRecord.NO_IDS);
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
