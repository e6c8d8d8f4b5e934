package dev.lifecycle.core.internal;

import dev.lifecycle.core.ServiceRegistry;
import java.util.concurrent.locks.ReentrantLock;

/** For tests outside this package that look at a registry's internals: its lock, its queue of reported outcomes. */
public final class RegistryInternals {

    private RegistryInternals() {
    }

    /** The lock that serialises the registry's changes. */
    public static ReentrantLock lock(ServiceRegistry registry) {
        return ((DefaultServiceRegistry) registry).engine().loop.lock;
    }

    /** Whether outcomes reported by the workers wait to be applied. */
    public static boolean outcomesWaiting(ServiceRegistry registry) {
        return ((DefaultServiceRegistry) registry).engine().loop.outcomesWaiting();
    }
}
