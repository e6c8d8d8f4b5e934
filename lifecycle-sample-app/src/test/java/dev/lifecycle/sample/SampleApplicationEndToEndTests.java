package dev.lifecycle.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sample as a user runs it: a separate JVM on the test classpath, a free port, a settings file in a temporary
 * directory. It adds and lists notes; changes the list limit in the settings file and checks that only the repository
 * restarts; points the file at another database and checks that the database and what is built on it restart, and
 * the notes now go to the new database, while the settings service runs on; then sends SIGTERM to check the services
 * stop in reverse dependency order and the process exits after a graceful shutdown, with the status the JVM gives a
 * SIGTERM (143), as Spring Boot leaves it.
 *
 * <p>SIGTERM ({@link Process#destroy()}) is graceful on Linux and macOS only.
 */
@EnabledOnOs({ OS.LINUX, OS.MAC })
class SampleApplicationEndToEndTests {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private static final Duration CASCADE_TIMEOUT = Duration.ofSeconds(60);


    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

    private static final Pattern STOPPED = Pattern.compile("service (\\S+): STOPPING -> STOPPED");

    /** A stop for a restart: the service goes on to WAITING, then starts again. */
    private static final Pattern STOPPING = Pattern.compile("service (\\S+): RUNNING -> STOPPING");

    /** The end of a stop, whatever comes next. */
    private static final Pattern STOP_ENDED = Pattern.compile("service (\\S+): STOPPING -> ");

    private static final List<String> SERVICES = List.of("settings", "database", "repository", "heartbeat", "report",
            "reportCleanup");

    @TempDir
    Path directory;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final JsonMapper json = JsonMapper.builder().build();

    private Process process;

    private Path output;

    private String base;

    @AfterEach
    void stopApplication() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void settingsChangesRestartOnlyTheServicesThatReadTheChangedKeysWhileTheApplicationStaysUp() throws Exception {
        Path settings = directory.resolve("sample-settings.properties");
        String firstUrl = "jdbc:h2:file:" + directory.resolve("first");
        String secondUrl = "jdbc:h2:file:" + directory.resolve("second");
        Files.writeString(settings, settingsFile(firstUrl, 50));
        long launched = System.nanoTime();
        start(settings);
        await().atMost(START_TIMEOUT).until(() -> status("/actuator/health/readiness") == 200);
        assertThat(status("/lifecycle")).as("the service console is enabled in the sample").isEqualTo(200);
        // Alone on its own in-memory fleet database, the instance leads 'reports': the report and its clean-up run.
        await().atMost(CASCADE_TIMEOUT).ignoreExceptions().until(() -> allRunning(get("/actuator/services").get("services")));
        assertThat(get("/actuator/services").get("leadership").get("reports").asString()).isEqualTo("LEADER");
        System.out.printf("Sample ready %d ms after launch%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launched));

        assertThat(post("/api/notes", "{\"text\": \"in the first database\"}").statusCode()).isEqualTo(201);
        assertThat(post("/api/notes", "{\"text\": \"second note\"}").statusCode()).isEqualTo(201);
        assertThat(texts(get("/api/notes"))).containsExactly("second note", "in the first database");
        JsonNode info = get("/api/info");
        assertThat(info.get("jdbcUrl").asString()).startsWith(firstUrl);
        assertThat(info.get("settingsVersion").asInt()).isEqualTo(1);
        assertThat(info.get("listLimit").asInt()).isEqualTo(50);

        // notes.list-limit is read by the repository alone.
        JsonNode before = get("/actuator/services").get("services");
        long mark = Files.size(output);
        replace(settings, settingsFile(firstUrl, 1));
        await().atMost(CASCADE_TIMEOUT).ignoreExceptions().until(() -> get("/api/info").get("listLimit").asInt() == 1
                && allRunning(get("/actuator/services").get("services")));
        assertThat(texts(get("/api/notes"))).containsExactly("second note");
        assertThat(inOrder(STOPPING, log().substring((int) mark))).containsExactly("repository");
        JsonNode after = get("/actuator/services").get("services");
        assertThat(since(after, "repository")).isNotEqualTo(since(before, "repository"));
        for (String untouched : List.of("settings", "database", "heartbeat")) {
            assertThat(since(after, untouched)).as(untouched + " was not restarted").isEqualTo(since(before, untouched));
        }
        assertThat(get("/api/info").get("settingsVersion").asInt()).isEqualTo(1);

        // db.url is read by the database: it restarts with its dependents, the settings service does not.
        before = after;
        mark = Files.size(output);
        replace(settings, settingsFile(secondUrl, 1));
        await().atMost(CASCADE_TIMEOUT).ignoreExceptions().until(() -> get("/api/info").get("settingsVersion").asInt() == 2
                && allRunning(get("/actuator/services").get("services")));
        String cascadeLog = log().substring((int) mark);
        List<String> restarted = inOrder(STOPPING, cascadeLog);
        assertThat(restarted).containsExactlyInAnyOrder("database", "repository", "heartbeat");
        List<String> stopsEnded = inOrder(STOP_ENDED, cascadeLog);
        assertThat(stopsEnded).as("the database stops after what uses it").endsWith("database");
        assertThat(cascadeLog).contains("CONFIGURATION").contains("db.url");
        after = get("/actuator/services").get("services");
        assertThat(since(after, "settings")).isEqualTo(since(before, "settings"));
        info = get("/api/info");
        assertThat(info.get("jdbcUrl").asString()).startsWith(secondUrl);
        assertThat(info.get("notes").asInt()).isZero();
        assertThat(post("/api/notes", "{\"text\": \"in the second database\"}").statusCode()).isEqualTo(201);
        assertThat(texts(get("/api/notes"))).containsExactly("in the second database");
        await().atMost(CASCADE_TIMEOUT).until(() -> status("/actuator/health/readiness") == 200);

        long beforeShutdown = Files.size(output);
        process.destroy();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited within 60 s of SIGTERM").isTrue();
        String shutdownLog = log().substring((int) beforeShutdown);
        assertThat(shutdownLog).contains("Graceful shutdown complete");
        List<String> stopped = inOrder(STOPPED, shutdownLog);
        // The report's clean-up, stopped first when leadership is given up, waits for the report (STOPPING -> WAITING).
        assertThat(stopped).as("services stopped, in order, in:%n%s", shutdownLog)
                .containsExactlyInAnyOrder("settings", "database", "repository", "heartbeat", "report");
        assertThat(stopped.indexOf("heartbeat")).isLessThan(stopped.indexOf("database"));
        assertThat(stopped.indexOf("repository")).isLessThan(stopped.indexOf("database"));
        List<String> stopsEndedAtShutdown = inOrder(STOP_ENDED, shutdownLog);
        assertThat(stopsEndedAtShutdown.indexOf("reportCleanup")).as("the clean-up stops before the report")
                .isGreaterThanOrEqualTo(0).isLessThan(stopsEndedAtShutdown.indexOf("report"));
        assertThat(shutdownLog).contains("Leadership of group 'reports': LEADER -> STANDBY");
        assertThat(shutdownLog).doesNotContain(" ERROR ");
        assertThat(process.exitValue()).as("the JVM's exit status after SIGTERM, 128 + 15, once shut down gracefully")
                .isEqualTo(143);
    }

    private static String settingsFile(String url, int listLimit) {
        return "db.url=" + url + "\ndb.pool-size=3\nnotes.list-limit=" + listLimit + "\n";
    }

    private static boolean allRunning(JsonNode services) {
        return SERVICES.stream().allMatch((name) -> "RUNNING".equals(service(services, name).get("state").asString()));
    }

    private static String since(JsonNode services, String name) {
        return service(services, name).get("since").asString();
    }

    private void start(Path settings) throws IOException {
        output = Path.of("target", "sample-app-end-to-end.log").toAbsolutePath();
        Files.createDirectories(output.getParent());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        process = new ProcessBuilder(java, "-cp", classpath, SampleApplication.class.getName(),
                "--server.port=0", "--sample.settings-file=" + settings, "--spring.output.ansi.enabled=never")
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        await().atMost(START_TIMEOUT).until(() -> {
            assertThat(process.isAlive()).as("the application is running; its output:%n%s", log()).isTrue();
            Matcher port = PORT.matcher(log());
            if (port.find()) {
                base = "http://localhost:" + port.group(1);
                return true;
            }
            return false;
        });
    }

    private String log() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    private int status(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode service(JsonNode services, String name) {
        return StreamSupport.stream(services.spliterator(), false)
                .filter((service) -> name.equals(service.get("name").asString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No service " + name + " in " + services));
    }

    private static List<String> texts(JsonNode notes) {
        return StreamSupport.stream(notes.spliterator(), false).map((note) -> note.get("text").asString()).toList();
    }

    /** The services named by the transitions {@code transition} matches in {@code log}, in order. */
    private static List<String> inOrder(Pattern transition, String log) {
        List<String> stopped = new ArrayList<>();
        Matcher matcher = transition.matcher(log);
        while (matcher.find()) {
            stopped.add(matcher.group(1));
        }
        return stopped;
    }

    /** Replaces the file in one step, so that the application never reads half of it. */
    private static void replace(Path file, String content) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, content);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
