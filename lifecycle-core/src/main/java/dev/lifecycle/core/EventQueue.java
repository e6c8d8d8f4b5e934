package dev.lifecycle.core;

import dev.lifecycle.core.event.ServiceListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to listeners in the order they were enqueued, one at a time, never under the registry's lock.
 *
 * <p>Events are enqueued under the lock (so their order is the order of the changes), collected per change and handed
 * to the delivery queue as one chunk when the change ends ({@link #endChange()}), and delivered by whichever thread
 * calls {@link #drain()} first after releasing it; the others return at once. A listener may call the registry: the
 * events that causes are queued and delivered by the same drain loop, after the current one. A listener that throws
 * is logged and keeps receiving events.
 */
final class EventQueue {

    private static final Logger log = LoggerFactory.getLogger(EventQueue.class);

    private final List<ServiceListener> listeners = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<List<Consumer<ServiceListener>>> queue = new ConcurrentLinkedQueue<>();
    /** The events of the change in progress. Guarded by the registry's lock. */
    private @Nullable List<Consumer<ServiceListener>> changing;
    private final AtomicBoolean draining = new AtomicBoolean();

    void add(ServiceListener listener) {
        listeners.add(listener);
    }

    void remove(ServiceListener listener) {
        listeners.remove(listener);
    }

    boolean hasListeners() {
        return !listeners.isEmpty();
    }

    /** Enqueues an event for every listener; called under the registry's lock. */
    void enqueue(Consumer<ServiceListener> event) {
        if (!listeners.isEmpty()) {
            if (changing == null) {
                changing = new ArrayList<>(16);
            }
            changing.add(event);
        }
    }

    /** Hands the events of the change that ends to the delivery queue; called under the lock, at its end. */
    void endChange() {
        if (changing != null) {
            queue.add(changing);
            changing = null;
        }
    }

    /** Delivers queued events unless another thread already is; called without the registry's lock. */
    void drain() {
        while (!queue.isEmpty() && draining.compareAndSet(false, true)) {
            try {
                List<Consumer<ServiceListener>> chunk;
                while ((chunk = queue.poll()) != null) {
                    for (Consumer<ServiceListener> event : chunk) {
                        for (ServiceListener listener : listeners) {
                            try {
                                event.accept(listener);
                            } catch (RuntimeException | Error ex) {
                                log.warn("Service listener {} threw; it keeps receiving events", listener, ex);
                            }
                        }
                    }
                }
            } finally {
                draining.set(false);
            }
        }
    }
}
