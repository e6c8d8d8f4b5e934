package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A registry on {@link ManualTime} (its clock and scheduler, no jitter) with a {@link TransitionLog} and a
 * {@link PhaseLog}, built before each test and stopped, closed and checked for illegal transitions after it.
 * Services that block in their stop wait for {@link #release}, counted down after each test.
 */
abstract class ManualRegistryTestBase {

    static final Duration WAIT = Duration.ofSeconds(10);

    final ManualTime time = new ManualTime();
    final TransitionLog listener = new TransitionLog();
    final PhaseLog log = new PhaseLog();
    final CountDownLatch release = new CountDownLatch(1);
    ServiceRegistry registry;

    /** The registry's builder; a test class may add options. */
    ServiceRegistryBuilder builder() {
        return ServiceRegistry.builder().clock(time).scheduler(time).random(() -> 0.0).listener(listener);
    }

    @BeforeEach
    void buildRegistry() {
        registry = builder().build();
    }

    @AfterEach
    void closeRegistry() {
        release.countDown();
        assertThat(registry.stopAll()).succeedsWithin(WAIT);
        registry.close();
        listener.assertAllLegal();
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
     * A service whose start records {@code start <id>}, counts {@code entered} down and waits for {@link #release},
     * then returns {@code value}. Interrupted, an interruptible one throws {@link InterruptedException}; the other
     * keeps waiting (as code that ignores interrupts does) and keeps the interrupt. Its stop and join are recorded,
     * the stop of an abandoned start's value as {@code stop <id> (abandoned)}.
     */
    Service<String> blockingStart(CountDownLatch entered, java.util.function.Supplier<String> value,
            boolean interruptible) {
        return new Service<>() {
            @Override
            public String start(ServiceContext context) throws InterruptedException {
                log.add("start", context.key().id());
                entered.countDown();
                if (interruptible) {
                    release.await();
                    return value.get();
                }
                boolean interrupted = false;
                while (true) {
                    try {
                        release.await();
                        break;
                    } catch (InterruptedException ex) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
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

    ServiceSnapshot snapshot(String id) {
        return registry.snapshot(id).orElseThrow();
    }

    static <T> T done(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
