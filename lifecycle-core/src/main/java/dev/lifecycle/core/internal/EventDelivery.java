package dev.lifecycle.core.internal;

import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.event.ServiceListener;
import dev.lifecycle.core.event.ServiceTransition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to listeners in the order they were enqueued, never under the registry's lock; each listener
 * receives its events one at a time, and a listener that blocks holds back no other.
 *
 * <p>Events are enqueued under the lock (so their order is the order of the changes), collected per change and
 * appended to one log of chunks when the change ends ({@link #endChange()}). Each listener has a {@link Subscription}:
 * its place in the log and a flag that one thread at a time holds while delivering to it. Whichever thread calls
 * {@link #drain} after releasing the lock delivers the chunks each free listener has not received yet; a listener
 * another thread is delivering to is skipped (that thread delivers the rest). A listener may call the registry: the
 * events that causes are delivered to it by the same loop, after the current one. A listener that throws is logged
 * and keeps receiving events.
 *
 * <p>A listener that blocks keeps only its own events waiting. The thread it blocks may hold the futures of the change
 * it was delivering (a change's futures complete after its events are delivered): the JVM's {@link BlockingWatchdog} looks
 * every {@link BlockingWatchdog#TICK_NANOS}, and once a delivery has lasted {@link #STALL_TICKS} ticks it hands, to a thread
 * of its own, the delivery to the other listeners and the futures the blocked thread holds.
 */
final class EventDelivery {

    private static final Logger log = LoggerFactory.getLogger(EventDelivery.class);
    /** How many watchdog ticks a delivery to one listener may last before it is taken to be blocked. */
    static final int STALL_TICKS = 2;
    private static final AtomicInteger RESCUERS = new AtomicInteger();

    /** The events of one change, linked to the next change's in the order of the changes. */
    private static final class Chunk {
        final List<Object> events;
        volatile @Nullable Chunk next;

        Chunk(List<Object> events) {
            this.events = events;
        }
    }

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    /** The last chunk appended; written under the registry's lock. */
    private volatile Chunk tail = new Chunk(List.of());
    /** The events of the change in progress. Guarded by the registry's lock. */
    private @Nullable List<Object> changing;
    /** Whether a rescue thread is running (see {@link #checkStalls}). */
    private final AtomicBoolean rescuing = new AtomicBoolean();
    private volatile boolean closed;

    /** Whether a listener overrides {@code onStarted} or {@code onStopped}: else their events are not made. */
    private volatile boolean timings;

    /** A listener and how far it has received the log. */
    private final class Subscription {
        final ServiceListener listener;
        /** The last chunk it received. Written by the thread holding {@link #delivering}. */
        private volatile Chunk received;
        private final AtomicBoolean delivering = new AtomicBoolean();
        /** The thread delivering to it, while {@link #delivering}. */
        private volatile @Nullable Thread deliverer;
        /** The watchdog's tick when the current delivery began. */
        private volatile long deliveringSince;
        /** The change whose futures wait for the current delivery, if any. */
        private volatile @Nullable Change waiting;
        /** Whether the current delivery has been reported as blocked. */
        private volatile boolean reported;

        Subscription(ServiceListener listener, Chunk from) {
            this.listener = listener;
            this.received = from;
        }

        boolean behind() {
            return received.next != null;
        }

        void drain(@Nullable Change change) {
            while (behind() && delivering.compareAndSet(false, true)) {
                deliverer = Thread.currentThread();
                deliveringSince = BlockingWatchdog.tick();
                waiting = change;
                try {
                    Chunk chunk;
                    while ((chunk = received.next) != null) {
                        for (Object event : chunk.events) {
                            deliver(event, listener);
                        }
                        received = chunk;
                    }
                } finally {
                    waiting = null;
                    deliverer = null;
                    reported = false;
                    delivering.set(false);
                }
            }
        }

        /** Whether a delivery to it has lasted {@link #STALL_TICKS} ticks. */
        boolean stalled(long tick) {
            return delivering.get() && tick - deliveringSince >= STALL_TICKS;
        }
    }

    synchronized void add(ServiceListener listener) {
        subscriptions.add(new Subscription(listener, tail));
        timings = timings || wantsTimings(listener);
        if (!closed) {
            BlockingWatchdog.watchEvents(this);
        }
    }

    synchronized void remove(ServiceListener listener) {
        subscriptions.removeIf(s -> s.listener == listener);
        timings = subscriptions.stream().anyMatch(s -> wantsTimings(s.listener));
    }

    boolean hasListeners() {
        return !subscriptions.isEmpty();
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
        if (!subscriptions.isEmpty()) {
            if (changing == null) {
                changing = new ArrayList<>(16);
            }
            changing.add(event);
        }
    }

    /** Appends the events of the change that ends to the log; called under the lock, at its end. */
    void endChange() {
        if (changing != null) {
            Chunk chunk = new Chunk(changing);
            changing = null;
            Chunk last = tail;
            last.next = chunk;
            tail = chunk;
        }
    }

    /**
     * Delivers to every listener that no other thread is delivering to the events it has not received; called
     * without the registry's lock.
     *
     * @param change the change whose futures wait for this delivery, handed to a rescue if a listener blocks; or
     *        {@code null}
     */
    void drain(@Nullable Change change) {
        for (Subscription subscription : subscriptions) {
            subscription.drain(change);
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
     * Called by the {@link BlockingWatchdog} at each tick: for a listener whose delivery has lasted {@link #STALL_TICKS}
     * ticks, logs it once, and hands to a thread of its own the futures that delivery holds back and the delivery to
     * the other listeners.
     */
    void checkStalls(long tick) {
        List<Change> held = null;
        boolean othersBehind = false;
        for (Subscription s : subscriptions) {
            if (s.stalled(tick)) {
                if (!s.reported) {
                    s.reported = true;
                    log.warn("Service listener {} has not returned for over {} ms; the registry and the other "
                            + "listeners go on without it, and its events wait for it", s.listener,
                            STALL_TICKS * BlockingWatchdog.TICK_NANOS / 1_000_000);
                }
                Change change = s.waiting;
                if (change != null && change.afterUnclaimed()) {
                    if (held == null) {
                        held = new ArrayList<>(2);
                    }
                    held.add(change);
                }
            } else if (s.behind() && !s.delivering.get()) {
                othersBehind = true;
            }
        }
        if ((held != null || othersBehind) && rescuing.compareAndSet(false, true)) {
            List<Change> changes = held == null ? List.of() : held;
            Thread rescuer = new Thread(() -> rescue(changes), "lifecycle-events-" + RESCUERS.incrementAndGet());
            rescuer.setDaemon(true);
            rescuer.start();
        }
    }

    private void rescue(List<Change> changes) {
        try {
            drain(null);
            for (Change change : changes) {
                change.runAfter();
            }
        } finally {
            rescuing.set(false);
        }
    }

    /**
     * Delivers the events enqueued so far, or waits until the threads delivering them have, at most {@code timeout}.
     * Returns at once when called from a listener that has not received them: its own thread holds the delivery.
     *
     * @return whether every listener has received every event enqueued so far
     */
    boolean deliverAll(Duration timeout) {
        long until = System.nanoTime() + timeout.toNanos();
        while (true) {
            drain(null);
            List<ServiceListener> behind = new ArrayList<>();
            boolean fromListener = false;
            for (Subscription s : subscriptions) {
                if (s.behind() || s.delivering.get()) {
                    behind.add(s.listener);
                    fromListener |= s.deliverer == Thread.currentThread();
                }
            }
            if (behind.isEmpty()) {
                return true;
            }
            if (fromListener) {
                log.debug("Waiting for the listeners from a listener's own thread: not waiting");
                return false;
            }
            if (System.nanoTime() - until > 0) {
                log.warn("Closing before service listeners {} received every event (waited {})", behind, timeout);
                return false;
            }
            LockSupport.parkNanos(this, 50_000);
        }
    }

    /** No more events will come: stop watching for blocked listeners. */
    void close() {
        closed = true;
        BlockingWatchdog.unwatchEvents(this);
    }
}
