package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The engine's flight-recorder events in a JVM whose recorder is initialized after the first registry is built, as
 * when a recording is started with {@code jcmd} or in code: building the registry does not initialize the recorder
 * (which costs an application that records nothing), and a recording started at any moment after it records the
 * registry's events, whether the registry's listener of the recorder was added before the recording started or not.
 * Each case runs {@link FlightRecorderInFreshJvm} in a JVM of its own. The start's and the stop's events are
 * committed on different threads, so a recording file may hold them in either order.
 */
class FlightRecorderStartTests {

    private static final List<String> EVENTS = List.of("event=dev.lifecycle.ServiceStart config STARTED",
            "event=dev.lifecycle.ServiceStop config STOPPED");

    @Test
    void aRecordingStartedAtOnceAfterTheFirstRegistryIsBuiltRecordsItsEvents() throws Exception {
        List<String> output = runInFreshJvm("now");
        assertThat(output).first().isEqualTo("initializedByBuild=false");
        assertThat(output).containsAll(EVENTS).hasSize(3);
    }

    @Test
    void aRecordingStartedOnceTheRegistryListensForTheRecorderRecordsItsEvents() throws Exception {
        List<String> output = runInFreshJvm("wait");
        assertThat(output).first().isEqualTo("initializedByBuild=false");
        assertThat(output).containsAll(EVENTS).hasSize(3);
    }

    @Test
    void aRecordingStartedFromTheCommandLineRecordsTheEventsOfTheFirstRegistry() throws Exception {
        List<String> output = runInFreshJvm("now", "-XX:StartFlightRecording");
        assertThat(output).first().isEqualTo("initializedByBuild=true");
        assertThat(output).containsAll(EVENTS).hasSize(3);
    }

    private static List<String> runInFreshJvm(String when, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FlightRecorderInFreshJvm.class.getName(),
                when));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the JVM ended").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().filter(line -> line.startsWith("initializedByBuild=") || line.startsWith("event="))
                .toList();
    }
}
