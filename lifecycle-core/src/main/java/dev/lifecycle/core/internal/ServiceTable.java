package dev.lifecycle.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

/**
 * The installed services by id: written under the registry's lock, read with or without it.
 *
 * <p>An open-addressing table with linear probing whose slots hold the controllers themselves (compared by their
 * cached id hash, then by id): a look-up reaches the record without a node in between, which matters when a
 * large graph is installed and every requirement is looked up in a table far larger than the caches. A removed
 * service leaves a tombstone until the next rehash.
 *
 * <p>Readers without the lock read the current {@link Slots} (a volatile field) and its slots with acquire
 * semantics; the writer stores a slot with release semantics, and a resize builds new slots and then publishes
 * them. A record's id and hash are final fields, safe to read through a racy reference.
 */
final class ServiceTable {

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);
    /** Marks the slot of a removed service, so that probes for ids placed after it go on. */
    private static final Object TOMBSTONE = new Object();
    private static final int INITIAL_CAPACITY = 16;

    /** The slots, and the mask of their indices. */
    private static final class Slots {
        final Object[] controllers;
        final int mask;

        Slots(int capacity) {
            controllers = new Object[capacity];
            mask = capacity - 1;
        }
    }

    private volatile Slots slots = new Slots(INITIAL_CAPACITY);
    /** Installed services. Written under the lock. */
    private volatile int size;
    /** Slots that are not empty: services and tombstones. Guarded by the lock. */
    private int used;

    /** The service installed with {@code id}, or {@code null}. */
    @Nullable ServiceRecord get(String id) {
        int hash = spread(id.hashCode());
        Slots s = slots;
        Object[] controllers = s.controllers;
        for (int i = hash & s.mask; ; i = (i + 1) & s.mask) {
            Object o = SLOT.getAcquire(controllers, i);
            if (o == null) {
                return null;
            }
            if (o != TOMBSTONE) {
                ServiceRecord c = (ServiceRecord) o;
                if (c.idHash == hash && (c.id == id || c.id.equals(id))) {
                    return c;
                }
            }
        }
    }

    /** Adds a service whose id is not in the table; called under the lock. */
    void add(ServiceRecord c) {
        if ((used + 1) * 2 > slots.controllers.length) {
            rehash();
        }
        Slots s = slots;
        int i = c.idHash & s.mask;
        while (true) {
            Object o = s.controllers[i];
            if (o == null || o == TOMBSTONE) {
                if (o == null) {
                    used++;
                }
                SLOT.setRelease(s.controllers, i, c);
                size++;
                return;
            }
            i = (i + 1) & s.mask;
        }
    }

    /** Removes {@code c} if it is the service installed with its id; called under the lock. */
    void remove(ServiceRecord c) {
        Slots s = slots;
        for (int i = c.idHash & s.mask; ; i = (i + 1) & s.mask) {
            Object o = s.controllers[i];
            if (o == null) {
                return;
            }
            if (o == c) {
                SLOT.setRelease(s.controllers, i, TOMBSTONE);
                size--;
                return;
            }
        }
    }

    int size() {
        return size;
    }

    /** The hash a record caches for its id ({@link ServiceRecord#idHash}), its bits spread for the mask. */
    static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    /** Moves the services to new slots, twice as many as needed for half of them to be in use; drops tombstones. */
    private void rehash() {
        Slots old = slots;
        int capacity = INITIAL_CAPACITY;
        while (capacity < (size + 1) * 4) {
            capacity <<= 1;
        }
        Slots s = new Slots(capacity);
        for (int j = 0; j < old.controllers.length; j++) {
            Object o = old.controllers[j];
            if (o == null || o == TOMBSTONE) {
                continue;
            }
            int i = ((ServiceRecord) o).idHash & s.mask;
            while (s.controllers[i] != null) {
                i = (i + 1) & s.mask;
            }
            s.controllers[i] = o;
        }
        used = size;
        slots = s;
    }
}
