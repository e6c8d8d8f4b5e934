package dev.lifecycle.sample.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.sample.SampleApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One instance of the sample in a JVM of its own (the test's Java and class path), on a free port of 127.0.0.1, its
 * output in a file: its services seen through {@code /actuator/services}, its transitions through that output.
 */
final class FleetInstance {

    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

    private static final Pattern TRANSITION = Pattern.compile(
            "service (\\S+): (\\S+) -> (\\S+) \\(");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String name;
    private final Process process;
    private final Path output;
    private volatile String base;

    private FleetInstance(String name, Process process, Path output) {
        this.name = name;
        this.process = process;
        this.output = output;
    }

    /**
     * Launches an instance named {@code name} (the name its report rows carry) with the given arguments.
     *
     * @param name the instance's name
     * @param directory its working directory, holding its settings file and notes database
     * @param arguments the application's arguments besides the port, settings file and name
     */
    static FleetInstance launch(String name, Path directory, List<String> arguments) throws IOException {
        Files.createDirectories(directory);
        Path output = directory.resolve("output.log");
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-Xss512k", "-cp", classpath,
                SampleApplication.class.getName(), "--server.port=0",
                "--sample.settings-file=" + directory.resolve("sample-settings.properties"),
                "--sample.report.instance=" + name, "--spring.output.ansi.enabled=never"));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        return new FleetInstance(name, process, output);
    }

    String name() {
        return name;
    }

    Process process() {
        return process;
    }

    /** Whether the web server has started; once it has, the base URL is known. */
    boolean serving() throws IOException {
        assertThat(process.isAlive()).as("%s is running; its output:%n%s", name, output()).isTrue();
        Matcher port = PORT.matcher(output());
        if (port.find()) {
            base = "http://127.0.0.1:" + port.group(1);
            return true;
        }
        return false;
    }

    /** The output so far. */
    String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    /** The transitions of {@code services} in the output, in order, as {@code service:FROM->TO}. */
    List<String> transitions(List<String> services) throws IOException {
        List<String> transitions = new ArrayList<>();
        Matcher matcher = TRANSITION.matcher(output());
        while (matcher.find()) {
            if (services.contains(matcher.group(1))) {
                transitions.add(matcher.group(1) + ":" + matcher.group(2) + "->" + matcher.group(3));
            }
        }
        return transitions;
    }

    /** {@code GET /actuator/services}, or empty when the instance does not answer (stopped, killed). */
    Optional<JsonNode> services() {
        if (base == null || !process.isAlive()) {
            return Optional.empty();
        }
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/actuator/services"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
        }
        catch (IOException ex) {
            return Optional.empty();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The state of {@code service} in {@code /actuator/services}, or empty when the instance does not answer. */
    Optional<String> state(String service) {
        return services().map((services) -> StreamSupport.stream(services.get("services").spliterator(), false)
                .filter((entry) -> service.equals(entry.get("name").asString()))
                .findFirst()
                .map((entry) -> entry.get("state").asString())
                .orElseThrow(() -> new AssertionError("No service " + service + " on " + name)));
    }

    /** This instance's leadership of {@code group} in {@code /actuator/services}, or empty when it does not answer. */
    Optional<String> leadership(String group) {
        return services().map((services) -> services.get("leadership").path(group).asString(""));
    }

    /** Sends SIGTERM (graceful) and waits for the process to end. */
    void terminate() throws InterruptedException {
        process.destroy();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    /** Sends SIGKILL. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public String toString() {
        return name;
    }
}
