package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Health checks: their outcome in the snapshot, failing a service after N unhealthy checks in a row, the periodic
 * schedule, and that they are off unless configured. Time is driven by hand and user code runs on the calling thread.
 */
class HealthCheckTests extends ManualRegistryTestBase {

    private final Instant t0 = time.instant();
    private final AtomicBoolean healthy = new AtomicBoolean(true);
    private final AtomicInteger checks = new AtomicInteger();

    @Override
    boolean onCallingThread() {
        return true;
    }

    @Override
    ServiceRegistryBuilder builder() {
        return super.builder().healthCheckInterval(Duration.ofSeconds(5));
    }

    @Test
    void snapshotShowsTheOutcomeOfTheLastCheck() throws Exception {
        installChecked("db", this::check, 0);
        registry.startAll().get();

        checkHealth();
        assertThat(snapshot("db").health()).isEqualTo(ServiceHealth.UP);

        healthy.set(false);
        checkHealth();
        assertThat(snapshot("db").health()).isEqualTo(ServiceHealth.DOWN);
        assertThat(snapshot("db").state()).isEqualTo(ServiceState.RUNNING);

        healthy.set(true);
        checkHealth();
        assertThat(snapshot("db").health()).isEqualTo(ServiceHealth.UP);
        assertThat(checks).hasValue(3);

        registry.stop("db").get();
        assertThat(snapshot("db").health()).isEqualTo(ServiceHealth.UNKNOWN);
        checkHealth();
        assertThat(checks).hasValue(3);
    }

    @Test
    void unhealthyChecksInARowFailTheServiceWhichThenRestarts() throws Exception {
        installChecked("db", this::check, 3);
        install("api", log.service("api"), "db");
        registry.startAll().get();

        for (boolean outcome : new boolean[] {false, false, true, false, false}) {
            healthy.set(outcome);
            checkHealth();
        }
        assertThat(snapshot("db").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(snapshot("db").health()).isEqualTo(ServiceHealth.DOWN);

        checkHealth();

        ServiceSnapshot db = snapshot("db");
        assertThat(db.state()).isEqualTo(ServiceState.FAILED);
        assertThat(db.health()).isEqualTo(ServiceHealth.UNKNOWN);
        assertThat(db.lastFailure().message()).isEqualTo("Service 'db' was unhealthy in 3 health checks in a row");
        assertThat(db.nextRestartAt()).isEqualTo(t0.plusMillis(100));
        assertThat(snapshot("api").state()).isEqualTo(ServiceState.WAITING);
        assertThat(log.calls()).containsExactly("start db", "start api", "stop api", "join api", "stop db",
                "join db");

        healthy.set(true);
        time.advance(Duration.ofMillis(100));
        assertThat(snapshot("db").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(snapshot("api").state()).isEqualTo(ServiceState.RUNNING);
        healthy.set(false);
        checkHealth();
        checkHealth();
        assertThat(snapshot("db").state()).as("the count starts again after a restart").isEqualTo(
                ServiceState.RUNNING);
    }

    @Test
    void checksRunPeriodicallyOnRunningServices() throws Exception {
        installChecked("db", this::check, 0);
        registry.startAll().get();
        assertThat(time.pendingTimers()).containsExactly(t0.plusSeconds(5));

        time.advance(Duration.ofSeconds(5));
        assertThat(checks).hasValue(1);
        assertThat(time.pendingTimers()).containsExactly(t0.plusSeconds(10));
        time.advance(Duration.ofSeconds(10));
        assertThat(checks).hasValue(3);

        registry.stopAll().get();
        assertThat(time.pendingTimers()).isEmpty();
    }

    @Test
    void checkThatNeverAnswersHoldsBackNeitherTheScheduleNorTheOtherChecks() throws Exception {
        AtomicInteger hanging = new AtomicInteger();
        healthy.set(false);
        rebuildOnDefaultExecutor();
        installChecked("stuck", () -> {
            hanging.incrementAndGet();
            return release.await(1, TimeUnit.MINUTES);
        }, 0);
        installChecked("db", this::check, 0);
        registry.startAll().get(10, TimeUnit.SECONDS);

        time.advance(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(10)).until(() -> hanging.get() == 1
                && snapshot("db").health() == ServiceHealth.DOWN);
        time.advance(Duration.ofSeconds(5));

        await().atMost(Duration.ofSeconds(10)).until(() -> checks.get() == 2);
        assertThat(hanging).as("not checked again while its check is in flight").hasValue(1);
        assertThat(time.pendingTimers()).containsExactly(t0.plusSeconds(15));
        release.countDown();
    }

    @Test
    void healthChecksAreOffByDefault() throws Exception {
        AtomicInteger unhealthy = new AtomicInteger();
        registry.install("plain", String.class, log.service("plain"));
        installChecked("reported", () -> {
            unhealthy.incrementAndGet();
            return false;
        }, 0);
        registry.startAll().get();

        for (int i = 0; i < 10; i++) {
            checkHealth();
        }

        assertThat(unhealthy).hasValue(10);
        assertThat(snapshot("plain").health()).isEqualTo(ServiceHealth.UP);
        assertThat(snapshot("reported").health()).isEqualTo(ServiceHealth.DOWN);
        assertThat(snapshot("reported").state()).as("failAfterUnhealthyChecks is 0 by default")
                .isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void noTimerRunsWhenNoServiceHasAHealthCheck() throws Exception {
        registry.install("plain", String.class, log.service("plain"));
        registry.startAll().get();

        assertThat(time.pendingTimers()).isEmpty();
        assertThat(registry.checkHealth()).isDone();
    }

    @Test
    void checkThatThrowsCountsAsUnhealthyAndItsErrorIsTheCause() throws Exception {
        IOException timedOut = new IOException("ping timed out");
        installChecked("db", () -> {
            throw timedOut;
        }, 2);
        registry.startAll().get();

        checkHealth();
        assertThat(snapshot("db").health()).isEqualTo(ServiceHealth.DOWN);
        assertThat(snapshot("db").state()).isEqualTo(ServiceState.RUNNING);
        checkHealth();

        ServiceSnapshot db = snapshot("db");
        assertThat(db.state()).isEqualTo(ServiceState.FAILED);
        assertThat(db.lastFailure().message()).isEqualTo("Service 'db' was unhealthy in 2 health checks in a row");
        assertThat(db.lastFailure().cause()).hasCause(timedOut);
    }

    @Test
    void checkThatThrowsAnErrorCountsAsUnhealthy() throws Exception {
        installChecked("db", () -> {
            throw new AssertionError("broken check");
        }, 1);
        registry.startAll().get();

        checkHealth();

        assertThat(snapshot("db").state()).isEqualTo(ServiceState.FAILED);
        assertThat(snapshot("db").lastFailure().cause()).hasCauseInstanceOf(AssertionError.class);
    }

    private boolean check() {
        checks.incrementAndGet();
        return healthy.get();
    }

    /**
     * Installs a recorded service {@code id} checked by {@code check}, failed after {@code failAfter} unhealthy checks
     * in a row (0: never).
     */
    private void installChecked(String id, HealthCheck check, int failAfter) {
        registry.install(ServiceDefinition.builder(ServiceKey.of(id, String.class), log.service(id)).healthCheck(check)
                .failAfterUnhealthyChecks(failAfter).build());
    }

    private void checkHealth() throws Exception {
        registry.checkHealth().get(10, TimeUnit.SECONDS);
        registry.settled().get(10, TimeUnit.SECONDS);
    }
}
