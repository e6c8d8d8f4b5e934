package dev.lifecycle.core;

import java.nio.file.Files;
import java.nio.file.Path;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;

/**
 * What {@link FlightRecorderStartTests} runs in a JVM of its own, whose flight recorder no other test has touched:
 * builds a registry, then (after waiting for the registry's listener thread to end, if the first argument says
 * {@code wait}) starts a recording in code, starts and stops a service, and prints what it saw, one
 * {@code name=value} per line.
 */
public final class FlightRecorderInFreshJvm {

    private FlightRecorderInFreshJvm() {
    }

    public static void main(String[] args) throws Exception {
        boolean waitForListener = args.length > 0 && args[0].equals("wait");
        Path file = Files.createTempFile("lifecycle-", ".jfr");
        try (ServiceRegistry registry = ServiceRegistry.builder().shutdownHook(false).build()) {
            System.out.println("initializedByBuild=" + FlightRecorder.isInitialized());
            if (waitForListener) {
                for (Thread thread : Thread.getAllStackTraces().keySet()) {
                    if (thread.getName().equals("lifecycle-flight-recorder-listener")) {
                        thread.join();
                    }
                }
            }
            registry.install("config", String.class, ctx -> "config");
            try (Recording recording = new Recording()) {
                recording.enable("dev.lifecycle.ServiceStart");
                recording.enable("dev.lifecycle.ServiceStop");
                recording.start();
                registry.startAll().join();
                registry.stopAll().join();
                recording.stop();
                recording.dump(file);
            }
            RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().equals("dev.lifecycle.ServiceStart")
                            || e.getEventType().getName().equals("dev.lifecycle.ServiceStop"))
                    .forEach(e -> System.out.println("event=" + e.getEventType().getName() + " "
                            + e.getString("service") + " " + e.getString("outcome")));
        }
        finally {
            Files.deleteIfExists(file);
        }
    }
}
