package dev.lifecycle.spring.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.core.TransitionReason;
import dev.lifecycle.core.event.ServiceTransition;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** What {@link ServiceTransitionHistory} keeps of the transitions it receives, and for how long. */
class ServiceTransitionHistoryTests {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final ServiceTransitionHistory history = new ServiceTransitionHistory(3);

    @Test
    void keepsTheLastTransitionsOldestFirstAndDropsTheOldestOnceFull() {
        history.onTransition(transition("config", ServiceState.INSTALLED, ServiceState.STARTING, 0, 0));
        history.onTransition(transition("config", ServiceState.STARTING, ServiceState.RUNNING, 0, 120));
        history.onTransition(transition("db", ServiceState.INSTALLED, ServiceState.STARTING, 0, 120));
        history.onTransition(transition("db", ServiceState.STARTING, ServiceState.RUNNING, 120, 200));

        assertThat(history.transitions()).extracting(t -> t.sequence() + " " + t.service() + " " + t.from() + "->"
                + t.to()).containsExactly("2 config STARTING->RUNNING", "3 db INSTALLED->STARTING",
                        "4 db STARTING->RUNNING");
        assertThat(history.recorded()).isEqualTo(4);
        assertThat(history.size()).isEqualTo(3);
        assertThat(history.transitions().get(2).at()).isEqualTo(T0.plusMillis(200));
        assertThat(history.transitions().get(2).timeInPreviousState()).isEqualTo(Duration.ofMillis(80));
    }

    @Test
    void transitionsOfOneServiceAreThoseOfItsIdAlone() {
        history.onTransition(transition("db", ServiceState.INSTALLED, ServiceState.STARTING, 0, 0));
        history.onTransition(transition("db:replica", ServiceState.INSTALLED, ServiceState.STARTING, 0, 0));
        history.onTransition(transition("db", ServiceState.STARTING, ServiceState.RUNNING, 0, 10));

        assertThat(history.transitions("db")).extracting(RecordedTransition::sequence).containsExactly(1L, 3L);
        assertThat(history.transitions("db:replica")).extracting(RecordedTransition::service)
                .containsExactly("db:replica");
        assertThat(history.transitions("cache")).isEmpty();
    }

    @Test
    void keepsAFailureAsItsTypeAndItsMessageAsItWasUpToItsFirst500Characters() {
        String message = "refused\nby \u202Eserver " + "x".repeat(600);
        history.onTransition(new ServiceTransition(ServiceKey.of("db", String.class), ServiceState.STARTING,
                ServiceState.FAILED, TransitionReason.FAILURE, new IOException(message), "d".repeat(501),
                T0.plusMillis(5), T0));
        history.onTransition(new ServiceTransition(ServiceKey.of("db", String.class), ServiceState.FAILED,
                ServiceState.STARTING, TransitionReason.RESTART, new IllegalStateException(), null, T0.plusMillis(9),
                T0.plusMillis(5)));

        RecordedTransition failed = history.transitions().get(0);
        assertThat(failed.causeType()).isEqualTo("java.io.IOException");
        assertThat(failed.causeMessage()).isEqualTo(message.substring(0, 500) + "... (" + message.length()
                + " characters)");
        assertThat(failed.detail()).isEqualTo("d".repeat(500) + "... (501 characters)");
        RecordedTransition restarted = history.transitions().get(1);
        assertThat(restarted.causeType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(restarted.causeMessage()).isNull();
        assertThat(restarted.detail()).isNull();
    }

    @Test
    void aTextIsNeverCutInTheMiddleOfACharacter() {
        String text = "x".repeat(499) + "\uD83D\uDE00" + "y".repeat(10);

        assertThat(ServiceTransitionHistory.bounded(text)).isEqualTo("x".repeat(499) + "... (511 characters)");
    }

    @Test
    void canBeReadWhileItReceivesTransitions() throws Exception {
        ServiceTransitionHistory large = new ServiceTransitionHistory(100);
        ExecutorService reader = Executors.newSingleThreadExecutor();
        CountDownLatch started = new CountDownLatch(1);
        try {
            Future<Long> reads = reader.submit(() -> {
                started.countDown();
                long checked = 0;
                while (large.recorded() < 10_000) {
                    var kept = large.transitions();
                    for (int i = 1; i < kept.size(); i++) {
                        assertThat(kept.get(i).sequence()).isEqualTo(kept.get(i - 1).sequence() + 1);
                    }
                    checked++;
                }
                return checked;
            });
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 10_000; i++) {
                large.onTransition(transition("s" + (i % 7), ServiceState.STARTING, ServiceState.RUNNING, i, i + 1));
            }

            assertThat(reads.get(10, TimeUnit.SECONDS)).isPositive();
            assertThat(large.transitions()).hasSize(100).extracting(RecordedTransition::sequence)
                    .startsWith(9_901L).endsWith(10_000L);
        }
        finally {
            reader.shutdownNow();
        }
    }

    @Test
    void aSizeThatIsNotPositiveIsRefusedNamingTheProperty() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ServiceTransitionHistory(0))
                .withMessage("The history's size must be positive, was 0 (lifecycle.history.size)");
    }

    private static ServiceTransition transition(String id, ServiceState from, ServiceState to, long sinceMillis,
            long atMillis) {
        int colon = id.indexOf(':');
        @Nullable String qualifier = colon < 0 ? null : id.substring(colon + 1);
        ServiceKey<String> key = ServiceKey.of(colon < 0 ? id : id.substring(0, colon), String.class, qualifier);
        return new ServiceTransition(key, from, to, TransitionReason.STARTUP, null, null, T0.plusMillis(atMillis),
                T0.plusMillis(sinceMillis));
    }
}
