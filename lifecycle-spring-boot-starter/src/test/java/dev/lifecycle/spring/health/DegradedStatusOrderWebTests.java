package dev.lifecycle.spring.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.spring.testsupport.WebTestApplication;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * An application that wants every service to count in its health, critical or not, through Spring Boot's own
 * settings: DEGRADED in the status order, and mapped to 503.
 */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "management.endpoints.web.exposure.include=health", "management.endpoint.health.show-details=always",
        "management.endpoint.health.status.order=DOWN,OUT_OF_SERVICE,DEGRADED,UP,UNKNOWN",
        "management.endpoint.health.status.http-mapping.degraded=503",
        "lifecycle.services.repository.restart.enabled=false" })
@AutoConfigureRestTestClient
class DegradedStatusOrderWebTests {

    @Autowired
    private RestTestClient client;

    @Autowired
    private ServiceRegistry registry;

    @AfterEach
    void bringRepositoryBack() {
        registry.restart("repository").join();
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.snapshot("repository").orElseThrow().state()
                == ServiceState.RUNNING);
    }

    @Test
    void nonCriticalServiceThatFailedTakesTheInstanceDownWhenDegradedIsOrderedAndMapped() {
        assertThat(JsonPath.parse(get("/actuator/health", 200)).<String>read("$.status")).isEqualTo("UP");

        registry.fail("repository", new IllegalStateException("disk full")).join();

        DocumentContext health = JsonPath.parse(get("/actuator/health", 503));
        assertThat(health.<String>read("$.status")).isEqualTo("DEGRADED");
        assertThat(health.<String>read("$.components.services.status")).isEqualTo("DEGRADED");
        assertThat(health.<String>read("$.components.services.components.repository.status")).isEqualTo("DEGRADED");
        assertThat(JsonPath.parse(get("/actuator/health/readiness", 200)).<String>read("$.status")).isEqualTo("UP");
    }

    private String get(String uri, int status) {
        var result = client.get().uri(uri).exchange().expectBody(String.class).returnResult();
        assertThat(result.getStatus().value()).as("status of GET %s: %s", uri, result.getResponseBody())
                .isEqualTo(status);
        return result.getResponseBody();
    }
}
