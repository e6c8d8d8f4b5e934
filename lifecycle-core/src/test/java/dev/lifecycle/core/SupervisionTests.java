package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.event.ServiceListener;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The restart policy: exact back-off delays, jitter, the intensity limit and giving up, the reset after a healthy
 * window, never restarting, escalation, and per-service policies. Time is driven by hand and user code runs on the
 * calling thread, so every step is complete when the call that caused it returns.
 */
class SupervisionTests extends ManualRegistryTestBase {

    private static final ServiceKey<String> X = ServiceKey.of("x", String.class);

    private final Instant t0 = time.instant();
    private final List<String> giveUps = new CopyOnWriteArrayList<>();

    @Override
    boolean onCallingThread() {
        return true;
    }

    @Override
    ServiceRegistryBuilder builder() {
        return super.builder().listener(new ServiceListener() {
            @Override
            public void onGiveUp(ServiceKey<?> key, Escalation escalation, Throwable cause) {
                giveUps.add(key.id() + " " + escalation + " " + cause);
            }
        });
    }

    @Test
    void backoffDoublesFromTheInitialDelayUpToTheMaximum() {
        startX(RestartPolicy.defaults().withBackoff(Duration.ofMillis(100),
                Duration.ofSeconds(1), 2.0).withIntensity(20, Duration.ofHours(1)), Integer.MAX_VALUE);

        int restarts = 0;
        for (long delay : new long[] {100, 200, 400, 800, 1000, 1000}) {
            Instant now = time.instant();
            ServiceSnapshot x = snapshot("x");
            assertThat(x.state()).isEqualTo(ServiceState.FAILED);
            assertThat(x.restarts()).isEqualTo(restarts++);
            assertThat(x.nextRestartAt()).as("restart %d", restarts).isEqualTo(now.plusMillis(delay));
            assertThat(time.pendingTimers()).containsExactly(now.plusMillis(delay));
            time.advance(Duration.ofMillis(delay));
        }
        assertThat(time.instant()).isEqualTo(t0.plusMillis(3500));
        assertThat(snapshot("x").lastFailure().summary()).isEqualTo("java.io.IOException: attempt 7 failed");
        assertThat(giveUps).isEmpty();
    }

    @Test
    void jitterShortensEachDelayByTheDrawnFractionOfTheJitter() {
        Iterator<Double> draws = List.of(0.5, 0.25, 0.0, 0.75).iterator();
        rebuild(options -> options.restartPolicy(RestartPolicy.defaults().withJitter(0.5).withBackoff(
                Duration.ofMillis(100), Duration.ofMillis(800), 2.0)).random(draws::next));
        registry.install("x", String.class, failing(4));
        registry.startAll();

        for (long delay : new long[] {75, 175, 400, 500}) {
            Instant now = time.instant();
            assertThat(snapshot("x").nextRestartAt()).isEqualTo(now.plusMillis(delay));
            assertThat(time.pendingTimers()).containsExactly(now.plusMillis(delay));
            time.advance(Duration.ofMillis(delay));
        }
        assertThat(snapshot("x").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(draws).isExhausted();
    }

    @Test
    void pastTheIntensityLimitTheServiceGivesUp() throws Exception {
        registry(RestartPolicy.defaults().withIntensity(3, Duration.ofSeconds(60)));
        registry.install("x", String.class, failing(Integer.MAX_VALUE));
        install("user", log.service("user"), "x");
        CompletableFuture<@Nullable Void> startAll = registry.startAll();
        CompletableFuture<@Nullable String> awaiting = registry.await(X);

        time.advance(Duration.ofMillis(100));
        time.advance(Duration.ofMillis(200));
        time.advance(Duration.ofMillis(400));

        ServiceSnapshot x = snapshot("x");
        assertThat(x.state()).isEqualTo(ServiceState.FAILED);
        assertThat(x.restarts()).isEqualTo(3);
        assertThat(x.nextRestartAt()).isNull();
        assertThat(x.lastFailure().summary()).isEqualTo("java.io.IOException: attempt 4 failed");
        assertThat(time.pendingTimers()).isEmpty();
        assertThat(giveUps).containsExactly("x NONE java.io.IOException: attempt 4 failed");
        assertThat(awaiting).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(ServiceFailedException.class)
                .withMessage("Service 'x' gave up: it failed more than 3 times in 1 min");
        assertThat(registry.await(X)).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(ServiceFailedException.class)
                .withMessage("Service 'x' will not start: it gave up");
        assertThat(startAll).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(StartupFailedException.class)
                .withMessage("Start-up failed:\n  - x is FAILED: java.io.IOException: attempt 4 failed\n"
                        + "  - user is WAITING (blocked by x, which failed with java.io.IOException: attempt 4 failed)");
        time.advance(Duration.ofHours(1));
        assertThat(snapshot("x").state()).isEqualTo(ServiceState.FAILED);
        assertThat(snapshot("user").state()).isEqualTo(ServiceState.WAITING);
    }

    @Test
    void restartsOlderThanTheWindowNoLongerCount() {
        registry(RestartPolicy.defaults().withBackoff(Duration.ofMillis(100),
                Duration.ofMillis(100), 1.0).withIntensity(2, Duration.ofSeconds(1)));
        registry.install("x", String.class, log.service("x"));
        registry.startAll();

        registry.fail("x", new IOException("one"));
        time.advance(Duration.ofMillis(500));
        registry.fail("x", new IOException("two"));
        time.advance(Duration.ofMillis(500));
        assertThat(snapshot("x").state()).isEqualTo(ServiceState.RUNNING);
        registry.fail("x", new IOException("three, with the first out of the window"));
        assertThat(snapshot("x").nextRestartAt()).isEqualTo(t0.plusMillis(1100));
        time.advance(Duration.ofMillis(100));
        assertThat(snapshot("x").state()).isEqualTo(ServiceState.RUNNING);

        registry.fail("x", new IOException("four, the third in the window"));
        assertThat(snapshot("x").state()).isEqualTo(ServiceState.FAILED);
        assertThat(snapshot("x").nextRestartAt()).isNull();
        assertThat(giveUps).containsExactly("x NONE java.io.IOException: four, the third in the window");
        assertThat(snapshot("x").restarts()).isEqualTo(3);
    }

    @ParameterizedTest(name = "ran {0} ms, next delay {1} ms")
    @CsvSource({"59999, 400", "60000, 100"})
    void backoffResetsOnceTheServiceHasRunForTheWindow(long ranMillis, long nextDelay) {
        startX(RestartPolicy.defaults(), 2);
        time.advance(Duration.ofMillis(100));
        time.advance(Duration.ofMillis(200));
        assertThat(snapshot("x").state()).isEqualTo(ServiceState.RUNNING);

        time.advance(Duration.ofMillis(ranMillis));
        registry.fail("x", new IOException("lost"));

        assertThat(snapshot("x").nextRestartAt()).isEqualTo(time.instant().plusMillis(nextDelay));
    }

    @Test
    void neverRestartLeavesTheServiceFailedUntilRestartedByHand() throws Exception {
        startX(RestartPolicy.never(), 1);

        ServiceSnapshot x = snapshot("x");
        assertThat(x.state()).isEqualTo(ServiceState.FAILED);
        assertThat(x.nextRestartAt()).isNull();
        assertThat(time.pendingTimers()).isEmpty();
        assertThat(giveUps).containsExactly("x NONE java.io.IOException: attempt 1 failed");
        assertThat(registry.await(X)).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .havingCause().withMessage("Service 'x' will not start: it failed and its restart policy never "
                        + "restarts it");
        time.advance(Duration.ofHours(1));
        assertThat(snapshot("x").state()).isEqualTo(ServiceState.FAILED);

        registry.restart("x").get();
        assertThat(registry.get(X)).isEqualTo("up#2");
        assertThat(snapshot("x").restarts()).isEqualTo(1);

        registry.fail("x", new IOException("lost"));
        assertThat(snapshot("x").state()).isEqualTo(ServiceState.FAILED);
        assertThat(time.pendingTimers()).isEmpty();
        assertThat(giveUps).hasSize(2);
    }

    @Test
    void escalationShutdownStopsEveryServiceWhenOneGivesUp() throws Exception {
        registry(RestartPolicy.defaults());
        registry.install("a", String.class, log.service("a"));
        install("b", log.service("b"), "a");
        registry.install("c", String.class, log.service("c"));
        registry.install(ServiceDefinition.builder(X, log.service("x"))
                .restartPolicy(RestartPolicy.defaults().withIntensity(1, Duration.ofSeconds(60))
                        .withEscalation(Escalation.SHUTDOWN))
                .build());
        registry.startAll().get();

        registry.fail("x", new IOException("first"));
        time.advance(Duration.ofMillis(100));
        assertThat(snapshot("x").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(snapshot("a").state()).isEqualTo(ServiceState.RUNNING);
        registry.fail("x", new IOException("second"));
        registry.settled().get();

        assertThat(giveUps).containsExactly("x SHUTDOWN java.io.IOException: second");
        assertThat(snapshot("x").state()).isEqualTo(ServiceState.FAILED);
        for (String id : List.of("a", "b", "c")) {
            assertThat(snapshot(id).state()).as(id).isEqualTo(ServiceState.STOPPED);
            assertThat(snapshot(id).reason()).as(id).isEqualTo(TransitionReason.SHUTDOWN);
        }
        List<String> calls = log.calls();
        assertThat(calls.indexOf("join b")).isLessThan(calls.indexOf("stop a"));
        assertThat(calls).contains("stop c", "join c");
        assertThat(time.pendingTimers()).isEmpty();
    }

    @Test
    void escalationNoneLeavesTheOtherServicesRunning() {
        registry(RestartPolicy.never());
        registry.install("a", String.class, log.service("a"));
        registry.install("x", String.class, failing(1));
        registry.startAll();

        assertThat(giveUps).containsExactly("x NONE java.io.IOException: attempt 1 failed");
        assertThat(snapshot("a").state()).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void aServicesOwnPolicyOverridesTheRegistryDefault() {
        registry(RestartPolicy.never());
        registry.install("inherits", String.class, failing(1));
        registry.install(ServiceDefinition.builder(ServiceKey.of("own", String.class), failing(1))
                .restartPolicy(RestartPolicy.defaults().withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(30), 2))
                .build());
        registry.startAll();

        assertThat(snapshot("inherits").nextRestartAt()).isNull();
        assertThat(snapshot("own").nextRestartAt()).isEqualTo(t0.plusSeconds(2));
        assertThat(giveUps).containsExactly("inherits NONE java.io.IOException: attempt 1 failed");
        time.advance(Duration.ofSeconds(2));
        assertThat(snapshot("own").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(snapshot("inherits").state()).isEqualTo(ServiceState.FAILED);
    }

    @Test
    void theRegistryDefaultPolicyAppliesToServicesWithoutTheirOwn() {
        startX(RestartPolicy.defaults().withBackoff(Duration.ofSeconds(3),
                Duration.ofSeconds(30), 2), 1);

        assertThat(snapshot("x").nextRestartAt()).isEqualTo(t0.plusSeconds(3));
        assertThat(time.pendingTimers()).containsExactly(t0.plusSeconds(3));
    }

    @Test
    void aRestartWithoutBackoffHappensAtOnceWithoutATimer() throws Exception {
        registry(RestartPolicy.defaults().withBackoff(Duration.ZERO, Duration.ZERO, 1.0)
                .withJitter(0).withIntensity(5, Duration.ofMinutes(1)));
        registry.install("x", String.class, failing(2));

        registry.startAll().get(5, TimeUnit.SECONDS);

        ServiceSnapshot x = snapshot("x");
        assertThat(x.state()).isEqualTo(ServiceState.RUNNING);
        assertThat(x.restarts()).isEqualTo(2);
        assertThat(registry.get(X)).isEqualTo("up#3");
        assertThat(time.pendingTimers()).as("timers left").isEmpty();
        assertThat(time.instant()).isEqualTo(t0);
        assertThat(listener.of("x")).containsExactly("INSTALLED->STARTING", "STARTING->FAILED", "FAILED->STARTING",
                "STARTING->FAILED", "FAILED->STARTING", "STARTING->RUNNING");
    }

    @Test
    void startsAndRestartsByHandOfAFlappingServiceStillCountTowardsItsIntensityLimit() {
        startX(RestartPolicy.defaults().withIntensity(3, Duration.ofSeconds(60)), Integer.MAX_VALUE);
        assertThat(snapshot("x").nextRestartAt()).isEqualTo(t0.plusMillis(100));

        registry.restart("x");
        assertThat(snapshot("x").nextRestartAt()).isEqualTo(t0.plusMillis(200));
        registry.start("x");
        assertThat(snapshot("x").nextRestartAt()).isEqualTo(t0.plusMillis(400));
        assertThat(giveUps).isEmpty();
        registry.restart("x");

        ServiceSnapshot x = snapshot("x");
        assertThat(x.state()).isEqualTo(ServiceState.FAILED);
        assertThat(x.nextRestartAt()).isNull();
        assertThat(x.lastFailure().summary()).isEqualTo("java.io.IOException: attempt 4 failed");
        assertThat(giveUps).containsExactly("x NONE java.io.IOException: attempt 4 failed");
        assertThat(time.pendingTimers()).isEmpty();
    }

    @Test
    void startByHandAfterAGiveUpStartsAfreshWithTheWholeIntensityAndTheFirstBackoff() {
        startX(RestartPolicy.defaults().withIntensity(1, Duration.ofSeconds(60)), Integer.MAX_VALUE);
        time.advance(Duration.ofMillis(100));
        assertThat(giveUps).hasSize(1);

        registry.start("x");

        ServiceSnapshot x = snapshot("x");
        assertThat(x.state()).isEqualTo(ServiceState.FAILED);
        assertThat(x.lastFailure().summary()).isEqualTo("java.io.IOException: attempt 3 failed");
        assertThat(x.nextRestartAt()).isEqualTo(time.instant().plusMillis(100));
        assertThat(giveUps).hasSize(1);
        time.advance(Duration.ofMillis(100));
        assertThat(giveUps).hasSize(2);
    }

    @Test
    void stopAndStartByHandOfAFlappingServiceKeepItsHistory() {
        startX(RestartPolicy.defaults().withIntensity(2, Duration.ofSeconds(60)), Integer.MAX_VALUE);
        registry.stop("x");
        assertThat(snapshot("x").state()).isEqualTo(ServiceState.STOPPED);

        registry.start("x");
        assertThat(snapshot("x").nextRestartAt()).isEqualTo(t0.plusMillis(200));
        registry.start("x");

        assertThat(snapshot("x").nextRestartAt()).isNull();
        assertThat(giveUps).containsExactly("x NONE java.io.IOException: attempt 3 failed");
    }

    /** Replaces the registry by one restarting as {@code policy} says. */
    private void registry(RestartPolicy policy) {
        rebuild(options -> options.restartPolicy(policy));
    }

    /** {@link #registry(RestartPolicy)}, with {@code x}, whose first {@code failures} starts fail, started. */
    private void startX(RestartPolicy policy, int failures) {
        registry(policy);
        registry.install("x", String.class, failing(failures));
        registry.startAll();
    }

    /** A service whose first {@code failures} starts throw; later ones publish {@code up#attempt}. */
    private static Service<String> failing(int failures) {
        return failingFirst(failures, attempt -> new IOException("attempt " + attempt + " failed"),
                attempt -> "up#" + attempt);
    }
}
