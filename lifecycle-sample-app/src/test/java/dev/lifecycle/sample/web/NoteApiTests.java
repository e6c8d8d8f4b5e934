package dev.lifecycle.sample.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.lifecycle.core.ServiceDefinition;
import dev.lifecycle.core.RestartPolicy;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.sample.database.DatabaseService;
import dev.lifecycle.sample.notes.NoteRepository;
import dev.lifecycle.sample.notes.NoteRepositoryService;
import dev.lifecycle.sample.SampleProperties;
import dev.lifecycle.sample.database.DatabaseProperties;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The REST API over a real registry of the database and the repository, on an in-memory database: the answers while
 * the services run, and the 503 while the repository is not running.
 */
@WebMvcTest(controllers = { NoteController.class, InfoController.class })
class NoteApiTests {

    private static final String URL = "jdbc:h2:mem:note-api;DB_CLOSE_DELAY=-1";
    /** The registry's clock and the answer's: time stands still, so the wait for a restart is exact. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    @Autowired
    MockMvcTester mvc;

    @Autowired
    ServiceRegistry registry;

    @AfterEach
    void runEveryService() throws Exception {
        registry.start(DatabaseService.NAME).get(30, TimeUnit.SECONDS);
        assertThat(registry.snapshot(NoteRepositoryService.NAME).orElseThrow().state()).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void addedNoteIsListedFirst() throws Exception {
        MvcTestResult added = mvc.post().uri("/api/notes").contentType(MediaType.APPLICATION_JSON)
                .content("{\"text\": \"hello from the test\"}").exchange();

        assertThat(added).hasStatus(HttpStatus.CREATED);
        Number id = JsonPath.read(added.getResponse().getContentAsString(), "$.id");
        assertThat(added).headers().hasValue(HttpHeaders.LOCATION, "http://localhost/api/notes/" + id);
        assertThat(mvc.get().uri("/api/notes/" + id)).hasStatusOk().bodyJson()
                .extractingPath("$.text").isEqualTo("hello from the test");
        assertThat(mvc.get().uri("/api/notes")).hasStatusOk().bodyJson()
                .extractingPath("$[0].text").isEqualTo("hello from the test");
    }

    @Test
    void blankNoteIsRefused() {
        MvcTestResult refused = mvc.post().uri("/api/notes").contentType(MediaType.APPLICATION_JSON)
                .content("{\"text\": \"  \"}").exchange();

        assertThat(refused).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused).bodyJson().extractingPath("$.detail")
                .isEqualTo("'text' must be a non-blank string of at most 500 characters, e.g. {\"text\": \"hello\"}");
    }

    @Test
    void infoNamesTheDatabaseAndTheSettingsVersion() {
        assertThat(mvc.get().uri("/api/info")).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.jdbcUrl", (url) -> assertThat(url).asString().startsWith("jdbc:h2:mem:note-api"))
                .hasPathSatisfying("$.settingsVersion", (version) -> assertThat(version).isEqualTo(1))
                .hasPathSatisfying("$.poolSize", (size) -> assertThat(size).isEqualTo(2))
                .hasPathSatisfying("$.listLimit", (limit) -> assertThat(limit).isEqualTo(50))
                .hasPathSatisfying("$.settingsFile", (file) -> assertThat(file).asString()
                        .endsWith("note-api-settings.properties"));
    }

    @Test
    void whileTheRepositoryIsNotRunningRequestsGet503WithRetryAfterAndTheServiceNamed() throws Exception {
        registry.stop(DatabaseService.NAME).get(30, TimeUnit.SECONDS);
        ServiceState repositoryState = registry.snapshot(NoteRepositoryService.NAME).orElseThrow().state();
        assertThat(repositoryState).isNotEqualTo(ServiceState.RUNNING);

        MvcTestResult list = mvc.get().uri("/api/notes").exchange();
        MvcTestResult add = mvc.post().uri("/api/notes").contentType(MediaType.APPLICATION_JSON)
                .content("{\"text\": \"lost?\"}").exchange();
        MvcTestResult info = mvc.get().uri("/api/info").exchange();

        for (MvcTestResult result : new MvcTestResult[] { list, add, info }) {
            assertThat(result).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
                    .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(result).headers().hasValue(HttpHeaders.RETRY_AFTER, "1");
            assertThat(result).bodyJson()
                    .hasPathSatisfying("$.service", (service) -> assertThat(service).isEqualTo("repository"))
                    .hasPathSatisfying("$.state", (state) -> assertThat(state).isEqualTo(repositoryState.name()))
                    .hasPathSatisfying("$.status", (status) -> assertThat(status).isEqualTo(503))
                    .hasPathSatisfying("$.detail", (detail) -> assertThat(detail).asString()
                            .startsWith("Service 'repository' is not RUNNING: it is " + repositoryState));
            assertThat(result.getResponse().getContentAsString()).doesNotContain("\tat ", "Exception");
        }
    }

    @Test
    void retryAfterIsTheTimeUntilTheRestartThatHoldsTheRequestBack() throws Exception {
        registry.fail(DatabaseService.NAME, new SQLException("connection lost")).get(30, TimeUnit.SECONDS);
        assertThat(registry.snapshot(DatabaseService.NAME).orElseThrow().nextRestartAt())
                .isEqualTo(CLOCK.instant().plus(Duration.ofMinutes(2)));

        MvcTestResult list = mvc.get().uri("/api/notes").exchange();

        assertThat(list).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(list).headers().hasValue(HttpHeaders.RETRY_AFTER, "120");
        assertThat(list).bodyJson().extractingPath("$.detail").asString()
                .contains("blocked by database, which failed with java.sql.SQLException: connection lost");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Services {

        @Bean
        Clock clock() {
            return CLOCK;
        }

        @Bean
        SampleProperties sampleProperties() {
            return new SampleProperties(Path.of("note-api-settings.properties"), Duration.ofSeconds(1),
                    Duration.ofSeconds(1));
        }

        @Bean
        DatabaseService database() {
            DatabaseProperties properties = new DatabaseProperties();
            properties.setUrl(URL);
            properties.setPoolSize(2);
            return new DatabaseService(properties);
        }

        @Bean
        ServiceRegistry registry(DatabaseService database) {
            ServiceRegistry registry = ServiceRegistry.builder().clock(CLOCK).random(() -> 0.0)
                    .restartPolicy(RestartPolicy.defaults().withBackoff(Duration.ofMinutes(2), Duration.ofMinutes(2), 2))
                    .build();
            registry.install(ServiceDefinition.of(DatabaseService.NAME, DataSource.class, database));
            registry.install(ServiceDefinition.of(NoteRepositoryService.NAME, NoteRepository.class,
                    new NoteRepositoryService()));
            registry.startAll().join();
            return registry;
        }
    }
}
