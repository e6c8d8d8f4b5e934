package dev.lifecycle.core;

import dev.lifecycle.core.event.ServiceListener;
import dev.lifecycle.core.event.ServiceTransition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
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
    /** Chunks of events: each a {@link ServiceTransition} or a {@code Consumer<ServiceListener>} calling a listener. */
    private final ConcurrentLinkedQueue<List<Object>> queue = new ConcurrentLinkedQueue<>();
    /** The events of the change in progress. Guarded by the registry's lock. */
    private @Nullable List<Object> changing;
    private final AtomicBoolean draining = new AtomicBoolean();
    /** The thread delivering, while {@link #draining}. */
    private volatile @Nullable Thread drainer;

    /** Whether a listener overrides {@code onStarted} or {@code onStopped}: else their events are not made. */
    private volatile boolean timings;

    synchronized void add(ServiceListener listener) {
        listeners.add(listener);
        timings = timings || wantsTimings(listener);
    }

    synchronized void remove(ServiceListener listener) {
        listeners.remove(listener);
        timings = listeners.stream().anyMatch(EventQueue::wantsTimings);
    }

    boolean hasListeners() {
        return !listeners.isEmpty();
    }

    /** Whether a listener wants {@code onStarted} and {@code onStopped}, which come once per start and per stop. */
    boolean hasTimingListeners() {
        return timings;
    }

    private static boolean wantsTimings(ServiceListener listener) {
        return overrides(listener, "onStarted") || overrides(listener, "onStopped");
    }

    private static boolean overrides(ServiceListener listener, String method) {
        try {
            return listener.getClass().getMethod(method, ServiceKey.class, Duration.class, Throwable.class)
                    .getDeclaringClass() != ServiceListener.class;
        } catch (NoSuchMethodException | SecurityException ex) {
            return true;
        }
    }

    /** Enqueues a transition for every listener; called under the registry's lock. */
    void enqueue(ServiceTransition transition) {
        append(transition);
    }

    /** Enqueues an event for every listener; called under the registry's lock. */
    void enqueue(Consumer<ServiceListener> event) {
        append(event);
    }

    private void append(Object event) {
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
            drainer = Thread.currentThread();
            try {
                List<Object> chunk;
                while ((chunk = queue.poll()) != null) {
                    for (Object event : chunk) {
                        for (ServiceListener listener : listeners) {
                            deliver(event, listener);
                        }
                    }
                }
            } finally {
                drainer = null;
                draining.set(false);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void deliver(Object event, ServiceListener listener) {
        try {
            if (event instanceof ServiceTransition transition) {
                listener.onTransition(transition);
            } else {
                ((Consumer<ServiceListener>) event).accept(listener);
            }
        } catch (RuntimeException | Error ex) {
            log.warn("Service listener {} threw; it keeps receiving events", listener, ex);
        }
    }

    /**
     * Delivers the queued events, or waits until the thread delivering them has, at most {@code timeout}. Returns at
     * once when called from a listener: its own thread is the one delivering.
     *
     * @return whether every event queued so far has been delivered
     */
    boolean deliverAll(Duration timeout) {
        long until = System.nanoTime() + timeout.toNanos();
        while (true) {
            drain();
            if (queue.isEmpty() && !draining.get()) {
                return true;
            }
            if (drainer == Thread.currentThread() || System.nanoTime() - until > 0) {
                return false;
            }
            LockSupport.parkNanos(this, 50_000);
        }
    }
}
