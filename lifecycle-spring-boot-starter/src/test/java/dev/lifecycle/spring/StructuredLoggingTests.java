package dev.lifecycle.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The log lines as Spring Boot's structured logging writes them ({@code logging.structured.format.console=ecs}): the
 * key-values of a transition and of a failure are fields of the JSON line, and a newline in a failure's message stays
 * inside its line.
 *
 * <p>The application runs in the test, and Boot's logging is set back to its plain console afterwards: the format is
 * kept in a system property that would otherwise outlive the application in this JVM.
 */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @AfterEach
    void restorePlainConsoleLogging() {
        System.clearProperty("CONSOLE_LOG_STRUCTURED_FORMAT");
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        logging.cleanUp();
        logging.beforeInitialize();
        logging.initialize(new LoggingInitializationContext(new StandardEnvironment()), null, null);
    }

    @Test
    void transitionAndFailureLinesCarryTheirKeyValuesAsEcsFields(CapturedOutput output) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.NONE)
                .properties("logging.structured.format.console=ecs", "lifecycle.restart.backoff.initial=10ms",
                        "lifecycle.restart.backoff.max=20ms", "lifecycle.restart.backoff.jitter=0")
                .run()) {
            ServiceRegistry registry = context.getBean(ServiceRegistry.class);

            registry.fail("database", new IllegalStateException("disk full\n{\"forged\": true}"));
            await().atMost(Duration.ofSeconds(10)).until(() -> registry.snapshot("database").orElseThrow().state()
                    == ServiceState.RUNNING && output.getOut().contains("FAILED -> STARTING"));

            JsonNode started = line(output, m -> m.startsWith("service database: STARTING -> RUNNING (STARTUP"));
            assertThat(started.get("log").get("logger").asString()).isEqualTo(ServiceTransitionLogger.class.getName());
            JsonNode fields = started.get("lifecycle");
            assertThat(fields.get("service").get("id").asString()).isEqualTo("database");
            assertThat(fields.get("state").get("from").asString()).isEqualTo("STARTING");
            assertThat(fields.get("state").get("to").asString()).isEqualTo("RUNNING");
            assertThat(fields.get("reason").asString()).isEqualTo("STARTUP");
            assertThat(fields.get("start").get("duration_ms").isIntegralNumber()).isTrue();

            JsonNode stopping = line(output, m -> m.startsWith("service database: RUNNING -> STOPPING"));
            assertThat(stopping.get("lifecycle").get("uptime_ms").isIntegralNumber()).isTrue();
            assertThat(stopping.get("lifecycle").get("failure").get("message").asString())
                    .isEqualTo("disk full\\n{\"forged\": true}");

            JsonNode failed = line(output, m -> m.startsWith("Service 'database' failed"));
            assertThat(failed.get("log").get("level").asString()).isEqualTo("WARN");
            assertThat(failed.get("message").asString()).isEqualTo("Service 'database' failed: "
                    + "java.lang.IllegalStateException: disk full\\n{\"forged\": true}; it restarts in 10 ms (restart "
                    + "1 of at most 5 in 1 min)");
            fields = failed.get("lifecycle");
            assertThat(fields.get("state").get("to").asString()).isEqualTo("FAILED");
            assertThat(fields.get("reason").asString()).isEqualTo("FAILURE");
            assertThat(fields.get("failure").get("type").asString()).isEqualTo("java.lang.IllegalStateException");
            assertThat(fields.get("restart").get("delay_ms").asLong()).isEqualTo(10);
            assertThat(fields.get("restart").get("attempt").asInt()).isEqualTo(1);
        }
        assertThat(lines(output)).noneMatch(l -> l.startsWith("{\"forged\""));
    }

    @Test
    void availabilityLinesCarryTheServiceAndTheAvailabilityAsEcsFields(CapturedOutput output) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.NONE)
                .properties("logging.structured.format.console=ecs", "lifecycle.services.database.critical=true",
                        "lifecycle.restart.backoff.initial=10ms", "lifecycle.restart.backoff.max=20ms",
                        "lifecycle.restart.backoff.jitter=0")
                .run()) {
            ServiceRegistry registry = context.getBean(ServiceRegistry.class);

            registry.fail("database", new IllegalStateException("disk full"));
            await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains("ACCEPTING_TRAFFIC\""));

            JsonNode refusing = line(output, m -> m.startsWith("Critical service 'database' is STOPPING"));
            assertThat(refusing.get("lifecycle").get("service").get("id").asString()).isEqualTo("database");
            assertThat(refusing.get("lifecycle").get("availability").asString()).isEqualTo("REFUSING_TRAFFIC");
            JsonNode accepting = line(output, m -> m.startsWith("Every critical service is where it should be"));
            assertThat(accepting.get("lifecycle").get("availability").asString()).isEqualTo("ACCEPTING_TRAFFIC");
        }
    }

    private JsonNode line(CapturedOutput output, Predicate<String> message) {
        return lines(output).stream().filter(l -> l.startsWith("{")).map(json::readTree)
                .filter(node -> node.has("message") && message.test(node.get("message").asString())).findFirst()
                .orElseThrow(() -> new AssertionError("No such JSON line in:\n" + output.getOut()));
    }

    private static List<String> lines(CapturedOutput output) {
        return Arrays.asList(output.getOut().split("\\R"));
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(ServiceRegistryAutoConfiguration.class)
    static class Application {

        @Bean
        Service<String> database() {
            return context -> "db";
        }
    }
}
