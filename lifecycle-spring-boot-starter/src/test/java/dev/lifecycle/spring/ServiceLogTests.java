package dev.lifecycle.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.spring.actuate.endpoint.ServicesEndpoint;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration;
import dev.lifecycle.spring.autoconfigure.endpoint.ServicesEndpointAutoConfiguration;
import dev.lifecycle.spring.internal.EscalationShutdown;
import dev.lifecycle.spring.testsupport.CapturedLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * What an application's log says about its services: one line per failure, with what happens next; the operator's
 * actions; the escalation's exit; and operator- or service-supplied text with its control characters escaped in
 * every line and key-value.
 */
class ServiceLogTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ServiceRegistryAutoConfiguration.class,
                    ServicesEndpointAutoConfiguration.class))
            .withPropertyValues("lifecycle.restart.backoff.initial=10ms", "lifecycle.restart.backoff.max=20ms",
                    "lifecycle.restart.backoff.jitter=0", "management.endpoints.web.exposure.include=services",
                    "management.endpoint.services.access=UNRESTRICTED")
            .withBean("database", Service.class, () -> ctx -> "db")
            .withBean("repository", Service.class, () -> new RequiringService("database"));

    private final CapturedLog engine = new CapturedLog(ServiceRegistry.class);
    private final CapturedLog transitions = new CapturedLog(ServiceTransitionLogger.class);
    private final CapturedLog endpoint = new CapturedLog(ServicesEndpoint.class);
    private final CapturedLog startup = new CapturedLog(ServiceRegistryLifecycle.class);
    private final CapturedLog escalation = new CapturedLog(EscalationShutdown.class);

    @AfterEach
    void stopCapturing() {
        Stream.of(engine, transitions, endpoint, startup, escalation).forEach(CapturedLog::close);
    }

    @Test
    void failureIsOneLineOfTheEngineSayingWhatHappensNextAndTheCascadeSaysItsCauseOnce() {
        runner.run(context -> {
            ServiceRegistry registry = context.getBean(ServiceRegistry.class);

            registry.fail("database", new IllegalStateException("connection lost"));
            await().atMost(WAIT).until(() -> transitions.messages().stream()
                    .anyMatch(l -> l.startsWith("service repository: STARTING -> RUNNING (DEPENDENCY")));

            assertThat(engine.messages()).containsExactly("Service 'database' failed: java.lang.IllegalStateException: "
                    + "connection lost; it restarts in 10 ms (restart 1 of at most 5 in 1 min)");
            assertThat(transitions.messages()).noneMatch(l -> l.contains("-> FAILED"));
            assertThat(transitions.messages()).filteredOn(l -> l.contains("RUNNING -> STOPPING")).containsExactly(
                    "service repository: RUNNING -> STOPPING (DEPENDENCY: 'database' is stopping, "
                            + "java.lang.IllegalStateException: connection lost; after running "
                            + uptime(transitions, "repository") + ")",
                    "service database: RUNNING -> STOPPING (FAILURE: same cause as above; after running "
                            + uptime(transitions, "database") + ")");
        });
    }

    @ParameterizedTest(name = "character U+{0}")
    @ValueSource(strings = { "000A", "0000", "202E" })
    void operatorFailReasonWithAControlCharacterIsEscapedInEveryLine(String codePoint) {
        String character = Character.toString(Integer.parseInt(codePoint, 16));
        String escaped = codePoint.equals("000A") ? "\\n" : "\\u" + codePoint;
        runner.run(context -> {
            ServicesEndpoint services = context.getBean(ServicesEndpoint.class);

            services.control("database", "fail", "disk replaced" + character + "12:00:00 INFO forged");
            await().atMost(WAIT).until(() -> context.getBean(ServiceRegistry.class).snapshot("repository")
                    .orElseThrow().state() == ServiceState.RUNNING && !engine.events().isEmpty());

            assertThat(endpoint.messages()).containsExactly("Operator action through the services endpoint: fail "
                    + "service 'database' (reason: disk replaced" + escaped + "12:00:00 INFO forged)");
            assertThat(CapturedLog.keyValues(endpoint.events().get(0))).contains(
                    entry("lifecycle.service.id", "database"), entry("lifecycle.operator.action", "fail"),
                    entry("lifecycle.operator.reason", "disk replaced" + escaped + "12:00:00 INFO forged"));
            assertThat(engine.messages()).singleElement().asString().contains("disk replaced" + escaped + "12:00");
            assertThat(transitions.messages()).anyMatch(l -> l.contains("disk replaced" + escaped + "12:00"));
            assertEveryLineAndKeyValueIsFreeOf(character);
        });
    }

    @ParameterizedTest(name = "character U+{0}")
    @ValueSource(strings = { "000A", "0000", "202E" })
    void startThatThrowsAMessageWithAControlCharacterIsEscapedInEveryLine(String codePoint) {
        String character = Character.toString(Integer.parseInt(codePoint, 16));
        String escaped = codePoint.equals("000A") ? "\\n" : "\\u" + codePoint;
        runner.withPropertyValues("lifecycle.services.mailer.restart.max-restarts=0").withBean("mailer",
                Service.class, () -> ctx -> {
                    throw new IllegalStateException("refused" + character + "12:00:00 INFO forged");
                }).run(context -> {
                    assertThat(context).hasNotFailed();

                    assertThat(engine.messages()).singleElement().asString().startsWith("Service 'mailer' failed to "
                            + "start: java.lang.IllegalStateException: refused" + escaped + "12:00:00 INFO forged; it "
                            + "gave up");
                    IThrowableProxy stackTrace = engine.events().get(0).getThrowableProxy();
                    assertThat(stackTrace.getMessage()).doesNotContain(character).contains("refused" + escaped);
                    assertThat(startup.messages()).singleElement().asString()
                            .startsWith("Application starts degraded").contains("refused" + escaped);
                    assertEveryLineAndKeyValueIsFreeOf(character);
                });
    }

    @Test
    void escalationShutdownLineSaysTheApplicationClosesAndExitsWithItsStatus() {
        List<Integer> exits = new CopyOnWriteArrayList<>();
        runner.withBean(EscalationExit.class, () -> exits::add)
                .withPropertyValues("lifecycle.restart.max-restarts=0", "lifecycle.restart.escalation=SHUTDOWN",
                        "lifecycle.exit-status=3")
                .run(context -> {
                    context.getBean(ServiceRegistry.class).fail("database", new IllegalStateException("disk full"));
                    await().atMost(WAIT).until(() -> !exits.isEmpty());

                    assertThat(engine.messages()).containsExactly("Service 'database' failed: "
                            + "java.lang.IllegalStateException: disk full; it gave up: it failed more than 0 times in "
                            + "1 min; escalation SHUTDOWN: every service is stopped");
                    assertThat(escalation.messages()).containsExactly("Service 'database' gave up with escalation "
                            + "SHUTDOWN (its failure is logged above): closing the application, then exiting with "
                            + "status 3");
                    assertThat(CapturedLog.keyValues(escalation.events().get(0))).containsExactly(
                            entry("lifecycle.service.id", "database"), entry("lifecycle.escalation", "SHUTDOWN"),
                            entry("lifecycle.exit_status", 3));
                });
    }

    /**
     * Every captured line and key-value is free of {@code character} where the operator or the service put it: a
     * newline may only be the start-up summary's own, between its items.
     */
    private void assertEveryLineAndKeyValueIsFreeOf(String character) {
        List<ILoggingEvent> events = new ArrayList<>();
        Stream.of(engine, transitions, endpoint, startup, escalation).forEach(log -> events.addAll(log.events()));
        assertThat(events).isNotEmpty().allSatisfy(event -> {
            assertThat(event.getFormattedMessage()).doesNotContain(character + "12:00:00");
            if (!character.equals("\n")) {
                assertThat(event.getFormattedMessage()).doesNotContain(character);
            }
            assertThat(CapturedLog.keyValues(event).values()).allSatisfy(
                    value -> assertThat(String.valueOf(value)).doesNotContain(character));
        });
    }

    /** The time the line of {@code id}'s stop says it ran, e.g. {@code 12 ms}. */
    private static String uptime(CapturedLog log, String id) {
        return log.messages().stream().filter(l -> l.startsWith("service " + id + ": RUNNING -> STOPPING"))
                .map(l -> l.substring(l.indexOf("after running ") + "after running ".length(), l.length() - 1))
                .findFirst().orElseThrow();
    }

    /** A service requiring another by name, publishing its own id. */
    static final class RequiringService implements Service<String> {

        private final String requirement;

        RequiringService(String requirement) {
            this.requirement = requirement;
        }

        @Override
        public void init(dev.lifecycle.core.ServiceInit init) {
            init.dependsOn(requirement);
        }

        @Override
        public String start(dev.lifecycle.core.ServiceContext context) {
            return context.key().id();
        }
    }
}
