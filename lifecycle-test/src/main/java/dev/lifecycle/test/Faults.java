package dev.lifecycle.test;

import dev.lifecycle.core.Scheduler;
import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceInterceptor;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Faults to inject into named services of a registry: the next start of a service throws, hangs or is slow; the next
 * stop throws or hangs; a service fails after a while. Each fault applies once, to the next start or stop of the
 * service (install it more than once to apply it to several); {@link #reset()} withdraws what has not happened yet.
 *
 * <pre>{@code
 * lifecycle.faults().failNextStart("db", new SQLException("connection refused"));
 * registry.restart("db");                         // db FAILED, its dependents WAITING
 * lifecycle.advance(Duration.ofMillis(100));      // past the back-off: db and its dependents RUNNING again
 * }</pre>
 *
 * <p>It works as a {@link ServiceInterceptor}: every service installed in the registry is wrapped, once, and asks
 * before each start and stop whether a fault is armed. A hanging start never completes (its start timeout, a stop
 * or a removal cancels it); a slow one completes after that much {@link ManualTime}; a hanging stop moves time past
 * the stop timeout from inside the stop, so the registry gives up on it, then lets the service release what it holds.
 * Thread-safe.
 *
 * @since 0.1
 */
public final class Faults implements ServiceInterceptor {

    /** What a start fault does. */
    enum Kind {
        FAIL, HANG, SLOW
    }

    /** A fault armed for one start. */
    record StartFault(Kind kind, @Nullable Exception cause, Duration took) {
        Exception failure() {
            return Objects.requireNonNull(cause);
        }
    }

    /** A fault armed for one stop: it throws {@code failure}, or hangs if there is none. */
    record StopFault(@Nullable Exception failure) {
    }

    private final ManualTime time;
    private final Supplier<@Nullable ServiceRegistry> registry;
    private final Map<String, Deque<StartFault>> starts = new ConcurrentHashMap<>();
    private final Map<String, Deque<StopFault>> stops = new ConcurrentHashMap<>();
    private final List<Scheduler.Cancellable> failures = new ArrayList<>();

    /**
     * Faults on {@code time}, for the registry {@code registry} supplies (needed by {@link #failAfter} only).
     *
     * @param time the registry's time
     * @param registry the registry, once it is built
     */
    public Faults(ManualTime time, Supplier<@Nullable ServiceRegistry> registry) {
        this.time = Objects.requireNonNull(time, "Faults(time, registry): time must not be null");
        this.registry = Objects.requireNonNull(registry, "Faults(time, registry): registry must not be null");
    }

    /**
     * The next start of {@code id} throws {@code cause} from its setup: the service fails.
     *
     * @param id the service id
     * @param cause the exception its setup throws
     * @return these faults, to arm another
     */
    public Faults failNextStart(String id, Exception cause) {
        Objects.requireNonNull(cause, "Faults.failNextStart(id, cause): cause must not be null");
        return armStart(id, new StartFault(Kind.FAIL, cause, Duration.ZERO));
    }

    /**
     * The next {@code count} starts of {@code id} throw {@code cause}.
     *
     * @param id the service id
     * @param count how many starts fail in a row, at least 1
     * @param cause the exception each of their setups throws
     * @return these faults, to arm another
     * @throws IllegalArgumentException if {@code count} is less than 1
     */
    public Faults failNextStarts(String id, int count, Exception cause) {
        if (count < 1) {
            throw new IllegalArgumentException("Faults.failNextStarts(id, count, cause): count must be at least 1, was "
                    + count);
        }
        for (int i = 0; i < count; i++) {
            failNextStart(id, cause);
        }
        return this;
    }

    /**
     * The next start of {@code id} never completes: its start timeout, a stop or a removal cancels it.
     *
     * @param id the service id
     * @return these faults, to arm another
     */
    public Faults hangNextStart(String id) {
        return armStart(id, new StartFault(Kind.HANG, null, Duration.ZERO));
    }

    /**
     * The next start of {@code id} completes only once {@code took} of manual time has passed.
     *
     * @param id the service id
     * @param took how much manual time its start takes
     * @return these faults, to arm another
     */
    public Faults slowNextStart(String id, Duration took) {
        Objects.requireNonNull(took, "Faults.slowNextStart(id, took): took must not be null");
        return armStart(id, new StartFault(Kind.SLOW, null, took));
    }

    /**
     * The next stop of {@code id} runs, then throws {@code cause}: recorded as its last failure.
     *
     * @param id the service id
     * @param cause the exception its stop throws
     * @return these faults, to arm another
     */
    public Faults failNextStop(String id, Exception cause) {
        Objects.requireNonNull(cause, "Faults.failNextStop(id, cause): cause must not be null");
        return armStop(id, new StopFault(cause));
    }

    /**
     * The next stop of {@code id} does not return within its stop timeout: the registry carries on without it.
     *
     * @param id the service id
     * @return these faults, to arm another
     */
    public Faults hangNextStop(String id) {
        return armStop(id, new StopFault(null));
    }

    /**
     * Fails {@code id} with {@code cause} once {@code delay} of manual time has passed, as its own code would.
     *
     * @param id the service id
     * @param delay how much manual time passes before it fails
     * @param cause why it fails
     * @return these faults, to arm another
     */
    public Faults failAfter(String id, Duration delay, Throwable cause) {
        checkId(id, "failAfter");
        Objects.requireNonNull(cause, "Faults.failAfter(id, delay, cause): cause must not be null");
        Scheduler.Cancellable timer = time.schedule(() -> {
            ServiceRegistry target = registry.get();
            if (target == null) {
                throw new IllegalStateException("Faults.failAfter('" + id + "'): no registry to fail it in");
            }
            target.fail(id, cause);
        }, delay);
        synchronized (failures) {
            failures.add(timer);
        }
        return this;
    }

    /** Withdraws every fault that has not happened yet. */
    public void reset() {
        starts.clear();
        stops.clear();
        synchronized (failures) {
            failures.forEach(Scheduler.Cancellable::cancel);
            failures.clear();
        }
    }

    @Override
    public <T> Service<T> intercept(ServiceKey<T> key, Service<T> service) {
        return new FaultyService<>(key, service, this);
    }

    ManualTime time() {
        return time;
    }

    @Nullable StartFault takeStartFault(String id) {
        Deque<StartFault> armed = starts.get(id);
        return armed == null ? null : armed.pollFirst();
    }

    @Nullable StopFault takeStopFault(String id) {
        Deque<StopFault> armed = stops.get(id);
        return armed == null ? null : armed.pollFirst();
    }

    private Faults armStart(String id, StartFault fault) {
        checkId(id, "a start fault");
        starts.computeIfAbsent(id, k -> new ConcurrentLinkedDeque<>()).addLast(fault);
        return this;
    }

    private Faults armStop(String id, StopFault fault) {
        checkId(id, "a stop fault");
        stops.computeIfAbsent(id, k -> new ConcurrentLinkedDeque<>()).addLast(fault);
        return this;
    }

    private static void checkId(String id, String what) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("Faults: " + what + " needs the id of a service, was '" + id + "'");
        }
    }

    @Override
    public String toString() {
        return "Faults[starts " + starts + ", stops " + stops + "]";
    }
}
