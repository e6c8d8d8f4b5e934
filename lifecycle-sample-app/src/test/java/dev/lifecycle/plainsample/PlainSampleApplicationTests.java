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
    void theServicesRunAsPlainLifecycleBeansTheReportsOnceElectedAndTheApplicationBecomesReady() throws Exception {
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
            HttpResponse<String> readiness = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/actuator/health/readiness")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(readiness.statusCode()).isEqualTo(200);
            assertThat(context.getBeanNamesForType(ServiceRegistry.class)).as("the starter is left out").isEmpty();
        }
        finally {
            context.close();
        }
        assertThat(services.values()).noneMatch(PlainService::isRunning);
    }
}
