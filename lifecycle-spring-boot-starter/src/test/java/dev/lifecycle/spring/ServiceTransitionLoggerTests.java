package dev.lifecycle.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.core.TransitionReason;
import dev.lifecycle.core.event.ServiceTransition;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ServiceTransitionLoggerTests {

    private final Instant since = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void lineSaysHowLongTheServiceSpentInTheStateItLeft() {
        ServiceTransition started = new ServiceTransition(ServiceKey.of("database", String.class),
                ServiceState.STARTING, ServiceState.RUNNING, TransitionReason.STARTUP, null, null,
                since.plusMillis(120), since);

        assertThat(ServiceTransitionLogger.describe(started))
                .isEqualTo("service database: STARTING -> RUNNING (STARTUP, took 120 ms)");
    }

    @Test
    void lineOfAFailureNamesTheDetailOrElseTheCause() {
        ServiceTransition failed = new ServiceTransition(ServiceKey.of("cache", String.class), ServiceState.STOPPING,
                ServiceState.FAILED, TransitionReason.FAILURE, new IllegalStateException("connection lost"), null,
                since.plusSeconds(2), since);
        ServiceTransition stopping = new ServiceTransition(ServiceKey.of("cache", String.class),
                ServiceState.RUNNING, ServiceState.STOPPING, TransitionReason.DEPENDENCY,
                new IllegalStateException("connection lost"), "'database' is stopping", since, since);

        assertThat(ServiceTransitionLogger.describe(failed)).isEqualTo(
                "service cache: STOPPING -> FAILED (FAILURE: java.lang.IllegalStateException: connection lost, took "
                        + "2000 ms)");
        assertThat(ServiceTransitionLogger.describe(stopping))
                .isEqualTo("service cache: RUNNING -> STOPPING (DEPENDENCY: 'database' is stopping, took 0 ms)");
    }
}
