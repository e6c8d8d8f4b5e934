package dev.lifecycle.core;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * One daemon thread for the whole JVM that watches the worker queues with tasks waiting, every
 * {@link Workers#STALL_NANOS}, and lets each one add workers when its workers are all blocked in user code (see
 * {@link Workers#checkStall()}). It sleeps while no queue has tasks waiting, so an idle registry costs nothing and a new
 * registry creates no thread.
 */
final class Watchdog {

    private static final Set<Workers> WATCHED = ConcurrentHashMap.newKeySet();
    private static @Nullable Thread thread;

    private Watchdog() {
    }

    /** Watches {@code workers} until its queue is empty. */
    static void watch(Workers workers) {
        WATCHED.add(workers);
        LockSupport.unpark(thread());
    }

    private static synchronized Thread thread() {
        Thread t = thread;
        if (t == null) {
            t = new Thread(Watchdog::loop, "lifecycle-watchdog");
            t.setDaemon(true);
            thread = t;
            t.start();
        }
        return t;
    }

    private static void loop() {
        while (true) {
            if (WATCHED.isEmpty()) {
                LockSupport.park(Watchdog.class);
                continue;
            }
            LockSupport.parkNanos(Watchdog.class, Workers.STALL_NANOS);
            for (Workers workers : WATCHED) {
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
