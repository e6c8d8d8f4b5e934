package dev.lifecycle.spring.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.lifecycle.core.HealthCheck;
import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceContext;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceSnapshot;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.spring.testsupport.WebTestApplication;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The health tree, the probes and the endpoint's {@code health} over HTTP, with Spring Boot's default status order:
 * {@code config}, {@code database} and {@code listener} (which requires {@code database}) are critical;
 * {@code repository} (which requires {@code database} too) and {@code cache} (which has a health check) are not.
 * Neither {@code database} nor {@code repository} restarts after a failure.
 */
@SpringBootTest(classes = { WebTestApplication.class, ServicesHealthWebTests.CheckedCache.class },
        webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
                "management.endpoints.web.exposure.include=health,services",
                "management.endpoint.health.show-details=always", "lifecycle.services.database.critical=true",
                "lifecycle.services.listener.critical=true",
                "lifecycle.services.database.restart.enabled=false",
                "lifecycle.services.repository.restart.enabled=false" })
@AutoConfigureRestTestClient
@ExtendWith(OutputCaptureExtension.class)
class ServicesHealthWebTests {

    @Autowired
    private RestTestClient client;

    @Autowired
    private ServiceRegistry registry;

    @Autowired
    private AtomicBoolean cacheHealthy;

    @AfterEach
    void bringEverythingBack() {
        cacheHealthy.set(true);
        registry.checkHealth().join();
        for (ServiceSnapshot s : registry.snapshot()) {
            if (s.state() == ServiceState.FAILED) {
                registry.restart(s.id()).join();
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.snapshot().stream()
                .allMatch(s -> s.state() == ServiceState.RUNNING));
    }

    @Test
    void nonCriticalServiceThatFailedLeavesTheInstanceUp() {
        registry.fail("repository", new IllegalStateException("disk full")).join();

        DocumentContext health = JsonPath.parse(get("/actuator/health", 200));

        assertThat(health.<String>read("$.status")).isEqualTo("UP");
        assertThat(health.<String>read("$.components.services.status")).isEqualTo("UP");
        assertThat(health.<String>read("$.components.services.components.repository.status")).isEqualTo("DEGRADED");
        assertThat(health.<String>read("$.components.services.components.repository.details.state"))
                .isEqualTo("FAILED");
        assertThat(health.<Boolean>read("$.components.services.components.repository.details.critical")).isFalse();
        assertThat(health.<String>read("$.components.services.components.repository.details.lastFailure.message"))
                .isEqualTo("disk full");
        assertThat(JsonPath.parse(get("/actuator/health/readiness", 200)).<String>read("$.status")).isEqualTo("UP");
    }

    @Test
    void criticalServiceThatFailedTakesTheInstanceDown() {
        registry.fail("database", new IllegalStateException("connection refused")).join();

        DocumentContext health = JsonPath.parse(get("/actuator/health", 503));

        assertThat(health.<String>read("$.status")).isEqualTo("DOWN");
        assertThat(health.<String>read("$.components.services.components.database.status")).isEqualTo("DOWN");
        assertThat(health.<String>read("$.components.services.components.repository.status")).isEqualTo("DEGRADED");
        assertThat(health.<String>read("$.components.services.components.listener.status"))
                .isEqualTo("OUT_OF_SERVICE");
        assertThat(JsonPath.parse(get("/actuator/health/readiness", 503)).<String>read("$.status"))
                .isEqualTo("OUT_OF_SERVICE");
    }

    @Test
    void criticalServiceThatGivesUpLeavesLivenessUpByDefault(CapturedOutput output) {
        registry.fail("database", new IllegalStateException("connection refused")).join();

        await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains(
                "Critical service 'database' stays FAILED, with no restart: liveness left alone, as by default"));

        assertThat(JsonPath.parse(get("/actuator/health/liveness", 200)).<String>read("$.status")).isEqualTo("UP");
        assertThat(output).doesNotContain("liveness BROKEN");
    }

    @Test
    void endpointHealthIsTheStatusOfTheServicesChildInTheHealthTree() {
        registry.fail("database", new IllegalStateException("connection refused")).join();

        DocumentContext services = JsonPath.parse(get("/actuator/services", 200));
        DocumentContext health = JsonPath.parse(get("/actuator/health", 503));

        Map<String, String> endpoint = new LinkedHashMap<>();
        Map<String, String> tree = new LinkedHashMap<>();
        for (Map<String, Object> service : services.<List<Map<String, Object>>>read("$.services")) {
            String id = (String) service.get("id");
            endpoint.put(id, (String) service.get("health"));
            tree.put(id, health.read("$.components.services.components." + id + ".status"));
        }
        assertThat(endpoint).isEqualTo(tree).isEqualTo(Map.of("config", "UP", "database", "DOWN", "repository",
                "DEGRADED", "listener", "OUT_OF_SERVICE", "cache", "UP"));
    }

    @Test
    void healthCheckIsTheLastResultOfTheServicesOwnCheckAndNullWithoutOne() {
        assertThat(service("cache")).containsEntry("health", "UP").containsEntry("healthCheck", "UP");
        assertThat(service("config")).containsEntry("health", "UP").containsEntry("healthCheck", null);

        cacheHealthy.set(false);
        registry.checkHealth().join();

        assertThat(service("cache")).containsEntry("state", "RUNNING").containsEntry("health", "DEGRADED")
                .containsEntry("healthCheck", "DOWN");
        DocumentContext health = JsonPath.parse(get("/actuator/health", 200));
        assertThat(health.<String>read("$.components.services.components.cache.status")).isEqualTo("DEGRADED");
        assertThat(health.<String>read("$.components.services.components.cache.details.healthCheck"))
                .isEqualTo("DOWN");
        assertThat(health.<Map<String, Object>>read("$.components.services.components.config.details"))
                .doesNotContainKey("healthCheck");
    }

    private Map<String, Object> service(String id) {
        return JsonPath.parse(get("/actuator/services/" + id, 200)).read("$");
    }

    private String get(String uri, int status) {
        var result = client.get().uri(uri).exchange().expectBody(String.class).returnResult();
        assertThat(result.getStatus().value()).as("status of GET %s: %s", uri, result.getResponseBody())
                .isEqualTo(status);
        return result.getResponseBody();
    }

    /** A cache service whose health check the test turns on and off. */
    @Configuration(proxyBeanMethods = false)
    static class CheckedCache {

        @Bean
        AtomicBoolean cacheHealthy() {
            return new AtomicBoolean(true);
        }

        @Bean
        Service<String> cache(AtomicBoolean cacheHealthy) {
            return new Cache(cacheHealthy);
        }
    }

    /** A service with a health check. */
    static final class Cache implements Service<String>, HealthCheck {

        private final AtomicBoolean healthy;

        Cache(AtomicBoolean healthy) {
            this.healthy = healthy;
        }

        @Override
        public String start(ServiceContext context) {
            return "cache";
        }

        @Override
        public boolean isHealthy() {
            return healthy.get();
        }
    }
}
