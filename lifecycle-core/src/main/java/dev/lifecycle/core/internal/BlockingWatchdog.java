package dev.lifecycle.core.internal;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * One daemon thread for the whole JVM that watches for user code blocking the engine:
 * <ul>
 *   <li>the worker queues with tasks waiting, every {@link WorkerPool#STALL_NANOS}: each may add workers when its workers
 *       are all blocked in user code (see {@link WorkerPool#checkStall()});</li>
 *   <li>the event queues of open registries with listeners, every {@link #TICK_NANOS}: a listener that blocks is
 *       worked around (see {@link EventDelivery#checkStalls}).</li>
 * </ul>
 * It sleeps while there is nothing to watch, so a registry without listeners costs nothing when idle, and a new
 * registry creates no thread. It never runs user code itself.
 */
final class BlockingWatchdog {

    /** How often the event queues are checked, and the unit of {@link #tick()}: 100 ms. */
    static final long TICK_NANOS = 100_000_000L;

    private static final Set<WorkerPool> WATCHED = ConcurrentHashMap.newKeySet();
    /**
     * The event deliveries of open registries with listeners. Weak: a registry dropped without being closed does not
     * stay reachable, nor checked, because of it.
     */
    private static final Set<EventDelivery> LISTENING = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));
    private static @Nullable Thread thread;
    /** Counts the watchdog's passes over the event queues; a delivery records it when it begins. */
    private static volatile long tick;

    private BlockingWatchdog() {
    }

    /** Watches {@code workers} until its queue is empty. */
    static void watch(WorkerPool workers) {
        WATCHED.add(workers);
        LockSupport.unpark(thread());
    }

    /** Watches the deliveries of {@code events} until {@link #unwatchEvents}. */
    static void watchEvents(EventDelivery events) {
        if (LISTENING.add(events)) {
            LockSupport.unpark(thread());
        }
    }

    static void unwatchEvents(EventDelivery events) {
        LISTENING.remove(events);
    }

    /** The current tick: how many times the event queues were checked. */
    static long tick() {
        return tick;
    }

    private static synchronized Thread thread() {
        Thread t = thread;
        if (t == null) {
            t = new Thread(BlockingWatchdog::loop, "lifecycle-watchdog");
            t.setDaemon(true);
            thread = t;
            t.start();
        }
        return t;
    }

    private static void loop() {
        long lastTick = System.nanoTime();
        while (true) {
            if (WATCHED.isEmpty() && LISTENING.isEmpty()) {
                LockSupport.park(BlockingWatchdog.class);
                lastTick = System.nanoTime();
                continue;
            }
            LockSupport.parkNanos(BlockingWatchdog.class, WATCHED.isEmpty() ? TICK_NANOS : WorkerPool.STALL_NANOS);
            long now = System.nanoTime();
            if (now - lastTick >= TICK_NANOS) {
                lastTick = now;
                long current = ++tick;
                List<EventDelivery> listening;
                synchronized (LISTENING) {
                    listening = List.copyOf(LISTENING);
                }
                for (EventDelivery events : listening) {
                    try {
                        events.checkStalls(current);
                    } catch (RuntimeException | Error ex) {
                        Engine.log.error("The listener watchdog failed; it carries on", ex);
                    }
                }
            }
            for (WorkerPool workers : WATCHED) {
                try {
                    if (!workers.checkStall()) {
                        WATCHED.remove(workers);
                        // Tasks queued since the check: watch on (the queue's owner saw it watched and did not ask).
                        if (workers.needsWatching()) {
                            WATCHED.add(workers);
                        }
                    }
                } catch (RuntimeException | Error ex) {
                    Engine.log.error("The worker watchdog failed; it carries on", ex);
                }
            }
        }
    }
}
