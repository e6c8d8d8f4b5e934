package dev.lifecycle.sample;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A loop on a daemon thread of its own, for one start cycle of a service: the service's start starts it, its stop
 * signals it to end, its join waits for the thread. Subclasses write the loop in {@link #loop()}, pausing with
 * {@link #pause(Duration)}, which returns early once the stop is signalled.
 */
public abstract class BackgroundLoop {

    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final Thread thread;

    /**
     * A loop running on a thread named {@code threadName}.
     *
     * @param threadName the thread's name
     */
    protected BackgroundLoop(String threadName) {
        this.thread = new Thread(this::loop, threadName);
        this.thread.setDaemon(true);
    }

    /** The loop; it should return soon after {@link #pause(Duration)} reports the stop signal. */
    protected abstract void loop();

    /**
     * Waits for {@code interval}, or until the stop is signalled.
     *
     * @param interval how long to wait
     * @return whether the stop was signalled
     * @throws InterruptedException if the thread is interrupted
     */
    protected final boolean pause(Duration interval) throws InterruptedException {
        return stopSignal.await(interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Starts the loop's thread. */
    public final void start() {
        thread.start();
    }

    /** Asks the loop to end; returns at once. */
    public final void signalStop() {
        stopSignal.countDown();
    }

    /**
     * Waits for the loop to end. Called on the loop's own thread (the loop reported a failure and the registry is
     * stopping the service right there), it returns at once: the loop ends when that call returns.
     *
     * @param timeout how long to wait at most
     * @return whether it ended within {@code timeout}
     * @throws InterruptedException if the calling thread is interrupted
     */
    public final boolean join(Duration timeout) throws InterruptedException {
        if (Thread.currentThread() == thread) {
            return true;
        }
        thread.join(Math.max(1, timeout.toMillis()));
        return !thread.isAlive();
    }

    /** Whether the loop's thread is still running. */
    public final boolean isAlive() {
        return thread.isAlive();
    }
}
