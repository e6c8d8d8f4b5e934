package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * A start that ignores its interrupt and outlives its start timeout is abandoned: the registry no longer waits for it,
 * but its code still runs. The snapshot says so (when it began, when it was abandoned, that it still runs and that
 * its value will be stopped) until it has returned, and a service held back until then is WAITING and says why. The
 * start blocks on a real thread; time (the start timeout, the back-off) moves by hand.
 */
class AbandonedStartTests extends ManualRegistryTestBase {

    private final Instant t0 = time.instant();

    /** Installs {@code slow}, whose start ignores its interrupt until {@link #release}, with a 5 s start timeout. */
    private void startSlow() throws Exception {
        registry.install(ServiceDefinition.builder(ServiceKey.of("slow", String.class),
                blockingStart(() -> "slow", false)).startTimeout(Duration.ofSeconds(5)).build());
        registry.startAll();
        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void stopOfAStartThatIgnoresItsInterruptShowsTheAbandonedStartUntilItReturns() throws Exception {
        startSlow();
        CompletableFuture<@Nullable Void> stop = registry.stop("slow");
        assertThat(stop).isNotDone();

        time.advance(Duration.ofSeconds(5));

        done(stop);
        ServiceSnapshot slow = snapshot("slow");
        assertThat(slow.state()).isEqualTo(ServiceState.STOPPED);
        assertThat(slow.reason()).isEqualTo(TransitionReason.OPERATOR);
        assertThat(slow.abandonedStart()).isEqualTo(new AbandonedStart(t0, t0.plusSeconds(5), Duration.ofSeconds(5),
                true, false));
        assertThat(slow.abandonedStart().summary()).isEqualTo("its start, begun at " + t0 + ", was cancelled, and "
                + "abandoned at " + t0.plusSeconds(5) + " when its start timeout (5 s) ran out; it is still running, "
                + "and the value it returns will be stopped before the service starts again");
        release.countDown();
        await().atMost(WAIT).until(() -> snapshot("slow").abandonedStart() == null);
        assertThat(log.calls()).containsExactly("start slow", "stop slow (abandoned)", "join slow");
        assertThat(snapshot("slow").state()).isEqualTo(ServiceState.STOPPED);
    }

    @Test
    void startHeldBackUntilTheAbandonedStartReturnsIsWaitingAndSaysWhy() throws Exception {
        startSlow();
        CompletableFuture<@Nullable Void> stop = registry.stop("slow");
        time.advance(Duration.ofSeconds(5));
        done(stop);

        done(registry.start("slow"));

        ServiceSnapshot slow = snapshot("slow");
        assertThat(slow.state()).isEqualTo(ServiceState.WAITING);
        assertThat(slow.reason()).isEqualTo(TransitionReason.OPERATOR);
        assertThat(slow.rootCause()).isEqualTo("waiting for its abandoned start to return: its start, begun at " + t0
                + ", was cancelled, and abandoned at " + t0.plusSeconds(5) + " when its start timeout (5 s) ran out; "
                + "it is still running, and the value it returns will be stopped before the service starts again; "
                + "it starts once that start has returned");
        await().atMost(WAIT).untilAsserted(() -> assertThat(listener.transitions()).last().satisfies(t -> {
            assertThat(t.from()).isEqualTo(ServiceState.STOPPED);
            assertThat(t.to()).isEqualTo(ServiceState.WAITING);
            assertThat(t.detail()).isEqualTo("waiting for its abandoned start to return");
        }));

        release.countDown();
        await().atMost(WAIT).until(() -> snapshot("slow").state() == ServiceState.RUNNING);
        assertThat(snapshot("slow").abandonedStart()).isNull();
        assertThat(snapshot("slow").rootCause()).isNull();
        assertThat(log.calls()).containsExactly("start slow", "stop slow (abandoned)", "join slow", "start slow");
    }

    @Test
    void startThatTimedOutShowsItsAbandonedStartAndItsRestartWaitsForIt() throws Exception {
        startSlow();

        time.advance(Duration.ofSeconds(5));

        ServiceSnapshot failed = snapshot("slow");
        assertThat(failed.state()).isEqualTo(ServiceState.FAILED);
        assertThat(failed.lastFailure().cause()).isInstanceOf(TimeoutException.class);
        assertThat(failed.abandonedStart()).isEqualTo(new AbandonedStart(t0, t0.plusSeconds(5),
                Duration.ofSeconds(5), false, false));
        assertThat(failed.abandonedStart().summary()).startsWith("its start, begun at " + t0 + ", was abandoned at ");
        time.advance(Duration.ofMillis(100));
        ServiceSnapshot held = snapshot("slow");
        assertThat(held.state()).isEqualTo(ServiceState.WAITING);
        assertThat(held.reason()).isEqualTo(TransitionReason.RESTART);
        assertThat(held.rootCause()).startsWith("waiting for its abandoned start to return: ");
        release.countDown();
        await().atMost(WAIT).until(() -> snapshot("slow").state() == ServiceState.RUNNING);
        assertThat(snapshot("slow").abandonedStart()).isNull();
    }

    @Test
    void dependentOfAServiceHeldBackByItsAbandonedStartNamesIt() throws Exception {
        startSlow();
        install("api", log.service("api"), "slow");
        CompletableFuture<@Nullable Void> stop = registry.stop("slow");
        time.advance(Duration.ofSeconds(5));
        done(stop);

        done(registry.start("slow"));

        assertThat(snapshot("api").rootCause())
                .isEqualTo("waiting for slow, which waits for an abandoned start to return");
    }

    @Test
    void abandonedStartThatReturnedSaysItsValueIsBeingStopped() {
        AbandonedStart returned = new AbandonedStart(t0, t0.plusSeconds(30), Duration.ofSeconds(30), false, true);

        assertThat(returned.summary()).isEqualTo("its start, begun at " + t0 + ", was abandoned at "
                + t0.plusSeconds(30) + " when its start timeout (30 s) ran out; it has returned a value, which is "
                + "being stopped before the service starts again");
    }
}
