package dev.lifecycle.core;

import dev.lifecycle.core.event.ServiceListener;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry: holds the services and the lock, and runs each change as "mutate under the lock, then act".
 *
 * <p>Every change goes through {@link #locked}: the change and the state machine's re-evaluations run under
 * {@link #lock} and only record what to do (a {@link Batch}); user code is handed to the executor, futures are
 * completed and events delivered after the lock is released; {@link Workers} runs the user code.
 */
final class Engine implements ServiceRegistry {

    static final Logger log = LoggerFactory.getLogger(ServiceRegistry.class);
    /** Reads {@link #inFlight} without the lock. */
    private static final VarHandle IN_FLIGHT;

    static {
        try {
            IN_FLIGHT = MethodHandles.lookup().findVarHandle(Engine.class, "inFlight", int.class);
        } catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    final ReentrantLock lock = new ReentrantLock();
    /**
     * Runs whose outcome waits to be applied under the lock (see {@link #report}): a stack linked through
     * {@link TaskRun#nextReport}, latest first, so that reporting allocates nothing.
     */
    private final AtomicReference<@Nullable TaskRun> outcomes = new AtomicReference<>();
    /** Set on a thread while it hands a change's timers to the scheduler. */
    private static final ThreadLocal<@Nullable Boolean> ARMING = new ThreadLocal<>();
    /** Changes that released the lock and have not armed their timers yet (see {@link #afterChange}). */
    private final java.util.concurrent.atomic.AtomicInteger changesArmingTimers =
            new java.util.concurrent.atomic.AtomicInteger();
    /** Installed services by id; written under the lock, read without it by handles. */
    final ServiceTable services = new ServiceTable();
    /**
     * The first and last installed services of a list in installation order, linked through the controllers, so
     * that start-all and stop-all go through them in (reverse) dependency order as far as it is known, which keeps
     * the traversals short and the memory accesses close. Guarded by the lock.
     */
    @Nullable Controller firstInstalled;
    @Nullable Controller lastInstalled;
    /** Missing requirement id to the installed services that require it. Guarded by the lock. */
    final Map<String, List<Controller>> waitingFor = new HashMap<>();
    /** Id to the services that want it (optional ordering). Guarded by the lock. */
    final Map<String, List<Controller>> wantedBy = new HashMap<>();
    /** Awaiters of services not installed yet, by id. Guarded by the lock. */
    final Map<String, List<CompletableFuture<@Nullable Object>>> pendingAwaiters = new HashMap<>();
    /** The ids of services removed and not installed again, so that a call naming one can say so. Guarded by the lock. */
    final Set<String> removedIds = new HashSet<>();
    /**
     * The ids of removed services whose abandoned start has not returned, with how many: a service installed again
     * under such an id does not start until they have, so two instances of one id never run at once. Guarded by the
     * lock.
     */
    final Map<String, Integer> abandonedStarts = new HashMap<>();

    final Executor executor;
    final Scheduler scheduler;
    final Clock clock;
    final DoubleSupplier random;
    /** The settings of the services installed without their own. */
    final ServiceSettings defaultSettings;
    final Duration healthCheckInterval;
    /** How long {@link #close()} waits for the listeners to receive the last events. */
    final Duration eventDeliveryTimeout;
    final Map<String, ServiceRegistryBuilder.Override<?>> overrides;
    /** How long {@link #nowNanos()} derives the system clock's time from {@link System#nanoTime()}. */
    private static final long CALIBRATION_NANOS = 1_000_000_000L;
    /** Whether {@link #clock} is the system clock (any zone). */
    private final boolean systemClock;
    private volatile long systemClockOffset;
    private volatile long calibratedAt;
    final EventQueue events = new EventQueue();
    final StateMachine machine = new StateMachine(this);
    final Installer installer = new Installer(this);
    final Reports reports = new Reports(this);
    final Deadlines deadlines = new Deadlines(this);
    final Workers workers;
    private final @Nullable Thread shutdownHook;

    // Guarded by the lock.
    boolean started;
    boolean shuttingDown;
    /** Written under the lock; read without it by the checks that refuse operations at once. */
    volatile boolean closed;
    /**
     * User-code tasks (starts, stops) whose outcome the state machine still waits for. Written under the lock (plain
     * writes: a fence per start and stop would cost the state machine more than the hint is worth); {@link #busy()}
     * reads it without the lock, as a hint, through {@link #IN_FLIGHT}.
     */
    int inFlight;
    int scheduledRestarts;
    int runningCount;
    long installSequence;
    private int markEpoch;
    final List<SettleWaiter> settleWaiters = new ArrayList<>();
    @Nullable CompletableFuture<@Nullable Void> startAllFuture;
    @Nullable Instant startAllBegan;
    @Nullable Instant startAllEnded;
    boolean recordingStartup;
    boolean hasHealthChecks;
    /** The next round of health checks, while one is due. */
    @Nullable DeferredTimer healthTimer;

    Engine(ServiceRegistryBuilder builder) {
        this.executor = builder.executor != null ? builder.executor : DefaultThreads.userCode();
        this.scheduler = builder.scheduler != null ? builder.scheduler : DefaultThreads.scheduler();
        this.workers = new Workers(this, executor);
        this.clock = builder.clock;
        this.systemClock = clock.getClass() == Clock.systemUTC().getClass();
        this.calibratedAt = System.nanoTime();
        this.systemClockOffset = nanos(clock.instant()) - calibratedAt;
        this.random = builder.random != null ? builder.random : () -> ThreadLocalRandom.current().nextDouble();
        this.defaultSettings = new ServiceSettings(builder.startTimeout, builder.stopTimeout, builder.restartPolicy,
                null, 0);
        this.healthCheckInterval = builder.healthCheckInterval;
        this.eventDeliveryTimeout = builder.eventDeliveryTimeout;
        this.overrides = Map.copyOf(builder.overrides);
        builder.listeners.forEach(events::add);
        if (builder.shutdownHook) {
            this.shutdownHook = new Thread(this::close, "lifecycle-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } else {
            this.shutdownHook = null;
        }
    }

    // ---------------------------------------------------------------- the change template

    /**
     * Whether tasks are likely to become ready soon: a change holds the lock, outcomes wait to be applied, or starts
     * and stops are in flight. Read without the lock, as a hint.
     */
    boolean busy() {
        return lock.isLocked() || outcomesWaiting() || (int) IN_FLIGHT.getOpaque(this) > 0;
    }

    /** Whether outcomes reported by the workers wait to be applied (see {@link #report}). */
    boolean outcomesWaiting() {
        return outcomes.get() != null;
    }

    /**
     * Runs a change under the lock, settles the state machine, then acts on what it decided. A change that throws
     * (a refused call) still acts on what it decided before, and applies the outcomes reported meanwhile.
     */
    <R> R locked(Function<Batch, R> change) {
        Batch batch = new Batch();
        lock.lock();
        try {
            try {
                return change.apply(batch);
            } finally {
                endChange(batch);
            }
        } finally {
            lock.unlock();
            afterChange(batch);
            applyReports();
            awaitTimersArmed();
        }
    }

    /**
     * Ends a change, under the lock: settles the state machine and hands the change's events to the delivery queue.
     * A change that decided on timers is counted until they are armed (see {@link #awaitTimersArmed()}).
     */
    private void endChange(Batch batch) {
        machine.settle(batch);
        events.endChange();
        if (batch.hasTimers()) {
            changesArmingTimers.incrementAndGet();
        }
    }

    /**
     * Acts on what a change decided, once the lock is released. The timers go first, before anything of the change
     * can be seen outside the lock: its tasks (handed to the workers next), its events and its futures. So whoever
     * sees a failure, a start in flight or a stop, through any of those, finds its back-off or its deadline armed: a
     * test driving time by hand never advances past a timer that is not scheduled yet.
     */
    private void afterChange(Batch batch) {
        if (batch.hasTimers()) {
            ARMING.set(Boolean.TRUE);
            try {
                batch.applyTimers(this);
            } finally {
                ARMING.remove();
                changesArmingTimers.decrementAndGet();
            }
        }
        workers.start(workers.enqueue(batch));
        act(batch);
    }

    /**
     * Waits until the changes that released the lock before this call returns have armed their timers, so that
     * a snapshot or a state read after a change never precedes its timers. Arming takes no lock and only calls the
     * scheduler, which must return promptly: the wait is short and rare.
     */
    private void awaitTimersArmed() {
        // A scheduler that calls the registry while it arms a timer does not wait for itself.
        while (changesArmingTimers.get() > 0 && ARMING.get() == null) {
            Thread.yield();
        }
    }

    /**
     * Reports the outcome of a service's own code (a start or a stop that returned). It is applied under the lock by
     * this thread, or, if another holds the lock, by that one once its change is done: a worker never waits for the
     * lock to report, and goes on with the next task while the state machine runs on the other thread.
     */
    void report(TaskRun run) {
        TaskRun head;
        do {
            head = outcomes.get();
            run.nextReport = head;
        } while (!outcomes.compareAndSet(head, run));
        applyReports();
    }

    /**
     * Applies the reported outcomes, in the order reported, as one change, unless another thread holds the lock: that
     * one calls this once it has released it, so no report is left behind.
     */
    private void applyReports() {
        while (outcomes.get() != null && !lock.isHeldByCurrentThread() && lock.tryLock()) {
            Batch batch = new Batch();
            try {
                try {
                    TaskRun ordered = null;
                    for (TaskRun run = outcomes.getAndSet(null); run != null; ) {
                        TaskRun next = run.nextReport;
                        run.nextReport = ordered;
                        ordered = run;
                        run = next;
                    }
                    while (ordered != null) {
                        TaskRun run = ordered;
                        ordered = run.nextReport;
                        run.nextReport = null;
                        try {
                            run.applyOutcome(batch);
                        } catch (RuntimeException ex) {
                            log.error("Applying the outcome of a service's code failed unexpectedly", ex);
                        }
                    }
                } finally {
                    endChange(batch);
                }
            } finally {
                lock.unlock();
            }
            afterChange(batch);
        }
    }

    void lockedRun(Consumer<Batch> change) {
        locked(batch -> {
            change.accept(batch);
            return null;
        });
    }

    /**
     * Delivers the events of a change and completes its futures; called without the lock, after its timers are
     * armed. Events go first, so that a listener has seen a change (a give-up, say) by the time a future that the change completes is done,
     * unless another thread is delivering to that listener (see {@link EventQueue}).
     */
    private void act(Batch batch) {
        assert !lock.isHeldByCurrentThread() : "callbacks must run without the registry's lock";
        events.drain(batch);
        if (batch.nothingAfter()) {
            return;
        }
        batch.runAfter();
        events.drain(null);
    }

    Instant now() {
        return instant(nowNanos());
    }

    /** The instant of a time in clock nanos. */
    static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(0, epochNanos);
    }

    /**
     * The clock's time in nanoseconds since the epoch. With the system clock it is read from {@link System#nanoTime()}
     * (cheaper, and never going back between two calibrations), set to the clock's time at most once a second.
     */
    long nowNanos() {
        if (!systemClock) {
            return nanos(clock.instant());
        }
        long nano = System.nanoTime();
        if (nano - calibratedAt > CALIBRATION_NANOS) {
            calibratedAt = nano;
            systemClockOffset = nanos(clock.instant()) - nano;
        }
        return nano + systemClockOffset;
    }

    /** An instant in nanoseconds since the epoch, the unit of the engine's own times. */
    static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** Appends an installed service to the installation order. */
    void addInstalled(Controller c) {
        assert lock.isHeldByCurrentThread();
        c.previousInstalled = lastInstalled;
        if (lastInstalled == null) {
            firstInstalled = c;
        } else {
            lastInstalled.nextInstalled = c;
        }
        lastInstalled = c;
    }

    /** Takes a removed service out of the installation order. */
    void removeInstalled(Controller c) {
        assert lock.isHeldByCurrentThread();
        Controller previous = c.previousInstalled;
        Controller next = c.nextInstalled;
        if (previous == null) {
            firstInstalled = next;
        } else {
            previous.nextInstalled = next;
        }
        if (next == null) {
            lastInstalled = previous;
        } else {
            next.previousInstalled = previous;
        }
        c.previousInstalled = null;
        c.nextInstalled = null;
    }

    int nextMark() {
        assert lock.isHeldByCurrentThread();
        return ++markEpoch;
    }

    /** The service installed with {@code id}, for a read; called with or without the lock. */
    Controller require(String id) {
        Controller c = services.get(id);
        if (c == null) {
            throw unknown(id);
        }
        return c;
    }

    /** Why no service {@code id} is installed: it never was, or it was removed. */
    UnknownServiceException unknown(String id) {
        boolean removed = lock.isHeldByCurrentThread() ? removedIds.contains(id) : locked(b -> removedIds.contains(id));
        return removed ? new UnknownServiceException(id, "Service '" + id + "' was removed; install it again to use it")
                : new UnknownServiceException(id);
    }

    /**
     * The service an operation acts on; under the lock, so that an operation racing with the service's removal is
     * refused rather than lost.
     *
     * @param call the operation, to name it in a refusal
     * @throws IllegalStateException if the registry is closed
     * @throws UnknownServiceException if no service {@code id} is installed, or it is being removed
     */
    private Controller operable(String call, String id) {
        assert lock.isHeldByCurrentThread();
        checkOpen(call, id);
        Controller c = services.get(id);
        if (c == null) {
            throw unknown(id);
        }
        if (c.removing) {
            throw new UnknownServiceException(id, "Cannot " + call + "('" + id + "'): the service is being removed "
                    + "(install it again once its remove() future completes)");
        }
        return c;
    }

    /**
     * Refuses an operation on a closed registry.
     *
     * @param call the operation
     * @param id the service it names, or {@code null}
     */
    void checkOpen(String call, @Nullable String id) {
        if (closed) {
            throw new IllegalStateException("Cannot " + call + "(" + (id == null ? "" : "'" + id + "'")
                    + "): the registry is closed; build a new one");
        }
    }

    // ---------------------------------------------------------------- ServiceRegistry

    @Override
    public <T> ServiceHandle<T> install(ServiceDefinition<T> definition) {
        return installer.install(definition);
    }

    @Override
    public <T> ServiceHandle<T> handle(ServiceKey<T> key) {
        return new Handle<>(this, Checks.notNull(key, "ServiceRegistry.handle(key)", "key"));
    }

    @Override
    public CompletableFuture<@Nullable Void> startAll() {
        return locked(batch -> {
            checkOpen("startAll", null);
            if (startAllFuture != null && !startAllFuture.isDone() && !shuttingDown) {
                return startAllFuture;
            }
            installer.checkNothingMissing();
            started = true;
            shuttingDown = false;
            startAllBegan = now();
            startAllEnded = null;
            recordingStartup = true;
            CompletableFuture<@Nullable Void> future = new CompletableFuture<>();
            startAllFuture = future;
            for (Controller c = firstInstalled; c != null; c = c.nextInstalled) {
                c.reportStart = Controller.UNSET;
                c.reportReady = Controller.UNSET;
                c.startReason = TransitionReason.STARTUP;
                machine.evaluate(c, batch);
            }
            scheduleHealthChecks(batch);
            return future;
        });
    }

    @Override
    public CompletableFuture<@Nullable Void> stopAll() {
        return locked(batch -> {
            if (!shuttingDown) {
                // Once stopping, nothing starts or schedules a restart: a second stopAll() only waits.
                shuttingDown = true;
                for (Controller c = lastInstalled; c != null; c = c.previousInstalled) {
                    machine.cancelRestart(c, batch);
                    machine.cancelStart(c, batch);
                    machine.evaluate(c, batch);
                }
            }
            if (healthTimer != null) {
                batch.cancel(healthTimer);
                healthTimer = null;
            }
            CompletableFuture<@Nullable Void> pending = startAllFuture;
            if (pending != null && !pending.isDone()) {
                recordingStartup = false;
                batch.after(() -> pending.completeExceptionally(
                        new LifecycleException("The registry was stopped before every service had started")));
            }
            return settledFuture();
        });
    }

    @Override
    public <T> @Nullable T get(ServiceKey<T> key) {
        return new Handle<>(this, Checks.notNull(key, "ServiceRegistry.get(key)", "key")).get();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<@Nullable T> await(ServiceKey<T> key) {
        Checks.notNull(key, "ServiceRegistry.await(key)", "key");
        return locked(batch -> {
            checkOpen("await", key.id());
            Controller c = services.get(key.id());
            if (c != null) {
                Installer.checkHandleType(c, key);
            }
            CompletableFuture<@Nullable Object> future = new CompletableFuture<>();
            if (c == null) {
                pendingAwaiters.computeIfAbsent(key.id(), id -> new ArrayList<>()).add(future);
                // Not installed yet: its type is checked once it is, before its value is handed out.
                return future.thenApply(value -> {
                    Controller installed = services.get(key.id());
                    if (installed != null) {
                        Installer.checkHandleType(installed, key);
                    }
                    return (T) value;
                });
            } else {
                machine.addAwaiter(c, future, batch);
            }
            return (CompletableFuture<@Nullable T>) (CompletableFuture<?>) future;
        });
    }

    @Override
    public CompletableFuture<@Nullable Void> fail(String id, Throwable cause) {
        Checks.notNull(id, "ServiceRegistry.fail(id, cause)", "id");
        Checks.notNull(cause, "ServiceRegistry.fail(id, cause)", "cause");
        return locked(batch -> {
            Controller c = operable("fail", id);
            machine.requestFailure(c, StateMachine.ANY_CYCLE, cause, batch);
            return settledFuture();
        });
    }

    @Override
    public CompletableFuture<@Nullable Void> restart(String id) {
        Checks.notNull(id, "ServiceRegistry.restart(id)", "id");
        return locked(batch -> {
            Controller c = operable("restart", id);
            checkStarted(id);
            machine.requestRestart(c, batch);
            return settledFuture();
        });
    }

    @Override
    public CompletableFuture<@Nullable Void> stop(String id) {
        Checks.notNull(id, "ServiceRegistry.stop(id)", "id");
        return locked(batch -> {
            Controller c = operable("stop", id);
            machine.requestStop(c, batch);
            return settledFuture();
        });
    }

    @Override
    public CompletableFuture<@Nullable Void> start(String id) {
        Checks.notNull(id, "ServiceRegistry.start(id)", "id");
        return locked(batch -> {
            Controller c = operable("start", id);
            checkStarted(id);
            machine.requestStart(c, batch);
            return settledFuture();
        });
    }

    @Override
    public CompletableFuture<@Nullable Void> remove(String id) {
        Checks.notNull(id, "ServiceRegistry.remove(id)", "id");
        return locked(batch -> {
            checkOpen("remove", id);
            // A second remove while the first is under way gets the same future.
            return machine.requestRemoval(require(id), batch);
        });
    }

    private void checkStarted(String id) {
        if (!started || shuttingDown) {
            throw new IllegalStateException("Cannot start '" + id + "': the registry is "
                    + (shuttingDown ? "stopped" : "not started") + "; call startAll() first");
        }
    }

    @Override
    public CompletableFuture<@Nullable Void> settled() {
        return locked(batch -> settledFuture());
    }

    /**
     * A future completing once nothing is in flight; call under the lock. Asked for from a service's own code, it
     * does not wait for that code itself, which is in flight until it returns.
     */
    CompletableFuture<@Nullable Void> settledFuture() {
        assert lock.isHeldByCurrentThread();
        CompletableFuture<@Nullable Void> future = new CompletableFuture<>();
        settleWaiters.add(new SettleWaiter(future, UserCalls.runningOnThisThread()));
        return future;
    }

    /**
     * A settle future, and the service whose own code asked for it (its work in flight does not count).
     *
     * @param future the future to complete
     * @param caller the service whose setup, start, stop or join asked for it, if any
     */
    record SettleWaiter(CompletableFuture<@Nullable Void> future, @Nullable Controller caller) {

        /** Whether nothing but the caller's own work is in flight. */
        boolean isSettled(int inFlight) {
            return inFlight == 0 || (inFlight == 1 && caller != null && caller.countedInFlight);
        }
    }

    @Override
    public CompletableFuture<@Nullable Void> checkHealth() {
        return HealthChecks.runAll(this);
    }

    void scheduleHealthChecks(Batch batch) {
        assert lock.isHeldByCurrentThread();
        if (hasHealthChecks && healthTimer == null && started && !shuttingDown && !closed) {
            DeferredTimer timer = new DeferredTimer(scheduler, batch.now(this) + healthCheckInterval.toNanos(), t -> {
                // The next round is due an interval after this one, whether or not all its checks have answered: a
                // check still in flight is skipped, so one that never answers holds back neither the others nor it.
                boolean due = locked(b -> {
                    if (healthTimer != t) {
                        return false;
                    }
                    healthTimer = null;
                    scheduleHealthChecks(b);
                    return true;
                });
                if (due) {
                    HealthChecks.runAll(this);
                }
            });
            healthTimer = timer;
            batch.arm(timer);
        }
    }

    @Override
    public List<ServiceSnapshot> snapshot() {
        return locked(batch -> reports.snapshots());
    }

    @Override
    public Optional<ServiceSnapshot> snapshot(String id) {
        Checks.notNull(id, "ServiceRegistry.snapshot(id)", "id");
        return locked(batch -> {
            Controller c = services.get(id);
            return c == null ? Optional.empty() : Optional.of(reports.snapshot(c, new HashMap<>()));
        });
    }

    @Override
    public ServiceGraph graph() {
        return locked(batch -> reports.graph());
    }

    @Override
    public StartupReport startupReport() {
        return locked(batch -> reports.startupReport());
    }

    @Override
    public void addListener(ServiceListener listener) {
        events.add(Checks.notNull(listener, "ServiceRegistry.addListener(listener)", "listener"));
    }

    @Override
    public void removeListener(ServiceListener listener) {
        events.remove(listener);
    }

    @Override
    public void close() {
        boolean first = locked(batch -> {
            boolean wasOpen = !closed;
            closed = true;
            return wasOpen;
        });
        if (!first) {
            return;
        }
        stopAll().join();
        // Nothing starts any more: whoever awaits a service would wait for ever.
        lockedRun(this::failAwaiters);
        // Whatever thread is delivering events, the last transitions reach the listeners before close returns,
        // unless a listener blocks past the delivery timeout.
        events.deliverAll(eventDeliveryTimeout);
        events.close();
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException ex) {
                // The JVM is already shutting down.
            }
        }
        workers.close();
    }

    /** At close: fails every future awaiting a service, installed or not. */
    private void failAwaiters(Batch batch) {
        LifecycleException closedCause = new LifecycleException("The registry was closed");
        for (Controller c = firstInstalled; c != null; c = c.nextInstalled) {
            machine.failAwaiters(c, new ServiceFailedException("Service '" + c.id + "' will not start: the registry "
                    + "was closed", closedCause), batch);
        }
        List<CompletableFuture<@Nullable Object>> pending = new ArrayList<>();
        pendingAwaiters.values().forEach(pending::addAll);
        pendingAwaiters.clear();
        if (!pending.isEmpty()) {
            batch.after(() -> pending.forEach(f -> f.completeExceptionally(new ServiceFailedException(
                    "The service was never installed: the registry was closed", closedCause))));
        }
    }

    @Override
    public String toString() {
        return "ServiceRegistry[" + services.size() + " services]";
    }
}
