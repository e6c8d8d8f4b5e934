package dev.lifecycle.spring.autoconfigure.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration;
import dev.lifecycle.spring.autoconfigure.endpoint.ServicesEndpointAutoConfiguration;
import dev.lifecycle.spring.autoconfigure.endpoint.ServiceEventsEndpointAutoConfiguration;
import dev.lifecycle.spring.console.ConsoleChangeStream;
import dev.lifecycle.spring.console.LifecycleConsole;
import dev.lifecycle.spring.console.ServicesEndpointLocator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.context.WebApplicationContext;

class LifecycleConsoleAutoConfigurationTests {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ServiceRegistryAutoConfiguration.class,
                    ServicesEndpointAutoConfiguration.class, LifecycleConsoleAutoConfiguration.class,
                    EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class, WebMvcAutoConfiguration.class))
            .withPropertyValues("management.endpoints.web.exposure.include=services");

    @Test
    void consoleIsOffByDefaultAndItsPathIsNotFound() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(LifecycleConsole.class);
            assertThat(mvc(context).get().uri("/lifecycle")).hasStatus(HttpStatus.NOT_FOUND);
        });
    }

    @Test
    void enabledConsoleServesItsPageScriptAndStyleAtTheDefaultPath() {
        runner.withPropertyValues("lifecycle.console.enabled=true").run(context -> {
            MockMvcTester mvc = mvc(context);
            assertThat(mvc.get().uri("/lifecycle")).hasStatusOk().hasContentTypeCompatibleWith(MediaType.TEXT_HTML)
                    .hasHeader("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; "
                            + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
                            + "frame-ancestors 'self'")
                    .bodyText().contains("<script type=\"module\" src=\"/lifecycle/console.js\"></script>",
                            "<link rel=\"stylesheet\" href=\"/lifecycle/console.css\">");
            assertThat(mvc.get().uri("/lifecycle/")).hasStatusOk();
            assertThat(mvc.get().uri("/lifecycle/console.js")).hasStatusOk()
                    .hasContentTypeCompatibleWith("text/javascript").bodyText()
                    .contains("import { connect } from './transport.js';");
            assertThat(mvc.get().uri("/lifecycle/console.css")).hasStatusOk()
                    .hasContentTypeCompatibleWith("text/css");
            assertThat(mvc.get().uri("/lifecycle/console.html")).hasStatus(HttpStatus.NOT_FOUND);
        });
    }

    @Test
    void filesReadAtTheFirstRequestAreServedWhicheverIsAskedForFirst() {
        runner.withPropertyValues("lifecycle.console.enabled=true").run(context -> {
            MockMvcTester mvc = mvc(context);
            assertThat(mvc.get().uri("/lifecycle/graph.js")).hasStatusOk()
                    .hasContentTypeCompatibleWith("text/javascript").bodyText().isEqualTo(classPathFile("graph.js"));
            assertThat(mvc.get().uri("/lifecycle/console.css")).hasStatusOk().bodyText()
                    .isEqualTo(classPathFile("console.css"));
            assertThat(mvc.get().uri("/lifecycle")).hasStatusOk().bodyText()
                    .contains("<script type=\"module\" src=\"/lifecycle/console.js\"></script>");
        });
    }

    @Test
    void pageReadsTheEndpointBelowTheActuatorBasePathAndIsReadOnlyByDefault() {
        runner.withPropertyValues("lifecycle.console.enabled=true", "management.endpoints.web.base-path=/manage")
                .run(context -> assertThat(mvc(context).get().uri("/lifecycle")).bodyText()
                        .contains("data-services=\"/manage/services\" data-writable=\"false\"")
                        .contains("data-problem=\"\""));
    }

    @Test
    void pageReadsTheEndpointAtItsMappedPathBelowTheContextPath() {
        runner.withPropertyValues("lifecycle.console.enabled=true",
                "management.endpoints.web.path-mapping.services=graph")
                .run(context -> assertThat(mvc(context).get().uri("/shop/lifecycle").contextPath("/shop")).bodyText()
                        .contains("data-services=\"/shop/actuator/graph\"")
                        .contains("<script type=\"module\" src=\"/shop/lifecycle/console.js\"></script>"));
    }

    @Test
    void pageReadsTheHistoryForItsTimelineWhenServiceEventsIsExposedAndListensToTheChangeStream() {
        runner.withConfiguration(AutoConfigurations.of(ServiceEventsEndpointAutoConfiguration.class))
                .withPropertyValues("lifecycle.console.enabled=true",
                        "management.endpoints.web.exposure.include=services,serviceevents")
                .run(context -> {
                    assertThat(context).hasSingleBean(ConsoleChangeStream.class);
                    assertThat(mvc(context).get().uri("/lifecycle")).bodyText()
                            .contains("data-history=\"/actuator/serviceevents\" data-changes=\"/lifecycle/changes\"");
                });
        runner.withPropertyValues("lifecycle.console.enabled=true").run(context -> assertThat(mvc(context).get()
                .uri("/lifecycle")).bodyText().contains("data-history=\"\" data-changes=\"/lifecycle/changes\""));
    }

    @Test
    void changeStreamIsLeftOutWhenDisabled() {
        runner.withPropertyValues("lifecycle.console.enabled=true", "lifecycle.console.stream.enabled=false")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(ConsoleChangeStream.class);
                    assertThat(mvc(context).get().uri("/lifecycle/changes")).hasStatus(HttpStatus.NOT_FOUND);
                });
    }

    @Test
    void pageOffersActionsWhenTheEndpointIsUnrestricted() {
        runner.withPropertyValues("lifecycle.console.enabled=true", "management.endpoint.services.access=UNRESTRICTED")
                .run(context -> assertThat(mvc(context).get().uri("/lifecycle")).bodyText()
                        .contains("data-services=\"/actuator/services\" data-writable=\"true\""));
    }

    @Test
    void pageOffersNoActionsWhenTheMaximumPermittedAccessIsReadOnly() {
        runner.withPropertyValues("lifecycle.console.enabled=true", "management.endpoint.services.access=UNRESTRICTED",
                "management.endpoints.access.max-permitted=READ_ONLY")
                .run(context -> assertThat(mvc(context).get().uri("/lifecycle")).bodyText()
                        .contains("data-services=\"/actuator/services\" data-writable=\"false\""));
    }

    @Test
    void pageSaysHowToExposeTheEndpointWhenItIsNotExposed() {
        runner.withPropertyValues("lifecycle.console.enabled=true", "management.endpoints.web.exposure.include=health")
                .run(context -> assertThat(mvc(context).get().uri("/lifecycle")).hasStatusOk().bodyText()
                        .contains("data-services=\"\" data-writable=\"false\"")
                        .contains("data-problem=\"The services endpoint is not available over HTTP: add it to "
                                + "management.endpoints.web.exposure.include (for example &#39;health,services&#39;)"));
    }

    @Test
    void pageSaysWhenTheActuatorListensOnItsOwnPort() {
        runner.withPropertyValues("lifecycle.console.enabled=true", "management.server.port=9001")
                .run(context -> assertThat(mvc(context).get().uri("/lifecycle")).bodyText()
                        .contains("data-services=\"\"")
                        .contains("The actuator listens on its own port (management.server.port)"));
    }

    @Test
    void pageSaysWhenTheActuatorIsMissing() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ServiceRegistryAutoConfiguration.class,
                        LifecycleConsoleAutoConfiguration.class, WebMvcAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
                .withPropertyValues("lifecycle.console.enabled=true")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(ServicesEndpointLocator.class);
                    assertThat(mvc(context).get().uri("/lifecycle")).bodyText().contains("data-services=\"\"",
                            "Spring Boot&#39;s actuator is not on the class path: add spring-boot-starter-actuator");
                });
    }

    @Test
    void pageNamesTheApplicationEscapedOrNoneWithoutAName() {
        runner.withPropertyValues("lifecycle.console.enabled=true").run(context -> assertThat(mvc(context).get()
                .uri("/lifecycle")).bodyText().contains("<title>Services - lifecycle console</title>",
                        "<h1>Services</h1>"));
        runner.withPropertyValues("lifecycle.console.enabled=true", "spring.application.name=<shop>")
                .run(context -> assertThat(mvc(context).get().uri("/lifecycle")).bodyText()
                        .contains("<title>Services of &lt;shop&gt; - lifecycle console</title>",
                                "<h1>Services of &lt;shop&gt;</h1>"));
    }

    @Test
    void consoleIsServedAtTheConfiguredPathOnly() {
        runner.withPropertyValues("lifecycle.console.enabled=true", "lifecycle.console.path=/ops/services")
                .run(context -> {
                    MockMvcTester mvc = mvc(context);
                    assertThat(mvc.get().uri("/ops/services")).hasStatusOk().bodyText()
                            .contains("<script type=\"module\" src=\"/ops/services/console.js\"></script>");
                    for (String module : List.of("console.js", "transport.js", "layout.js", "graph.js", "details.js",
                            "actions.js", "timeline.js", "format.js", "dom.js")) {
                        assertThat(mvc.get().uri("/ops/services/" + module)).hasStatusOk()
                                .hasContentTypeCompatibleWith("text/javascript")
                                .hasHeader("X-Content-Type-Options", "nosniff");
                    }
                    assertThat(mvc.get().uri("/lifecycle")).hasStatus(HttpStatus.NOT_FOUND);
                });
    }

    @Test
    void invalidPathStopsTheApplicationNamingTheProblem() {
        runner.withPropertyValues("lifecycle.console.enabled=true", "lifecycle.console.path=lifecycle/")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessage("The console path 'lifecycle/' is not valid: it must start with '/', must not end "
                                + "with '/' and may hold only letters, digits and . _ ~ - between slashes, for example "
                                + "'/lifecycle' or '/ops/lifecycle'"));
    }

    @Test
    void consoleBacksOffWhenLifecycleIsDisabled() {
        runner.withPropertyValues("lifecycle.console.enabled=true", "lifecycle.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(LifecycleConsole.class));
    }

    @Test
    void consoleNeedsAServletWebApplication() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ServiceRegistryAutoConfiguration.class,
                        LifecycleConsoleAutoConfiguration.class))
                .withPropertyValues("lifecycle.console.enabled=true")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(LifecycleConsole.class));
    }

    private static String classPathFile(String name) throws IOException {
        try (InputStream in = LifecycleConsole.class.getResourceAsStream(name)) {
            assertThat(in).as(name + " on the class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static MockMvcTester mvc(WebApplicationContext context) {
        return MockMvcTester.from(context);
    }
}
