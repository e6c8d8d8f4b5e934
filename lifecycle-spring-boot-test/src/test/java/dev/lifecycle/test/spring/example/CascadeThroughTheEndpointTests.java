package dev.lifecycle.test.spring.example;

import static dev.lifecycle.test.assertj.LifecycleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceHandle;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.test.TestLifecycle;
import dev.lifecycle.test.spring.AutoConfigureLifecycleTest;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@SpringBootTest(properties = { "management.endpoints.web.exposure.include=services",
        "management.endpoint.services.access=unrestricted" })
@AutoConfigureMockMvc
@AutoConfigureLifecycleTest
class CascadeThroughTheEndpointTests {

    @SpringBootApplication
    static class Orders {

        static final AtomicInteger connections = new AtomicInteger();

        @Bean
        Service<String> config() {
            return ctx -> "jdbc:h2:mem:orders";
        }

        @Bean
        Service<String> database(ServiceHandle<String> config) {
            return ctx -> config.get() + "#" + connections.incrementAndGet();
        }
    }

    @Autowired
    MockMvcTester mvc;

    @Autowired
    ServiceRegistry registry;

    @Autowired
    TestLifecycle lifecycle;

    @Test
    void aFailedConfigTakesTheDatabaseDownAndBothComeBackAfterTheBackOffEvenWhenTheFirstRestartFails() {
        assertThat(mvc.post().uri("/actuator/services/config").contentType(MediaType.APPLICATION_JSON)
                .content("{\"action\": \"fail\"}")).hasStatusOk();
        assertThat(registry).service("config").isFailed().hasRestartScheduled();
        assertThat(registry).service("database").isWaitingFor("config");

        // The first restart, 100 ms later, fails too: the next one waits twice as long.
        lifecycle.faults().failNextStart("config", new SQLException("config server unreachable"));
        lifecycle.advance(Duration.ofMillis(100));
        assertThat(mvc.get().uri("/actuator/services/database")).bodyJson()
                .hasPathSatisfying("$.state", state -> assertThat(state).isEqualTo("WAITING"))
                .hasPathSatisfying("$.rootCause", cause -> assertThat(cause).isEqualTo(
                        "blocked by config, which failed with java.sql.SQLException: config server unreachable"));

        lifecycle.advance(Duration.ofMillis(200));
        assertThat(registry).service("config").isRunning().hasRestarted(2);
        assertThat(registry).service("database").isRunning().hasValue("jdbc:h2:mem:orders#2");
        assertThat(registry).stoppedBefore("database", "config");
    }
}
