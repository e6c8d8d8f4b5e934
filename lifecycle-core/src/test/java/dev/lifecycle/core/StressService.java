package dev.lifecycle.core;

import java.io.IOException;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * One installed instance of a service of the stress graph. It checks, from inside, what the registry promises a
 * service: its start and stop never overlap, every successful start is followed by exactly one stop before the next
 * start, its requirements are RUNNING while it starts and still readable while it stops, and no two instances of one
 * id run at once. Broken promises are added to {@code violations}. While {@code chaos} is on it fails some starts,
 * stops and health checks at random; it adds small bounded delays; half the services start asynchronously. A service
 * with a short start timeout now and then hangs past it: a synchronous start sleeps (half of them ignoring the
 * interrupt, and returning their value late), an asynchronous one never completes its future.
 */
final class StressService {

    private final String id;
    private final List<ServiceHandle<String>> requirements;
    private final Random random;
    private final AtomicBoolean chaos;
    private final Queue<String> violations;
    private final AtomicInteger liveInstances;
    private final @Nullable ScheduledExecutorService completer;
    /** Whether its start timeout is short, so that a hanging start times out. */
    private final boolean timed;
    /** Stops of values returned by starts the registry had abandoned at their start timeout. */
    private final AtomicInteger abandonedStops = new AtomicInteger();
    private final AtomicBoolean inUserCode = new AtomicBoolean();
    /** Orders the counting of a start and of a stop, and an asynchronous completion against a cancellation. */
    private final Object guard = new Object();
    private final AtomicInteger starts = new AtomicInteger();
    private final AtomicInteger stops = new AtomicInteger();
    private volatile boolean running;
    private volatile @Nullable ServiceContext context;

    /**
     * @param completer where asynchronous starts complete, or {@code null} for a synchronous start
     */
    StressService(String id, List<ServiceHandle<String>> requirements, long seed, AtomicBoolean chaos,
            Queue<String> violations, AtomicInteger liveInstances, @Nullable ScheduledExecutorService completer,
            boolean timed) {
        this.id = id;
        this.requirements = requirements;
        this.random = new Random(seed);
        this.chaos = chaos;
        this.violations = violations;
        this.liveInstances = liveInstances;
        this.completer = completer;
        this.timed = timed;
    }

    /** How long a hanging start hangs: past the short start timeout of a timed service. */
    static final long HANG_NANOS = 40_000_000L;

    /** The implementation to install. */
    Service<String> service() {
        if (completer == null) {
            return new Service<>() {
                @Override
                public String start(ServiceContext context) throws Exception {
                    String value = beginStart(context);
                    pause(200_000);
                    if (timed && chance(0.05)) {
                        try {
                            hang(chance(0.5));
                        } catch (InterruptedException ex) {
                            endUserCode();
                            throw ex;
                        }
                    }
                    if (chance(0.04)) {
                        endUserCode();
                        throw new IOException("injected start failure of " + id);
                    }
                    synchronized (guard) {
                        started(value);
                    }
                    endUserCode();
                    return value;
                }

                @Override
                public void stop(ServiceContext context) throws Exception {
                    StressService.this.stop(context);
                }
            };
        }
        return new AsyncService<>() {
            @Override
            public CompletionStage<String> startAsync(ServiceContext context) {
                String value = beginStart(context);
                boolean fails = chance(0.04);
                long delay = draw(1_000_000);
                endUserCode();
                CompletableFuture<String> future = new CompletableFuture<>();
                if (timed && chance(0.05)) {
                    // Never completes: the start timeout (or an operator) cancels it.
                    return future;
                }
                completer.schedule(() -> {
                    synchronized (guard) {
                        if (future.isDone()) {
                            return; // cancelled by the registry: this start never happened
                        }
                        if (fails) {
                            future.completeExceptionally(new IOException("injected asynchronous start failure of " + id));
                            return;
                        }
                        // Counted before completing: the registry may stop it as soon as the future completes.
                        started(value);
                        if (!future.complete(value)) {
                            unstarted();
                        }
                    }
                }, delay, TimeUnit.NANOSECONDS);
                return future;
            }

            @Override
            public void stop(ServiceContext context) throws Exception {
                StressService.this.stop(context);
            }
        };
    }

    /** Its health check: unhealthy now and then while chaos is on. */
    boolean healthy() {
        return !chance(0.3);
    }

    /** The context of its last start, to report a failure through. */
    @Nullable ServiceContext context() {
        return context;
    }

    /** Sleeps past the start timeout; {@code ignoringInterrupts}, it sleeps on when interrupted and keeps the flag. */
    private void hang(boolean ignoringInterrupts) throws InterruptedException {
        long until = System.nanoTime() + HANG_NANOS;
        boolean interrupted = false;
        while (System.nanoTime() < until) {
            if (!ignoringInterrupts) {
                Thread.sleep(1);
                continue;
            }
            LockSupport.parkNanos(1_000_000);
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    int abandonedStops() {
        return abandonedStops.get();
    }

    int starts() {
        return starts.get();
    }

    int stops() {
        return stops.get();
    }

    boolean running() {
        return running;
    }

    private String beginStart(ServiceContext context) {
        if (!inUserCode.compareAndSet(false, true)) {
            violation("its start began while its start or stop was running");
        }
        StringBuilder value = new StringBuilder(id).append('(');
        for (ServiceHandle<String> requirement : requirements) {
            try {
                value.append(requirement.get()).append(' ');
            } catch (RuntimeException ex) {
                violation("it started while its requirement " + requirement.key().id() + " was not RUNNING: " + ex);
            }
        }
        this.context = context;
        return value.append(')').toString();
    }

    private void started(String value) {
        assert Thread.holdsLock(guard);
        if (running) {
            violation("it started again without a stop");
        }
        running = true;
        starts.incrementAndGet();
        if (liveInstances.incrementAndGet() > 1) {
            violation("two instances of it ran at once");
        }
    }

    private void unstarted() {
        assert Thread.holdsLock(guard);
        running = false;
        starts.decrementAndGet();
        liveInstances.decrementAndGet();
    }

    private void stop(ServiceContext context) throws IOException {
        if (!inUserCode.compareAndSet(false, true)) {
            violation("its stop began while its start or stop was running");
        }
        try {
            if (context.abandoned()) {
                // The value of a start abandoned at its timeout: its requirements may have stopped since.
                abandonedStops.incrementAndGet();
            }
            for (ServiceHandle<String> requirement : context.abandoned() ? List.<ServiceHandle<String>>of()
                    : requirements) {
                try {
                    requirement.get();
                } catch (RuntimeException ex) {
                    violation("it was stopped after its requirement " + requirement.key().id() + ": " + ex);
                }
            }
            synchronized (guard) {
                if (!running) {
                    violation("it was stopped without a successful start");
                }
                running = false;
                stops.incrementAndGet();
                liveInstances.decrementAndGet();
            }
            pause(100_000);
            if (chance(0.03)) {
                throw new IOException("injected stop failure of " + id);
            }
        } finally {
            endUserCode();
        }
    }

    private void endUserCode() {
        inUserCode.set(false);
    }

    private boolean chance(double probability) {
        synchronized (random) {
            return chaos.get() && random.nextDouble() < probability;
        }
    }

    private long draw(int maxNanos) {
        synchronized (random) {
            return random.nextInt(3) == 0 ? 0 : random.nextInt(maxNanos);
        }
    }

    private void pause(int maxNanos) {
        long nanos = draw(maxNanos);
        if (nanos > 0) {
            LockSupport.parkNanos(nanos);
        }
    }

    private void violation(String what) {
        violations.add(id + ": " + what);
    }
}
