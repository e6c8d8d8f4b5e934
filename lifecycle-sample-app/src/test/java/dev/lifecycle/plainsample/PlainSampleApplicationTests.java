package dev.lifecycle.plainsample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.sample.notes.NoteRepository;
import dev.lifecycle.sample.notes.NoteRepositoryService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sample without the starter, which the start-up comparison runs: its services start in their phases, the
 * repository works on the database, readiness answers 200, and closing the context stops them.
 */
class PlainSampleApplicationTests {

    @TempDir
    Path directory;

    @Test
    void theServicesRunAsPlainLifecycleBeansTheReportsOnceElectedTheApplicationBecomesReadyAndServesTheNotesApi()
            throws Exception {
        ConfigurableApplicationContext context = SpringApplication.run(PlainSampleApplication.class,
                "--server.port=0", "--sample.settings-file=" + directory.resolve("settings.properties"),
                "--spring.main.banner-mode=off");
        Map<String, PlainService<?>> services;
        try {
            services = context.getBeansOfType(PlainService.class).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> (PlainService<?>) e.getValue()));
            assertThat(services).containsOnlyKeys("settings", "database", "repository", "heartbeat", "report",
                    "reportCleanup");
            // Alone on its database, the instance is granted the leadership of the reports, which starts the two.
            await().atMost(Duration.ofSeconds(30)).until(() -> services.values().stream()
                    .allMatch(PlainService::isRunning));
            NoteRepository notes = context.getBean(PlainValues.class).handle(NoteRepositoryService.KEY).get();
            assertThat(notes).isNotNull();
            assertThat(notes.count()).isZero();
            assertThat(notes.jdbcUrl()).contains(directory.toString());

            String port = context.getEnvironment().getProperty("local.server.port");
            String base = "http://localhost:" + port;
            HttpResponse<String> readiness = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(base + "/actuator/health/readiness")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(readiness.statusCode()).isEqualTo(200);

            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> added = client.send(HttpRequest.newBuilder(URI.create(base + "/api/notes"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"hello\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(added.statusCode()).isEqualTo(201);
            assertThat(added.headers().firstValue("Location")).hasValue(base + "/api/notes/1");
            HttpResponse<String> latest = client.send(HttpRequest.newBuilder(URI.create(base + "/api/notes")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(latest.statusCode()).isEqualTo(200);
            assertThat(latest.body()).contains("\"text\":\"hello\"");
            HttpResponse<String> info = client.send(HttpRequest.newBuilder(URI.create(base + "/api/info")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(info.statusCode()).isEqualTo(200);
            assertThat(info.body()).contains(directory.toString()).contains("\"notes\":1");
            assertThat(context.getBeanNamesForType(ServiceRegistry.class)).as("the starter is left out").isEmpty();
        }
        finally {
            context.close();
        }
        assertThat(services.values()).noneMatch(PlainService::isRunning);
    }
}
