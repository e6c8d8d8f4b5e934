package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's JDK Flight Recorder events, recorded by a {@link Recording} that enables them by the names users give
 * them, dumped to a file and read back: what each carries, and in which order they come. Time is driven by hand and
 * user code runs on the calling thread (unless a test says otherwise), so the durations in the events are exact: they
 * are the engine's, by its clock.
 */
class FlightRecorderEventsTests extends ManualRegistryTestBase {

    private static final String PREFIX = "dev.lifecycle.";
    private static final List<String> EVENTS = List.of("ServiceTransition", "ServiceStart", "ServiceStop",
            "ServiceFailure", "ServiceRestart", "ServiceGiveUp");

    @TempDir
    Path files;

    @Override
    boolean onCallingThread() {
        return true;
    }

    @Test
    void aStartAFailureWithItsRestartAGiveUpAndAStopAreRecordedInTheOrderTheyHappened() throws Exception {
        rebuild(options -> options.restartPolicy(RestartPolicy.defaults()
                .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0).withIntensity(1, Duration.ofMinutes(1))));
        ManualStart<String> config = installStartedByHand("config");
        registry.install("cache", String.class,
                failingFirst(Integer.MAX_VALUE, attempt -> new IOException("attempt " + attempt + " failed"), a -> ""));

        List<RecordedEvent> events = record(() -> {
            registry.startAll();
            time.advance(Duration.ofMillis(100));
            time.advance(Duration.ofMillis(150));
            config.complete("config");
            done(registry.stopAll());
        });

        assertThat(events).filteredOn(e -> !name(e).equals("ServiceTransition")).map(FlightRecorderEventsTests::line)
                .containsExactly(
                        "ServiceStart cache: STARTUP, FAILED, took 0 ms, restarts 0, java.io.IOException: attempt 1 failed",
                        "ServiceFailure cache: from STARTING, thrown true, restarts 0, java.io.IOException: attempt 1 failed",
                        "ServiceRestart cache: delay 100 ms, attempt 1 of 1 in 60000 ms",
                        "ServiceStart cache: RESTART, FAILED, took 0 ms, restarts 1, java.io.IOException: attempt 2 failed",
                        "ServiceFailure cache: from STARTING, thrown true, restarts 1, java.io.IOException: attempt 2 failed",
                        "ServiceGiveUp cache: NONE, it failed more than 1 times in 1 min, restarts 1, "
                                + "java.io.IOException: attempt 2 failed",
                        "ServiceStart config: STARTUP, STARTED, took 250 ms, restarts 0",
                        "ServiceStop config: SHUTDOWN, STOPPED, took 0 ms");
        assertThat(events).filteredOn(e -> name(e).equals("ServiceTransition") && e.getString("service").equals("cache"))
                .map(FlightRecorderEventsTests::line).containsExactly(
                        "ServiceTransition cache: INSTALLED -> STARTING, STARTUP, after 0 ms",
                        "ServiceTransition cache: STARTING -> FAILED, FAILURE, after 0 ms, "
                                + "java.io.IOException: attempt 1 failed",
                        "ServiceTransition cache: FAILED -> STARTING, RESTART, after 100 ms",
                        "ServiceTransition cache: STARTING -> FAILED, FAILURE, after 0 ms, "
                                + "java.io.IOException: attempt 2 failed");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.getEventType().getCategoryNames()).containsExactly("Lifecycle");
            assertThat(e.getStackTrace()).isNull();
        });
    }

    @Test
    void aFailureOfARunningServiceIsRecordedWithTheStopsOfItsCascade() throws Exception {
        registry.install("config", String.class, context -> "config");
        install("db", context -> "db", "config");
        done(registry.startAll());

        List<RecordedEvent> events = record(() -> {
            done(registry.fail("config", new IllegalStateException("remote configuration changed")));
        });

        assertThat(events).filteredOn(e -> e.getString("service").equals("config") || name(e).equals("ServiceStop"))
                .map(FlightRecorderEventsTests::line).containsExactly(
                        "ServiceTransition config: RUNNING -> STOPPING, FAILURE, after 0 ms, "
                                + "java.lang.IllegalStateException: remote configuration changed",
                        "ServiceStop db: DEPENDENCY, STOPPED, took 0 ms",
                        "ServiceStop config: FAILURE, STOPPED, took 0 ms",
                        "ServiceTransition config: STOPPING -> FAILED, FAILURE, after 0 ms, "
                                + "java.lang.IllegalStateException: remote configuration changed",
                        "ServiceFailure config: from STOPPING, thrown false, restarts 0, "
                                + "java.lang.IllegalStateException: remote configuration changed",
                        "ServiceRestart config: delay 100 ms, attempt 1 of 5 in 60000 ms");
    }

    @Test
    void aStartThatDoesNotReturnWithinItsStartTimeoutIsRecordedAsTimedOut() throws Exception {
        rebuild(options -> options.startTimeout(Duration.ofSeconds(5)).restartPolicy(RestartPolicy.never()));
        installStartedByHand("slow");

        List<RecordedEvent> events = record(() -> {
            registry.startAll();
            time.advance(Duration.ofSeconds(5));
        });

        assertThat(events).filteredOn(e -> name(e).equals("ServiceStart")).map(FlightRecorderEventsTests::line)
                .containsExactly("ServiceStart slow: STARTUP, TIMED_OUT, took 5000 ms, restarts 0, "
                        + "java.util.concurrent.TimeoutException: Service 'slow' did not start within 5 s; its start "
                        + "was cancelled (raise its start timeout if it needs longer)");
        assertThat(events).filteredOn(e -> name(e).equals("ServiceGiveUp")).map(FlightRecorderEventsTests::line)
                .containsExactly("ServiceGiveUp slow: NONE, its restart policy does not restart it, restarts 0, "
                        + "java.util.concurrent.TimeoutException: Service 'slow' did not start within 5 s; its start "
                        + "was cancelled (raise its start timeout if it needs longer)");
    }

    @Test
    void aStopThatDoesNotReturnWithinItsStopTimeoutIsRecordedAsTimedOut() throws Exception {
        rebuildOnDefaultExecutor();
        CountDownLatch insideStop = new CountDownLatch(1);
        registry.install(ServiceDefinition.builder(ServiceKey.of("stuck", String.class), withStop("stuck", context -> {
            insideStop.countDown();
            awaitReleaseIgnoringInterrupts(() -> {});
        })).stopTimeout(Duration.ofSeconds(3)).build());
        done(registry.startAll());

        List<RecordedEvent> events = record(() -> {
            CompletableFuture<@Nullable Void> stopAll = registry.stopAll();
            assertThat(insideStop.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            time.advance(Duration.ofSeconds(3));
            done(stopAll);
        });

        assertThat(events).filteredOn(e -> name(e).equals("ServiceStop")).map(FlightRecorderEventsTests::line)
                .containsExactly("ServiceStop stuck: SHUTDOWN, TIMED_OUT, took 3000 ms, "
                        + "java.util.concurrent.TimeoutException: Service 'stuck' did not stop within 3 s; carrying on "
                        + "without it (raise its stop timeout if it needs longer)");
    }

    @Test
    void aFailureMessageIsKeptAsItWasUpToItsFirstThousandCharacters() throws Exception {
        rebuild(options -> options.restartPolicy(RestartPolicy.never()));
        String message = "line one\nline two\u202E" + "x".repeat(1500);
        registry.install("x", String.class, failingFirst(1, attempt -> new IOException(message), a -> ""));

        List<RecordedEvent> events = record(() -> registry.startAll());

        assertThat(events).filteredOn(e -> name(e).equals("ServiceFailure"))
                .singleElement().satisfies(failure -> assertThat(failure.getString("failureMessage"))
                        .isEqualTo(message.substring(0, 1000) + "... (" + message.length() + " characters)"));
    }

    @Test
    void theEventsAreDescribedForTheToolsThatShowThem() throws Exception {
        registry.install("x", String.class, context -> "x");

        record(() -> done(registry.startAll()));

        List<EventType> types = FlightRecorder.getFlightRecorder().getEventTypes().stream()
                .filter(t -> t.getName().startsWith(PREFIX)).sorted(Comparator.comparing(EventType::getName))
                .toList();
        assertThat(types).extracting(EventType::getName).containsExactly("dev.lifecycle.ServiceFailure",
                "dev.lifecycle.ServiceGiveUp", "dev.lifecycle.ServiceRestart", "dev.lifecycle.ServiceStart",
                "dev.lifecycle.ServiceStop", "dev.lifecycle.ServiceTransition");
        assertThat(types).allSatisfy(type -> {
            assertThat(type.getLabel()).isNotBlank();
            assertThat(type.getDescription()).isNotBlank();
            assertThat(type.getCategoryNames()).containsExactly("Lifecycle");
            assertThat(type.getFields()).filteredOn(f -> !List.of("startTime", "duration", "eventThread", "stackTrace")
                    .contains(f.getName())).allSatisfy(field -> {
                        assertThat(field.getLabel()).as("%s.%s", type.getName(), field.getName()).isNotBlank();
                        assertThat(field.getDescription()).as("%s.%s", type.getName(), field.getName())
                                .isNotBlank();
                    });
        });
    }

    /** What a step does, which may throw. */
    @FunctionalInterface
    private interface Step {

        void run() throws Exception;
    }

    /**
     * Runs {@code step} under a recording of the engine's events (enabled by name, as a user's settings enable them),
     * and reads them back from the dumped file, in the order they were committed.
     */
    private List<RecordedEvent> record(Step step) throws Exception {
        Path file = files.resolve("recording-" + System.nanoTime() + ".jfr");
        try (Recording recording = new Recording()) {
            EVENTS.forEach(name -> recording.enable(PREFIX + name));
            recording.start();
            step.run();
            recording.stop();
            recording.dump(file);
        }
        return RecordingFile.readAllEvents(file).stream().filter(e -> e.getEventType().getName().startsWith(PREFIX))
                .sorted(Comparator.comparing(RecordedEvent::getStartTime)).toList();
    }

    private static String name(RecordedEvent event) {
        return event.getEventType().getName().substring(PREFIX.length());
    }

    /** An event as one line: its name, the service and its fields, a failure last. */
    private static String line(RecordedEvent e) {
        String fields = switch (name(e)) {
            case "ServiceTransition" -> e.getString("from") + " -> " + e.getString("to") + ", " + e.getString("reason")
                    + ", after " + e.getDuration("timeInPreviousState").toMillis() + " ms";
            case "ServiceStart" -> e.getString("reason") + ", " + e.getString("outcome") + ", took "
                    + e.getDuration("took").toMillis() + " ms, restarts " + e.getInt("restarts");
            case "ServiceStop" -> e.getString("reason") + ", " + e.getString("outcome") + ", took "
                    + e.getDuration("took").toMillis() + " ms";
            case "ServiceFailure" -> "from " + e.getString("failedFrom") + ", thrown " + e.getBoolean("thrown")
                    + ", restarts " + e.getInt("restarts");
            case "ServiceRestart" -> "delay " + e.getDuration("delay").toMillis() + " ms, attempt " + e.getInt("attempt")
                    + " of " + e.getInt("maxRestarts") + " in " + e.getDuration("window").toMillis() + " ms";
            case "ServiceGiveUp" -> e.getString("escalation") + ", " + e.getString("why") + ", restarts "
                    + e.getInt("restarts");
            default -> throw new IllegalArgumentException(e.getEventType().getName());
        };
        String failureType = e.hasField("failureType") ? e.getString("failureType") : null;
        return name(e) + " " + e.getString("service") + ": " + fields
                + (failureType == null ? "" : ", " + failureType + ": " + e.getString("failureMessage"));
    }
}
