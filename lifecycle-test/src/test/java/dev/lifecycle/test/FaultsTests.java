package dev.lifecycle.test;

import static dev.lifecycle.test.assertj.LifecycleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifecycle.core.RestartPolicy;
import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceContext;
import dev.lifecycle.core.ServiceDefinition;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistry;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each fault of {@link Faults}, on the chain {@code config <- db <- api}, driven by manual time. */
class FaultsTests {

    private final TestLifecycle lifecycle = new TestLifecycle();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private ServiceRegistry registry = lifecycle.registry(builder -> builder.startTimeout(Duration.ofSeconds(5))
            .stopTimeout(Duration.ofSeconds(2)).restartPolicy(RestartPolicy.defaults()
                    .withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1)));

    @AfterEach
    void close() {
        lifecycle.close();
    }

    private void installChain() {
        install("config", null);
        install("db", "config");
        install("api", "db");
        // Everything it causes has happened when it returns; its future may wait for a restart only time brings.
        registry.startAll();
    }

    private void install(String id, String requirement) {
        ServiceDefinition.Builder<String> definition = ServiceDefinition.builder(ServiceKey.of(id, String.class),
                new Service<>() {
                    @Override
                    public String start(ServiceContext context) {
                        calls.add("start " + id);
                        return id;
                    }

                    @Override
                    public void stop(ServiceContext context) {
                        calls.add("stop " + id);
                    }
                });
        if (requirement != null) {
            definition.dependsOn(requirement);
        }
        registry.install(definition.build());
    }

    @Test
    void aStartThatFailsFailsTheServiceAndItRestartsAfterItsBackOff() {
        lifecycle.faults().failNextStart("db", new SQLException("connection refused"));

        installChain();

        assertThat(registry).service("db").isFailed().hasFailedWith(SQLException.class).hasRestartScheduled();
        assertThat(registry).service("api").isWaitingFor("db")
                .hasRootCause("blocked by db, which failed with java.sql.SQLException: connection refused");
        lifecycle.advance(Duration.ofSeconds(1));
        assertThat(registry).allServicesRunning();
        assertThat(registry).service("db").hasRestarted(1);
    }

    @Test
    void startsThatFailSeveralTimesInARowAreRetriedEachAfterItsBackOff() {
        lifecycle.faults().failNextStarts("db", 3, new SQLException("down"));

        installChain();
        lifecycle.advance(Duration.ofSeconds(1));
        lifecycle.advance(Duration.ofSeconds(1));
        assertThat(registry).service("db").isFailed().hasRestarted(2);
        lifecycle.advance(Duration.ofSeconds(1));

        assertThat(registry).allServicesRunning();
        assertThat(registry).service("db").hasRestarted(3);
    }

    @Test
    void aServiceThatMayNotRestartStaysFailedWhateverTimeDoesUntilStartedByHand() {
        try (TestLifecycle strict = new TestLifecycle()) {
            ServiceRegistry registry = strict.registry(builder -> builder.restartPolicy(RestartPolicy.never()));
            strict.faults().failNextStart("db", new SQLException("down"));
            registry.install("db", String.class, ctx -> "db");
            registry.startAll();

            strict.advance(Duration.ofHours(1));
            assertThat(registry).service("db").isFailed();
            registry.start("db").join();
            assertThat(registry).service("db").isRunning();
        }
    }

    @Test
    void aStartThatHangsTimesOutWhenTimeMovesPastTheStartTimeout() {
        lifecycle.faults().hangNextStart("db");

        installChain();
        assertThat(registry).service("db").hasState(dev.lifecycle.core.ServiceState.STARTING);
        lifecycle.advance(Duration.ofSeconds(5));

        assertThat(registry).service("db").isFailed().hasFailedWith(TimeoutException.class);
        lifecycle.advance(Duration.ofSeconds(1));
        assertThat(registry).allServicesRunning();
    }

    @Test
    void aSlowStartCompletesOnceThatMuchTimeHasPassed() {
        lifecycle.faults().slowNextStart("db", Duration.ofSeconds(3));

        installChain();
        lifecycle.advance(Duration.ofMillis(2999));
        assertThat(registry).service("db").hasState(dev.lifecycle.core.ServiceState.STARTING);
        assertThat(registry).service("api").isWaitingFor("db");
        lifecycle.advance(Duration.ofMillis(1));

        assertThat(registry).allServicesRunning();
        assertThat(registry).startedBefore("db", "api");
    }

    @Test
    void aStopThatHangsIsAbandonedAtItsStopTimeoutAndTheCascadeGoesOn() {
        installChain();
        lifecycle.faults().hangNextStop("api");

        registry.stop("config");

        assertThat(registry).service("api").hasFailedWith(TimeoutException.class);
        assertThat(registry).service("config").isStopped();
        assertThat(registry).stoppedBefore("api", "db").stoppedBefore("db", "config");
        org.assertj.core.api.Assertions.assertThat(lifecycle.time().instant())
                .isEqualTo(ManualTime.DEFAULT_START.plusSeconds(2));
    }

    @Test
    void aStopThatFailsIsRecordedAndStoppingGoesOn() {
        installChain();
        lifecycle.faults().failNextStop("db", new IOException("flush failed"));

        registry.stop("config");

        assertThat(registry).service("db").isWaiting().hasFailedWith(IOException.class);
        assertThat(registry).service("config").isStopped();
        org.assertj.core.api.Assertions.assertThat(calls).containsSubsequence("stop api", "stop db", "stop config");
    }

    @Test
    void aServiceFailsAtTheTimeGivenAndComesBack() {
        installChain();
        lifecycle.faults().failAfter("db", Duration.ofMinutes(1), new IOException("connection reset"));

        lifecycle.advance(Duration.ofSeconds(59));
        assertThat(registry).allServicesRunning();
        lifecycle.advance(Duration.ofSeconds(1));
        assertThat(registry).service("db").isFailed();
        lifecycle.advance(Duration.ofSeconds(1));

        assertThat(registry).allServicesRunning();
        assertThat(registry).service("api").transitions().containsSubsequence("RUNNING->STOPPING",
                "STOPPING->WAITING", "WAITING->STARTING", "STARTING->RUNNING");
    }

    @Test
    void resetWithdrawsTheFaultsThatHaveNotHappened() {
        lifecycle.faults().failNextStart("db", new SQLException("refused")).hangNextStop("api")
                .failAfter("config", Duration.ofSeconds(1), new IOException("x"));

        lifecycle.faults().reset();
        installChain();
        lifecycle.advance(Duration.ofSeconds(5));
        registry.stopAll();

        assertThat(registry).service("api").isStopped();
        org.assertj.core.api.Assertions.assertThat(registry.snapshot()).allMatch(s -> s.lastFailure() == null);
    }

    @Test
    void aFaultNeedsTheIdOfAService() {
        assertThatThrownBy(() -> lifecycle.faults().hangNextStart(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Faults: a start fault needs the id of a service, was ' '");
        assertThatThrownBy(() -> lifecycle.faults().failNextStarts("db", 0, new IOException()))
                .hasMessage("Faults.failNextStarts(id, count, cause): count must be at least 1, was 0");
    }
}
