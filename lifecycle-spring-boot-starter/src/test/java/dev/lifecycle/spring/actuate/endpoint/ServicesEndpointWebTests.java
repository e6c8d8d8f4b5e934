package dev.lifecycle.spring.actuate.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.lifecycle.core.FailureInfo;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceSnapshot;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.core.TransitionReason;
import dev.lifecycle.spring.testsupport.WebTestApplication;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.ObjectMapper;

/**
 * The {@code services} endpoint, the health tree, the probes and the metrics over HTTP, on a real server, with the
 * endpoint's write access enabled.
 */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "management.endpoints.web.exposure.include=health,metrics,services",
        "management.endpoint.services.access=unrestricted", "management.endpoint.health.show-details=always",
        "lifecycle.services.database.critical=true", "lifecycle.services.database.restart.enabled=false" })
@AutoConfigureRestTestClient
class ServicesEndpointWebTests {

    @Autowired
    private RestTestClient client;

    @Autowired
    private ServiceRegistry registry;

    @Autowired
    private WebTestApplication.ListenerContainer listener;

    @AfterEach
    void bringEverythingBack() {
        for (ServiceSnapshot s : registry.snapshot()) {
            if (s.state() == ServiceState.FAILED) {
                registry.restart(s.id()).join();
            }
            else if (s.state() == ServiceState.STOPPED) {
                registry.start(s.id()).join();
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.snapshot().stream()
                .allMatch(s -> s.state() == ServiceState.RUNNING));
    }

    @Test
    void getListsEveryServiceWithItsRequirementsTheEdgesAndTheCriticalPath() throws IOException {
        String body = get("/actuator/services", 200);
        DocumentContext json = JsonPath.parse(body);

        assertThat(json.<List<String>>read("$.services[*].name")).containsExactly("config", "database", "repository",
                "listener");
        Map<String, Object> database = json.read("$.services[1]");
        assertThat(database).containsKeys("name", "type", "qualifier", "state", "reason", "since", "requires",
                "dependents", "waitingOn", "rootCause", "restarts", "lastFailure", "nextRestartAt", "startDuration",
                "stopDuration", "health", "critical", "mode", "healthCheck", "abandonedStart");
        assertThat(database).containsEntry("type", WebTestApplication.Database.class.getName())
                .containsEntry("qualifier", null).containsEntry("state", "RUNNING")
                .containsEntry("requires", List.of("config")).containsEntry("dependents", List.of("repository",
                        "listener"))
                .containsEntry("waitingOn", List.of()).containsEntry("rootCause", null)
                .containsEntry("health", "UP").containsEntry("critical", true).containsEntry("mode", "ACTIVE")
                .containsEntry("abandonedStart", null);
        assertThat(json.<List<Map<String, Object>>>read("$.edges")).contains(
                Map.of("requirement", "config", "dependent", "database", "optional", false),
                Map.of("requirement", "database", "dependent", "listener", "optional", false));
        assertThat(json.<List<String>>read("$.criticalPath[*].id")).startsWith("config").contains("database");
        capture("services-get.json", body);
    }

    @Test
    void getOneServiceByName() {
        DocumentContext json = JsonPath.parse(get("/actuator/services/repository", 200));

        assertThat(json.<String>read("$.name")).isEqualTo("repository");
        assertThat(json.<String>read("$.type")).isEqualTo("java.lang.Void");
        assertThat(json.<List<String>>read("$.requires")).containsExactly("database");
        assertThat(json.<Boolean>read("$.critical")).isFalse();
    }

    @Test
    void getAndPostOfAnUnknownServiceAnswerTheSameNotFound() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("status", 404);
        expected.put("error", "No service 'nosuch' is installed");
        expected.put("service", "nosuch");
        expected.put("suggestion", null);

        Map<String, Object> onGet = JsonPath.parse(get("/actuator/services/nosuch", 404)).read("$");
        Map<String, Object> onPost = JsonPath.parse(post("nosuch", "{\"action\": \"restart\"}", 404)).read("$");

        assertThat(onGet).containsExactlyEntriesOf(expected);
        assertThat(onPost).containsExactlyEntriesOf(expected);
    }

    @Test
    void misspelledServiceNameSuggestsTheInstalledOneOnGetAndPost() {
        DocumentContext onGet = JsonPath.parse(get("/actuator/services/databse", 404));
        DocumentContext onPost = JsonPath.parse(post("Databse", "{\"action\": \"fail\"}", 404));

        assertThat(onGet.<String>read("$.error")).isEqualTo("No service 'databse' is installed; did you mean "
                + "'database'?");
        assertThat(onGet.<String>read("$.suggestion")).isEqualTo("database");
        assertThat(onPost.<String>read("$.error")).isEqualTo("No service 'Databse' is installed; did you mean "
                + "'database'?");
        assertThat(onPost.<String>read("$.suggestion")).isEqualTo("database");
        assertThat(registry.snapshot("database").orElseThrow().state()).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void veryLongUnknownServiceNameIsShortenedInTheAnswer() {
        String name = "x".repeat(5_000);
        String shortened = "x".repeat(100) + "... (5000 characters)";

        String onGet = get("/actuator/services/" + name, 404);
        String onPost = post(name, "{\"action\": \"stop\"}", 404);

        assertThat(onGet).isEqualTo(onPost).hasSizeLessThan(500);
        assertThat(JsonPath.parse(onGet).<String>read("$.service")).isEqualTo(shortened);
        assertThat(JsonPath.parse(onGet).<String>read("$.error")).isEqualTo("No service '" + shortened
                + "' is installed");
    }

    @Test
    void postFailCascadesToTheDependentsAndRestartBringsThemBack() throws IOException {
        double failuresBefore = metric("/actuator/metrics/lifecycle.service.failures?tag=service:database");

        String failBody = post("database", "{\"action\": \"fail\", \"reason\": \"settings changed\"}", 200);
        capture("services-post-fail.json", failBody);
        capture("health-after-fail.json", client.get().uri("/actuator/health").exchange().expectBody(String.class)
                .returnResult().getResponseBody());
        capture("metrics-failures.json", get("/actuator/metrics/lifecycle.service.failures?tag=service:database",
                200));
        DocumentContext failed = JsonPath.parse(failBody);

        assertThat(failed.<List<String>>read("$.services[*].state")).containsExactly("RUNNING", "FAILED", "WAITING",
                "WAITING");
        assertThat(failed.<String>read("$.services[1].lastFailure.type"))
                .isEqualTo("dev.lifecycle.spring.OperatorFailureException");
        assertThat(failed.<String>read("$.services[1].lastFailure.message")).isEqualTo("settings changed");
        assertThat(failed.<String>read("$.services[2].rootCause")).isEqualTo("blocked by database, which failed "
                + "with dev.lifecycle.spring.OperatorFailureException: settings changed");
        assertThat(failed.<List<String>>read("$.services[3].waitingOn")).containsExactly("database");
        assertThat(listener.isRunning()).isFalse();
        assertThat(metric("/actuator/metrics/lifecycle.service.failures?tag=service:database"))
                .isEqualTo(failuresBefore + 1);

        DocumentContext restarted = JsonPath.parse(post("database", "{\"action\": \"restart\"}", 200));

        assertThat(restarted.<List<String>>read("$.services[*].state")).containsOnly("RUNNING");
        assertThat(listener.isRunning()).isTrue();
    }

    @Test
    void healthAndProbesFollowAFailureOfACriticalServiceAndItsRecovery() {
        assertThat(JsonPath.parse(get("/actuator/health", 200)).<String>read(
                "$.components.services.components.database.status")).isEqualTo("UP");
        registry.fail("database", new IllegalStateException("connection reset")).join();

        DocumentContext health = JsonPath.parse(get("/actuator/health", 503));
        assertThat(health.<String>read("$.components.services.status")).isEqualTo("DOWN");
        assertThat(health.<String>read("$.components.services.components.config.status")).isEqualTo("UP");
        assertThat(health.<String>read("$.components.services.components.database.status")).isEqualTo("DOWN");
        assertThat(health.<String>read("$.components.services.components.database.details.lastFailure.message"))
                .isEqualTo("connection reset");
        assertThat(health.<String>read("$.components.services.components.repository.status"))
                .isEqualTo("DEGRADED");
        assertThat(health.<String>read("$.components.services.components.repository.details.rootCause"))
                .isEqualTo("blocked by database, which failed with java.lang.IllegalStateException: connection reset");
        assertThat(JsonPath.parse(get("/actuator/health/readiness", 503)).<String>read("$.status"))
                .isEqualTo("OUT_OF_SERVICE");
        assertThat(JsonPath.parse(get("/actuator/health/liveness", 200)).<String>read("$.status")).isEqualTo("UP");

        registry.restart("database").join();
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.snapshot().stream()
                .allMatch(s -> s.state() == ServiceState.RUNNING));

        assertThat(JsonPath.parse(get("/actuator/health", 200)).<String>read("$.status")).isEqualTo("UP");
        assertThat(JsonPath.parse(get("/actuator/health/readiness", 200)).<String>read("$.status")).isEqualTo("UP");
        assertThat(JsonPath.parse(get("/actuator/health/liveness", 200)).<String>read("$.status")).isEqualTo("UP");
    }

    @Test
    void criticalServiceThatGaveUpAwaitsAnOperatorAndTheApplicationSaysItRefusesTraffic() {
        DocumentContext before = JsonPath.parse(get("/actuator/services", 200));
        assertThat(before.<String>read("$.application.status")).isEqualTo("UP");
        assertThat(before.<String>read("$.application.readiness")).isEqualTo("ACCEPTING_TRAFFIC");
        assertThat(before.<List<String>>read("$.application.criticalDown")).isEmpty();
        assertThat(before.<List<Boolean>>read("$.services[*].awaitingOperator")).containsOnly(false);

        DocumentContext failed = JsonPath.parse(post("database", "{\"action\": \"fail\"}", 200));

        assertThat(failed.<String>read("$.services[1].state")).isEqualTo("FAILED");
        assertThat(failed.<String>read("$.services[1].nextRestartAt")).isNull();
        assertThat(failed.<Boolean>read("$.services[1].awaitingOperator")).isTrue();
        assertThat(failed.<Boolean>read("$.services[2].awaitingOperator")).isFalse();
        assertThat(failed.<String>read("$.application.status")).isEqualTo("DOWN");
        assertThat(failed.<String>read("$.application.readiness")).isEqualTo("REFUSING_TRAFFIC");
        assertThat(failed.<List<String>>read("$.application.criticalDown")).containsExactly("database");
    }

    @Test
    void serviceStoppedByAnOperatorIsNotDown() {
        DocumentContext stopped = JsonPath.parse(post("repository", "{\"action\": \"stop\"}", 200));
        assertThat(stopped.<String>read("$.services[2].state")).isEqualTo("STOPPED");
        assertThat(stopped.<String>read("$.services[2].reason")).isEqualTo(TransitionReason.OPERATOR.name());

        DocumentContext health = JsonPath.parse(get("/actuator/health", 200));

        assertThat(health.<String>read("$.status")).isEqualTo("UP");
        assertThat(health.<String>read("$.components.services.components.repository.status")).isEqualTo("UP");
        assertThat(health.<String>read("$.components.services.components.repository.details.state"))
                .isEqualTo("STOPPED");

        DocumentContext started = JsonPath.parse(post("repository", "{\"action\": \"start\"}", 200));
        assertThat(started.<String>read("$.services[2].state")).isEqualTo("RUNNING");
    }

    @Test
    void unknownActionIsABadRequestThatSaysWhatIsAllowed() {
        DocumentContext error = JsonPath.parse(post("database", "{\"action\": \"explode\"}", 400));

        assertThat(error.<String>read("$.error")).isEqualTo("Unknown action 'explode' for service 'database': use "
                + "one of fail, restart, stop, start");
        assertThat(error.<List<String>>read("$.validActions")).containsExactly("fail", "restart", "stop", "start");
        assertThat(error.<String>read("$.action")).isEqualTo("explode");
        assertThat(registry.snapshot("database").orElseThrow().state()).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void actionsMatchTheDocumentedNamesExactly() {
        for (String action : List.of("FAIL", "Fail", " restart ", "stop\\n", "", "fail,stop")) {
            DocumentContext error = JsonPath.parse(post("database", "{\"action\": \"" + action + "\"}", 400));

            assertThat(error.<List<String>>read("$.validActions")).as(action).containsExactly("fail", "restart",
                    "stop", "start");
        }
        assertThat(registry.snapshot()).extracting(ServiceSnapshot::state).containsOnly(ServiceState.RUNNING);
    }

    @Test
    void veryLongActionIsShortenedInTheBadRequest() {
        String body = post("database", "{\"action\": \"" + "y".repeat(1_000_000) + "\"}", 400);

        assertThat(body).hasSizeLessThan(1_000);
        assertThat(JsonPath.parse(body).<String>read("$.action")).isEqualTo("y".repeat(100) + "... (1000000 "
                + "characters)");
    }

    @Test
    void reasonLongerThanTheLimitIsABadRequestNamingTheLimitAndTheProperty() {
        String reason = "r".repeat(1_048_576);
        FailureInfo failureBefore = registry.snapshot("database").orElseThrow().lastFailure();

        String body = post("database", "{\"action\": \"fail\", \"reason\": \"" + reason + "\"}", 400);

        DocumentContext error = JsonPath.parse(body);
        assertThat(error.<String>read("$.error")).isEqualTo("The reason is 1048576 characters long; at most 1000 are "
                + "accepted (lifecycle.endpoint.max-reason-length)");
        assertThat(error.<Integer>read("$.maxReasonLength")).isEqualTo(1000);
        assertThat(error.<String>read("$.property")).isEqualTo("lifecycle.endpoint.max-reason-length");
        assertThat(body).hasSizeLessThan(1_000);
        ServiceSnapshot database = registry.snapshot("database").orElseThrow();
        assertThat(database.state()).isEqualTo(ServiceState.RUNNING);
        assertThat(database.lastFailure()).as("nothing recorded").isEqualTo(failureBefore);
        assertThat(get("/actuator/services", 200)).hasSizeLessThan(10_000);
    }

    @Test
    void reasonOfExactlyTheLimitIsKept() {
        String reason = "r".repeat(1000);

        DocumentContext failed = JsonPath.parse(post("database", "{\"action\": \"fail\", \"reason\": \"" + reason
                + "\"}", 200));

        assertThat(failed.<String>read("$.services[1].lastFailure.message")).isEqualTo(reason);
    }

    @Test
    void reasonWithANewlineANulAndARightToLeftOverrideIsEscapedAndRoundTrips() {
        String reason = "line one\nline two\u0000 \u202Eevil";
        String request = new ObjectMapper().writeValueAsString(Map.of("action", "fail", "reason", reason));

        String onPost = post("database", request, 200);
        String onGet = get("/actuator/services/database", 200);

        for (String body : List.of(onPost, onGet)) {
            assertThat(body.chars()).as("no raw control character").allMatch(c -> c >= 0x20);
            assertThat(body).contains("line one\\nline two\\u0000");
        }
        assertThat(JsonPath.parse(onPost).<String>read("$.services[1].lastFailure.message")).isEqualTo(reason);
        assertThat(JsonPath.parse(onGet).<String>read("$.lastFailure.message")).isEqualTo(reason);
        assertThat(new ObjectMapper().readTree(onGet).get("lastFailure").get("message").stringValue())
                .isEqualTo(reason);
    }

    @Test
    void postWithoutActionIsABadRequest() {
        post("database", "{}", 400);
    }

    @Test
    void metricsCountServicesPerState() {
        assertThat(metric("/actuator/metrics/lifecycle.services?tag=state:RUNNING")).isEqualTo(4.0);
        assertThat(metric("/actuator/metrics/lifecycle.services?tag=state:FAILED")).isEqualTo(0.0);
        assertThat(metric("/actuator/metrics/lifecycle.service.start?tag=service:config")).isGreaterThanOrEqualTo(1.0);
    }

    /** Keeps a response under target/ as an example of the JSON. */
    private static void capture(String name, String body) throws IOException {
        Files.writeString(Path.of("target", name), body, StandardCharsets.UTF_8);
    }

    private String get(String uri, int status) {
        var result = client.get().uri(uri).exchange().expectBody(String.class).returnResult();
        assertThat(result.getStatus().value()).as("status of GET %s: %s", uri, result.getResponseBody())
                .isEqualTo(status);
        return result.getResponseBody();
    }

    private String post(String service, String body, int status) {
        return client.post().uri("/actuator/services/" + service).contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange().expectStatus().isEqualTo(status).expectBody(String.class).returnResult()
                .getResponseBody();
    }

    /** The first measurement of a metric: COUNT for counters and timers, VALUE for gauges. */
    private double metric(String uri) {
        return JsonPath.parse(get(uri, 200)).<Number>read("$.measurements[0].value").doubleValue();
    }
}
