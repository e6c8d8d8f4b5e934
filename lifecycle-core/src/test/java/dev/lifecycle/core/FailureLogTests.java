package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import dev.lifecycle.core.event.ServiceTransition;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's log of a failure: one line per failure, saying what happens next (the restart and its delay, or giving
 * up and what the escalation does), its key-values, and the failure's text escaped. Time is driven by hand and user
 * code runs on the calling thread, so every line is written when the call that caused it returns.
 */
class FailureLogTests extends ManualRegistryTestBase {

    private final CapturedEngineLog engineLog = new CapturedEngineLog();

    @Override
    boolean onCallingThread() {
        return true;
    }

    @AfterEach
    void stopCapturing() {
        engineLog.close();
    }

    @Test
    void failureThatIsRestartedIsOneWarnLineSayingWhenItRestarts() {
        registry.install("config", String.class, log.service("config"));
        install("db", log.service("db"), "config");
        registry.startAll();
        time.advance(Duration.ofSeconds(113));

        registry.fail("config", new IOException("config file changed"));

        assertThat(engineLog.lines()).containsExactly("WARN Service 'config' failed: java.io.IOException: config file "
                + "changed; it restarts in 100 ms (restart 1 of at most 5 in 1 min)");
        ILoggingEvent line = engineLog.events().get(0);
        assertThat(line.getThrowableProxy()).as("a reported failure has no stack trace of the engine's").isNull();
        assertThat(CapturedEngineLog.keyValues(line)).containsExactly(
                entry("lifecycle.service.id", "config"),
                entry("lifecycle.state.from", "STOPPING"),
                entry("lifecycle.state.to", "FAILED"),
                entry("lifecycle.reason", "FAILURE"),
                entry("lifecycle.stop.duration_ms", 0L),
                entry("lifecycle.failure.type", "java.io.IOException"),
                entry("lifecycle.failure.message", "config file changed"),
                entry("lifecycle.restart.delay_ms", 100L),
                entry("lifecycle.restart.attempt", 1),
                entry("lifecycle.restart.max", 5),
                entry("lifecycle.restart.window_ms", 60_000L));
    }

    @Test
    void startThatThrowsIsLoggedWithItsStackTraceAndHowLongTheStartRan() {
        registry.install("db", String.class, context -> {
            time.advance(Duration.ofMillis(1_250));
            throw new IOException("connection refused");
        });

        registry.startAll();

        assertThat(engineLog.lines()).first().asString().startsWith("WARN Service 'db' failed to start: "
                + "java.io.IOException: connection refused; it restarts in 100 ms");
        ILoggingEvent line = engineLog.events().get(0);
        assertThat(line.getThrowableProxy().getMessage()).isEqualTo("connection refused");
        assertThat(CapturedEngineLog.keyValues(line)).contains(entry("lifecycle.state.from", "STARTING"),
                entry("lifecycle.start.duration_ms", 1_250L));
    }

    @Test
    void giveUpWithEscalationNoneSaysTheServiceStaysFailedUntilStartedByHandAndItsDependentsWait() {
        registry(RestartPolicy.defaults().withIntensity(2, Duration.ofSeconds(60)));
        registry.install("x", String.class, failingFirst(Integer.MAX_VALUE,
                attempt -> new IOException("attempt " + attempt + " failed"), attempt -> "x"));
        install("user", log.service("user"), "x");
        registry.startAll();
        time.advance(Duration.ofMillis(100));
        time.advance(Duration.ofMillis(200));

        assertThat(engineLog.lines()).containsExactly(
                "WARN Service 'x' failed to start: java.io.IOException: attempt 1 failed; it restarts in 100 ms "
                        + "(restart 1 of at most 2 in 1 min)",
                "WARN Service 'x' failed to start: java.io.IOException: attempt 2 failed; it restarts in 200 ms "
                        + "(restart 2 of at most 2 in 1 min)",
                "ERROR Service 'x' failed to start: java.io.IOException: attempt 3 failed; it gave up: it failed more "
                        + "than 2 times in 1 min; escalation NONE: it stays FAILED, with no restart, until it is "
                        + "started again by hand, and its dependents wait");
        assertThat(CapturedEngineLog.keyValues(engineLog.events().get(2))).contains(
                entry("lifecycle.escalation", "NONE")).doesNotContainKey("lifecycle.restart.delay_ms");
    }

    @Test
    void giveUpWithEscalationShutdownSaysEveryServiceIsStopped() {
        registry(RestartPolicy.defaults().withIntensity(0, Duration.ofSeconds(60)).withEscalation(Escalation.SHUTDOWN));
        registry.install("x", String.class, log.service("x"));
        registry.startAll();

        registry.fail("x", new IOException("disk full"));

        assertThat(engineLog.lines()).containsExactly("ERROR Service 'x' failed: java.io.IOException: disk full; it "
                + "gave up: it failed more than 0 times in 1 min; escalation SHUTDOWN: every service is stopped");
        assertThat(CapturedEngineLog.keyValues(engineLog.events().get(0))).contains(
                entry("lifecycle.escalation", "SHUTDOWN"));
    }

    @Test
    void failureUnderRestartPolicyNeverIsNotCalledAGiveUp() {
        registry(RestartPolicy.never());
        registry.install("x", String.class, log.service("x"));
        registry.startAll();

        registry.fail("x", new IOException("lost"));

        assertThat(engineLog.lines()).containsExactly("ERROR Service 'x' failed: java.io.IOException: lost; its "
                + "restart policy never restarts it: it stays FAILED until it is started again by hand");
    }

    @Test
    void failureDuringShutdownSaysItIsNotRestarted() {
        registry.install("x", String.class, withStop("x", context -> registry.fail("x", new IOException("late"))));
        registry.startAll();

        registry.stopAll();

        assertThat(engineLog.lines()).containsExactly(
                "WARN Service 'x' failed: java.io.IOException: late; not restarted: the registry is stopping");
    }

    @Test
    void newlineNulAndRightToLeftOverrideInAFailureAreEscapedInTheLineAndItsKeyValues() {
        registry.install("x", String.class, log.service("x"));
        registry.startAll();

        registry.fail("x", new IOException("bad\n12:00:00 INFO forged line\u0000 \u202Eexe.txt"));

        String escaped = "bad\\n12:00:00 INFO forged line\\u0000 \\u202Eexe.txt";
        assertThat(engineLog.lines()).singleElement().asString().contains("java.io.IOException: " + escaped)
                .doesNotContain("\n", "\u0000", "\u202E");
        assertThat(CapturedEngineLog.keyValues(engineLog.events().get(0)))
                .contains(entry("lifecycle.failure.message", escaped));
    }

    @Test
    void startThatThrowsAMessageWithANewlineKeepsItsStackTraceWithTheMessageEscaped() {
        IOException refused = new IOException("refused\n12:00:00 INFO forged", new IllegalStateException("a\u202Eb"));
        registry.install("db", String.class, context -> {
            throw refused;
        });

        registry.startAll();

        IThrowableProxy attached = engineLog.events().get(0).getThrowableProxy();
        assertThat(attached.getMessage()).isEqualTo("java.io.IOException: refused\\n12:00:00 INFO forged");
        assertThat(attached.getStackTraceElementProxyArray()).extracting(StackTraceElementProxy::getStackTraceElement)
                .containsExactly(refused.getStackTrace());
        assertThat(attached.getCause().getMessage()).isEqualTo("java.lang.IllegalStateException: a\\u202Eb");
    }

    @Test
    void transitionAsTextEscapesItsCause() {
        ServiceTransition transition = new ServiceTransition(ServiceKey.of("x", String.class), ServiceState.RUNNING,
                ServiceState.STOPPING, TransitionReason.FAILURE, new IOException("a\nb\u0000c\u202Ed"), null,
                Instant.EPOCH);

        assertThat(transition)
                .hasToString("x RUNNING -> STOPPING (FAILURE, java.io.IOException: a\\nb\\u0000c\\u202Ed)");
    }

    private void registry(RestartPolicy policy) {
        rebuild(options -> options.restartPolicy(policy));
    }
}
