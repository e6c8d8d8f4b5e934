package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.test.ManualTime;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A registry on {@link ManualTime} (its clock and scheduler, no jitter) with a {@link TransitionLog} and a
 * {@link PhaseLog}, built before each test and stopped, closed and checked for illegal transitions after it. User
 * code runs on the registry's default executor, or on the calling thread in a class that says so; a test may replace
 * the registry by one with options of its own. Services that block wait for {@link #release}, counted down after
 * each test.
 */
abstract class ManualRegistryTestBase {

    static final Duration WAIT = Duration.ofSeconds(10);

    final ManualTime time = new ManualTime();
    final TransitionLog listener = new TransitionLog();
    final PhaseLog log = new PhaseLog();
    final CountDownLatch release = new CountDownLatch(1);
    /** Counted down by a start that blocks ({@link #blockingStart}, or a test's own) once it is inside. */
    final CountDownLatch entered = new CountDownLatch(1);
    ServiceRegistry registry;

    /**
     * Whether user code runs on the calling thread, so that every step is done when the call that caused it
     * returns; otherwise it runs on the registry's default executor. A test class may say so.
     */
    boolean onCallingThread() {
        return false;
    }

    /** The registry's options; a test class may add its own. */
    ServiceRegistryBuilder builder() {
        return ServiceRegistry.builder().clock(time).scheduler(time).random(() -> 0.0).listener(listener);
    }

    @BeforeEach
    void buildRegistry() {
        registry = build(onCallingThread(), UnaryOperator.identity());
    }

    @AfterEach
    void closeRegistry() {
        release.countDown();
        assertThat(registry.stopAll()).succeedsWithin(WAIT);
        registry.close();
        listener.assertAllLegal();
    }

    /** Replaces the registry by one with {@code options} added to the class's. */
    ServiceRegistry rebuild(UnaryOperator<ServiceRegistryBuilder> options) {
        return replace(onCallingThread(), options);
    }

    /**
     * Replaces the registry by one with the class's options whose user code runs on the registry's default executor,
     * so that a service may block, in a class whose user code otherwise runs on the calling thread.
     */
    ServiceRegistry rebuildOnDefaultExecutor() {
        return rebuildOnDefaultExecutor(UnaryOperator.identity());
    }

    /** {@link #rebuildOnDefaultExecutor()} with {@code options} added to the class's. */
    ServiceRegistry rebuildOnDefaultExecutor(UnaryOperator<ServiceRegistryBuilder> options) {
        return replace(false, options);
    }

    private ServiceRegistry replace(boolean onCallingThread, UnaryOperator<ServiceRegistryBuilder> options) {
        registry.close();
        registry = build(onCallingThread, options);
        return registry;
    }

    private ServiceRegistry build(boolean onCallingThread, UnaryOperator<ServiceRegistryBuilder> options) {
        ServiceRegistryBuilder builder = builder();
        if (onCallingThread) {
            builder.executor(Runnable::run);
        }
        return options.apply(builder).build();
    }

    /** Installs {@code service} under {@code id} with type String, requiring {@code requirements} (by id). */
    ServiceHandle<String> install(String id, Service<String> service, String... requirements) {
        return registry.install(ServiceDefinition.builder(ServiceKey.of(id, String.class), service)
                .dependsOn(requirements).build());
    }

    /** Installs a {@link ManualStart} under {@code id} (type String), requiring {@code requirements} (by id). */
    ManualStart<String> installStartedByHand(String id, String... requirements) {
        ManualStart<String> service = new ManualStart<>();
        install(id, service, requirements);
        return service;
    }

    /** The graph {@code config <- db}: {@code config} a {@link PhaseLog#service(String) recorded service}. */
    void installConfigAndDb(Service<String> db) {
        registry.install("config", String.class, log.service("config"));
        install("db", db, "config");
    }

    /**
     * A service whose first {@code failures} starts throw what {@code error} makes of the attempt's number (from 1);
     * the later ones publish what {@code value} makes of it.
     */
    static <T> Service<T> failingFirst(int failures, IntFunction<? extends Throwable> error, IntFunction<T> value) {
        AtomicInteger attempts = new AtomicInteger();
        return context -> {
            int attempt = attempts.incrementAndGet();
            if (attempt <= failures) {
                Throwable thrown = error.apply(attempt);
                if (thrown instanceof Exception ex) {
                    throw ex;
                }
                throw (Error) thrown;
            }
            return value.apply(attempt);
        };
    }

    /** What a service does in its stop or its join. */
    @FunctionalInterface
    interface Ending {

        void run(ServiceContext context) throws Exception;
    }

    /** A service publishing {@code value} whose stop runs {@code stop}. */
    static <T> Service<T> withStop(T value, Ending stop) {
        return withStop(value, stop, context -> {});
    }

    /** A service publishing {@code value} whose stop runs {@code stop} and whose join runs {@code join}. */
    static <T> Service<T> withStop(T value, Ending stop, Ending join) {
        return new Service<>() {
            @Override
            public T start(ServiceContext context) {
                return value;
            }

            @Override
            public void stop(ServiceContext context) throws Exception {
                stop.run(context);
            }

            @Override
            public void join(ServiceContext context) throws Exception {
                join.run(context);
            }
        };
    }

    /** A service publishing its id whose stop is recorded and then blocks until {@link #release}. */
    Service<String> blockingStop(String id) {
        return new Service<>() {
            @Override
            public String start(ServiceContext context) {
                log.add("start", id);
                return id;
            }

            @Override
            public void stop(ServiceContext context) throws InterruptedException {
                log.add("stop", id);
                release.await();
            }
        };
    }

    /**
     * A service whose start records {@code start <id>}, counts {@link #entered} down and waits for {@link #release},
     * then returns {@code value}. Interrupted, an interruptible one throws {@link InterruptedException}; the other
     * keeps waiting (as code that ignores interrupts does) and keeps the interrupt. Its stop and join are recorded,
     * the stop of an abandoned start's value as {@code stop <id> (abandoned)}.
     */
    Service<String> blockingStart(Supplier<String> value, boolean interruptible) {
        return new Service<>() {
            @Override
            public String start(ServiceContext context) throws InterruptedException {
                log.add("start", context.key().id());
                entered.countDown();
                if (interruptible) {
                    release.await();
                } else if (awaitReleaseIgnoringInterrupts(() -> {})) {
                    Thread.currentThread().interrupt();
                }
                return value.get();
            }

            @Override
            public void stop(ServiceContext context) {
                log.add("stop", context.key().id() + (context.abandoned() ? " (abandoned)" : ""));
            }

            @Override
            public void join(ServiceContext context) {
                log.add("join", context.key().id());
            }
        };
    }

    /**
     * Waits for {@link #release} as code that ignores interrupts does: an interrupt runs {@code onInterrupt} and the
     * wait goes on.
     *
     * @return whether it was interrupted
     */
    boolean awaitReleaseIgnoringInterrupts(Runnable onInterrupt) {
        boolean interrupted = false;
        while (true) {
            try {
                release.await();
                return interrupted;
            } catch (InterruptedException ex) {
                interrupted = true;
                onInterrupt.run();
            }
        }
    }

    ServiceSnapshot snapshot(String id) {
        return registry.snapshot(id).orElseThrow();
    }

    static <T> T done(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
