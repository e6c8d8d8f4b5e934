package dev.lifecycle.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.core.TransitionReason;
import dev.lifecycle.core.event.ServiceTransition;
import dev.lifecycle.spring.testsupport.CapturedLog;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The transition log's lines: the time each names, the cascade's failure said once, key-values, escaping. */
class ServiceTransitionLoggerTests {

    private final Instant since = Instant.parse("2026-01-01T10:00:00Z");

    private final ServiceTransitionLogger transitionLogger = new ServiceTransitionLogger();

    private final CapturedLog log = new CapturedLog(ServiceTransitionLogger.class);

    @AfterEach
    void stopCapturing() {
        log.close();
    }

    @Test
    void startedLineSaysHowLongTheStartTook() {
        transitionLogger.onTransition(transition("database", ServiceState.STARTING, ServiceState.RUNNING,
                TransitionReason.STARTUP, null, null, Duration.ofMillis(120)));

        assertThat(log.messages()).containsExactly("service database: STARTING -> RUNNING (STARTUP, started in 120 ms)");
    }

    @Test
    void stopOfARunningServiceSaysHowLongItRanAndTheEndOfTheStopHowLongTheStopTook() {
        transitionLogger.onTransition(transition("heartbeat", ServiceState.RUNNING, ServiceState.STOPPING,
                TransitionReason.SHUTDOWN, null, null, Duration.ofMillis(113_240)));
        transitionLogger.onTransition(transition("heartbeat", ServiceState.STOPPING, ServiceState.STOPPED,
                TransitionReason.SHUTDOWN, null, null, Duration.ofMillis(12)));

        assertThat(log.messages()).containsExactly(
                "service heartbeat: RUNNING -> STOPPING (SHUTDOWN, after running 1 min 53 s)",
                "service heartbeat: STOPPING -> STOPPED (SHUTDOWN, stopped in 12 ms)");
    }

    @Test
    void waitAndDowntimeAreNamedForWhatTheyMeasure() {
        transitionLogger.onTransition(transition("cache", ServiceState.WAITING, ServiceState.STARTING,
                TransitionReason.DEPENDENCY, null, null, Duration.ofMillis(4_200)));
        transitionLogger.onTransition(transition("config", ServiceState.FAILED, ServiceState.STARTING,
                TransitionReason.RESTART, null, null, Duration.ofMillis(100)));
        transitionLogger.onTransition(transition("db", ServiceState.STARTING, ServiceState.STOPPING,
                TransitionReason.OPERATOR, null, "start cancelled", Duration.ofSeconds(2)));

        assertThat(log.messages()).containsExactly(
                "service cache: WAITING -> STARTING (DEPENDENCY, after waiting 4.2 s)",
                "service config: FAILED -> STARTING (RESTART, down for 100 ms)",
                "service db: STARTING -> STOPPING (OPERATOR: start cancelled; after starting for 2 s)");
    }

    @Test
    void cascadeSpellsOutItsFailureOnceAndRefersToItAfter() {
        IllegalStateException cause = new IllegalStateException("config file changed");
        transitionLogger.onTransition(transition("cache", ServiceState.RUNNING, ServiceState.STOPPING,
                TransitionReason.DEPENDENCY, cause, "'config' is stopping", Duration.ofMillis(113_240)));
        transitionLogger.onTransition(transition("database", ServiceState.RUNNING, ServiceState.STOPPING,
                TransitionReason.DEPENDENCY, cause, "'config' is stopping", Duration.ofMillis(113_250)));
        transitionLogger.onTransition(transition("config", ServiceState.RUNNING, ServiceState.STOPPING,
                TransitionReason.FAILURE, cause, null, Duration.ofMillis(113_260)));
        transitionLogger.onTransition(transition("cache", ServiceState.STOPPING, ServiceState.WAITING,
                TransitionReason.DEPENDENCY, null, "a requirement left RUNNING", Duration.ofMillis(2)));

        assertThat(log.messages()).containsExactly(
                "service cache: RUNNING -> STOPPING (DEPENDENCY: 'config' is stopping, java.lang.IllegalStateException: "
                        + "config file changed; after running 1 min 53 s)",
                "service database: RUNNING -> STOPPING (DEPENDENCY: 'config' is stopping, same cause as above; after "
                        + "running 1 min 53 s)",
                "service config: RUNNING -> STOPPING (FAILURE: same cause as above; after running 1 min 53 s)",
                "service cache: STOPPING -> WAITING (DEPENDENCY: a requirement left RUNNING; stopped in 2 ms)");
        assertThat(CapturedLog.keyValues(log.events().get(1))).as("the fields carry the failure on every line")
                .contains(entry("lifecycle.failure.message", "config file changed"));
    }

    @Test
    void anotherFailureIsSpelledOutAgain() {
        transitionLogger.onTransition(transition("a", ServiceState.RUNNING, ServiceState.STOPPING,
                TransitionReason.FAILURE, new IllegalStateException("first"), null, Duration.ZERO));
        transitionLogger.onTransition(transition("a", ServiceState.RUNNING, ServiceState.STOPPING,
                TransitionReason.FAILURE, new IllegalStateException("second"), null, Duration.ZERO));

        assertThat(log.messages()).containsExactly(
                "service a: RUNNING -> STOPPING (FAILURE: java.lang.IllegalStateException: first; after running 0 ms)",
                "service a: RUNNING -> STOPPING (FAILURE: java.lang.IllegalStateException: second; after running 0 ms)");
    }

    @Test
    void transitionToFailedIsLeftToTheEngineWhichLogsItOnceWithWhatHappensNext() {
        transitionLogger.onTransition(transition("cache", ServiceState.STOPPING, ServiceState.FAILED,
                TransitionReason.FAILURE, new IllegalStateException("connection lost"), null, Duration.ofMillis(3)));

        assertThat(log.events()).isEmpty();
    }

    @Test
    void lineCarriesServiceStatesReasonFailureAndTimeAsKeyValues() {
        transitionLogger.onTransition(transition("config", ServiceState.RUNNING, ServiceState.STOPPING,
                TransitionReason.FAILURE, new IllegalStateException("config file changed"), null,
                Duration.ofMillis(113_240)));

        assertThat(CapturedLog.keyValues(log.events().get(0))).containsExactly(
                entry("lifecycle.service.id", "config"),
                entry("lifecycle.state.from", "RUNNING"),
                entry("lifecycle.state.to", "STOPPING"),
                entry("lifecycle.reason", "FAILURE"),
                entry("lifecycle.failure.type", "java.lang.IllegalStateException"),
                entry("lifecycle.failure.message", "config file changed"),
                entry("lifecycle.uptime_ms", 113_240L));
    }

    @Test
    void newlineNulAndRightToLeftOverrideInAFailureAreEscapedInTheLineAndItsKeyValues() {
        transitionLogger.onTransition(transition("config", ServiceState.RUNNING, ServiceState.STOPPING,
                TransitionReason.FAILURE, new IllegalStateException("a\nINFO forged\u0000b\u202Ec"), null,
                Duration.ZERO));

        assertThat(log.messages()).singleElement().asString()
                .contains("java.lang.IllegalStateException: a\\nINFO forged\\u0000b\\u202Ec")
                .doesNotContain("\n", "\u0000", "\u202E");
        assertThat(CapturedLog.keyValues(log.events().get(0)))
                .contains(entry("lifecycle.failure.message", "a\\nINFO forged\\u0000b\\u202Ec"));
    }

    private ServiceTransition transition(String id, ServiceState from, ServiceState to, TransitionReason reason,
            @Nullable Throwable cause, @Nullable String detail, Duration inFrom) {
        return new ServiceTransition(ServiceKey.of(id, String.class), from, to, reason, cause, detail,
                since.plus(inFrom), since);
    }
}
