package dev.lifecycle.spring.actuate.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceSnapshot;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.spring.history.ServiceTransitionHistory;
import dev.lifecycle.spring.testsupport.WebTestApplication;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The {@code serviceevents} endpoint over HTTP, on a real server, with its history kept to 20 transitions: every
 * service's and one service's last transitions, the bound, and the answer for an unknown service.
 */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "management.endpoints.web.exposure.include=services,serviceevents", "lifecycle.history.size=20",
        "lifecycle.restart.backoff.initial=10ms" })
@AutoConfigureRestTestClient
class ServiceEventsEndpointWebTests {

    private static final List<String> FIELDS = List.of("sequence", "service", "from", "to", "reason", "detail",
            "cause", "at", "timeInPreviousState");

    @Autowired
    private RestTestClient client;

    @Autowired
    private ServiceRegistry registry;

    @Autowired
    private ServiceTransitionHistory history;

    @AfterEach
    void bringEverythingBack() {
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.snapshot().stream()
                .allMatch(s -> s.state() == ServiceState.RUNNING));
    }

    @Test
    void getListsTheLastTransitionsOfEveryServiceOldestFirst() throws IOException {
        String body = get("/actuator/serviceevents", 200);
        DocumentContext json = JsonPath.parse(body);

        List<Map<String, Object>> events = json.read("$.serviceEvents");
        assertThat(events).isNotEmpty().allSatisfy(event -> {
            assertThat(event.keySet()).containsExactlyElementsOf(FIELDS);
            assertThat((String) event.get("service")).isIn("config", "database", "repository", "listener");
            assertThat(Instant.parse((String) event.get("at"))).isBeforeOrEqualTo(Instant.now());
            assertThat(Duration.parse((String) event.get("timeInPreviousState")).isNegative()).isFalse();
        });
        List<Integer> sequences = json.read("$.serviceEvents[*].sequence");
        assertThat(sequences).isSorted().doesNotHaveDuplicates();
        assertThat(sequences.get(sequences.size() - 1) - sequences.get(0)).isEqualTo(sequences.size() - 1);
        capture("serviceevents-get.json", body);
    }

    @Test
    void getOfOneServiceListsItsOwnTransitionsWithTheFailureBehindThem() throws IOException {
        registry.fail("database", new IOException("connection reset")).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.snapshot().stream()
                .allMatch(s -> s.state() == ServiceState.RUNNING));

        String body = get("/actuator/serviceevents/database", 200);
        DocumentContext json = JsonPath.parse(body);

        assertThat(json.<List<String>>read("$.serviceEvents[*].service")).containsOnly("database");
        List<Map<String, Object>> events = json.read("$.serviceEvents");
        List<Map<String, Object>> last = events.subList(events.size() - 4, events.size());
        assertThat(last).extracting(e -> e.get("from") + "->" + e.get("to") + " " + e.get("reason")).containsExactly(
                "RUNNING->STOPPING FAILURE", "STOPPING->FAILED FAILURE", "FAILED->STARTING RESTART",
                "STARTING->RUNNING RESTART");
        assertThat(last.get(0).get("cause")).isEqualTo(Map.of("type", "java.io.IOException",
                "message", "connection reset"));
        assertThat(last.get(1).get("cause")).isEqualTo(last.get(0).get("cause"));
        assertThat(last.get(2).get("cause")).isNull();
        capture("serviceevents-get-database.json", body);
    }

    @Test
    void onceTheHistoryIsFullTheOldestTransitionsAreDropped() {
        registry.restart("config").join();
        registry.restart("config").join();

        DocumentContext json = JsonPath.parse(get("/actuator/serviceevents", 200));

        List<Integer> sequences = json.read("$.serviceEvents[*].sequence");
        assertThat(history.recorded()).isGreaterThan(20);
        assertThat(sequences).hasSize(20).isSorted().doesNotHaveDuplicates()
                .endsWith((int) history.recorded()).startsWith((int) history.recorded() - 19);
        assertThat(json.<List<String>>read("$.serviceEvents[*].from")).doesNotContain("INSTALLED");
        assertThat(registry.snapshot()).extracting(ServiceSnapshot::state).containsOnly(ServiceState.RUNNING);
    }

    @Test
    void anUnknownServiceIsNotFoundWithTheAnswerOfTheServicesEndpoint() {
        Map<String, Object> events = JsonPath.parse(get("/actuator/serviceevents/nosuch", 404)).read("$");
        Map<String, Object> services = JsonPath.parse(get("/actuator/services/nosuch", 404)).read("$");

        assertThat(events).isEqualTo(services).containsEntry("status", 404)
                .containsEntry("error", "No service 'nosuch' is installed").containsEntry("service", "nosuch")
                .containsEntry("suggestion", null);
    }

    @Test
    void aMisspelledServiceIsNotFoundWithTheInstalledNameClosestToIt() {
        DocumentContext json = JsonPath.parse(get("/actuator/serviceevents/Databse", 404));

        assertThat(json.<String>read("$.error")).isEqualTo("No service 'Databse' is installed; did you mean "
                + "'database'?");
        assertThat(json.<String>read("$.suggestion")).isEqualTo("database");
    }

    private static void capture(String name, String body) throws IOException {
        Files.writeString(Path.of("target", name), body, StandardCharsets.UTF_8);
    }

    private String get(String uri, int status) {
        var result = client.get().uri(uri).exchange().expectBody(String.class).returnResult();
        assertThat(result.getStatus().value()).as("status of GET %s: %s", uri, result.getResponseBody())
                .isEqualTo(status);
        return result.getResponseBody();
    }
}
