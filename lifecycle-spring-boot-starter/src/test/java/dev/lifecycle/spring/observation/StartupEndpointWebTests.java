package dev.lifecycle.spring.observation;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.lifecycle.spring.testsupport.WebTestApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code startup} actuator endpoint of an application started, as Spring Boot documents it, with a
 * {@link BufferingApplicationStartup}: a step per service start next to Spring's own steps.
 */
class StartupEndpointWebTests {

    @Test
    void startupEndpointShowsAStepPerServiceStartWithTheServiceItsRequirementsAndOutcome() throws Exception {
        SpringApplication application = new SpringApplication(WebTestApplication.class);
        application.setApplicationStartup(new BufferingApplicationStartup(10_000));
        application.setBannerMode(Banner.Mode.OFF);
        try (ConfigurableApplicationContext context = application.run("--server.port=0",
                "--server.address=127.0.0.1", "--management.endpoints.web.exposure.include=startup",
                "--spring.main.log-startup-info=false")) {
            String port = context.getEnvironment().getRequiredProperty("local.server.port");

            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/startup")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            DocumentContext json = JsonPath.parse(response.body());
            List<Map<String, Object>> starts = json.read(
                    "$.timeline.events[?(@.startupStep.name == 'lifecycle.service.start')]");
            Map<String, Map<String, String>> tagsByService = new LinkedHashMap<>();
            for (Map<String, Object> start : starts) {
                Map<String, String> tags = tags(start);
                tagsByService.put(tags.get("service"), tags);
                assertThat((String) start.get("duration")).startsWith("PT");
                assertThat(start).containsKeys("startTime", "endTime");
            }
            assertThat(tagsByService).containsOnlyKeys("config", "database", "repository", "listener");
            assertThat(tagsByService.get("config")).containsEntry("requires", "").containsEntry("outcome", "success");
            assertThat(tagsByService.get("database")).containsEntry("requires", "config");
            assertThat(tagsByService.get("repository")).containsEntry("requires", "database");
            assertThat(tagsByService.get("listener")).containsEntry("requires", "database");
            assertThat(json.<List<String>>read("$.timeline.events[*].startupStep.name")).contains(
                    "spring.beans.instantiate", "lifecycle.startup");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> tags(Map<String, Object> event) {
        Map<String, Object> step = (Map<String, Object>) event.get("startupStep");
        Map<String, String> tags = new LinkedHashMap<>();
        for (Map<String, String> tag : (List<Map<String, String>>) step.get("tags")) {
            tags.put(tag.get("key"), tag.get("value"));
        }
        return tags;
    }
}
