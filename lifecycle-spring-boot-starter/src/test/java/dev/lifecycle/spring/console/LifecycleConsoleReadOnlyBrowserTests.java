package dev.lifecycle.spring.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.ServiceDefinition;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.WheelInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The console in a real browser, over the same application with the services endpoint at its default, read-only
 * access, the console at another path and without its change stream (so that the page polls).
 */
@SpringBootTest(classes = LifecycleConsoleBrowserTests.Application.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "lifecycle.console.enabled=true", "lifecycle.console.path=/ops/lifecycle",
                "management.endpoints.web.exposure.include=services", "lifecycle.console.stream.enabled=false" })
class LifecycleConsoleReadOnlyBrowserTests {

    private static final Logger logger = LoggerFactory.getLogger(LifecycleConsoleReadOnlyBrowserTests.class);

    @RegisterExtension
    static final ConsoleBrowser browser = new ConsoleBrowser();

    @Autowired
    ServiceRegistry registry;

    @Test
    void scriptModulesLoadFromBelowTheConfiguredPath() {
        browser.open("/ops/lifecycle");
        browser.await(d -> !browser.nodes().isEmpty() && "RUNNING".equals(browser.state("a")));

        @SuppressWarnings("unchecked")
        List<String> scripts = (List<String>) browser.script("return performance.getEntriesByType('resource')"
                + ".map(e => new URL(e.name).pathname).filter(p => p.endsWith('.js'))");

        assertThat(scripts).containsExactlyInAnyOrder("/ops/lifecycle/console.js", "/ops/lifecycle/transport.js",
                "/ops/lifecycle/layout.js", "/ops/lifecycle/graph.js", "/ops/lifecycle/details.js",
                "/ops/lifecycle/actions.js", "/ops/lifecycle/timeline.js", "/ops/lifecycle/format.js",
                "/ops/lifecycle/dom.js");
    }

    @Test
    void fallsBackToPollingAndSaysSoWhenTheChangeStreamIsUnavailable() throws Exception {
        browser.open("/ops/lifecycle");
        WebElement mode = browser.driver().findElement(By.id("mode"));
        browser.await(d -> "polling".equals(mode.getText()) && mode.getAttribute("title").contains("unavailable"));
        assertThat(mode.getAttribute("title")).isEqualTo("Polling every 1 s: the change stream is unavailable; "
                + "trying it again in 30 s.");
        browser.await(d -> !browser.nodes().isEmpty() && "RUNNING".equals(browser.state("d")));

        registry.stop("d").get(10, TimeUnit.SECONDS);

        try {
            browser.await(d -> ConsoleBrowser.GREY.equals(browser.colour("d")));
            assertThat(browser.state("d")).isEqualTo("STOPPED");
            assertThat(mode.getText()).isEqualTo("polling");
        }
        finally {
            registry.start("d").get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void timelineSaysTheHistoryIsNotExposedAndShowsTheLatestStartOfEachRunningService() {
        browser.open("/ops/lifecycle");

        WebElement note = browser.await(d -> d.findElement(By.id("timeline-note")).isDisplayed()
                ? d.findElement(By.id("timeline-note")) : null);

        assertThat(note.getText()).isEqualTo("The transition history is not exposed over HTTP, so this timeline shows "
                + "only the latest start of each running service: add serviceevents to "
                + "management.endpoints.web.exposure.include to keep stopped and failed services on it, with their "
                + "starts and how their runs ended.");
        browser.await(d -> d.findElements(By.cssSelector("#timeline rect.bar")).size() == registry.snapshot().size());
    }

    @Test
    void offersNoActionsWhenTheEndpointIsReadOnly() throws Exception {
        browser.open("/ops/lifecycle");
        browser.await(d -> !browser.nodes().isEmpty() && "RUNNING".equals(browser.state("a")));

        browser.node("a").click();

        WebElement details = browser.await(d -> d.findElement(By.id("details")).getText().contains("Dependents")
                ? d.findElement(By.id("details")) : null);
        assertThat(details.findElement(By.tagName("h2")).getText()).isEqualTo("a");
        assertThat(browser.driver().findElements(By.cssSelector("button[data-action]"))).isEmpty();
        assertThat(details.getText()).contains("Read-only: the services endpoint does not allow fail, restart, stop "
                + "or start (management.endpoint.services.access is not unrestricted).");
        HttpResponse<String> post = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(browser.uri("/actuator/services/a"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"stop\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(registry.snapshot("a").orElseThrow().state().name()).isEqualTo("RUNNING");
    }

    @Test
    void drawsFiveHundredServicesWithEveryRequirementLeftOfItsDependentsAndZoomsAndPans() throws Exception {
        installRandomServices(500, new Random(20261121L));
        registry.settled().get(30, TimeUnit.SECONDS);
        int services = registry.snapshot().size();
        int edges = registry.graph().edges().size();

        long began = System.nanoTime();
        browser.open("/ops/lifecycle");
        browser.await(d -> d.findElement(By.id("summary")).getText()
                .equals(services + " services \u00b7 " + services + " running"));
        logger.info("Drew {} services and {} edges in {} ms from opening the page", services, edges,
                (System.nanoTime() - began) / 1_000_000);

        assertThat(browser.nodes()).hasSize(services);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> drawn = (List<Map<String, Object>>) browser.script("""
                const x = (id) => document.querySelector(`g.node[data-id="${id}"]`).transform.baseVal[0].matrix.e;
                return [...document.querySelectorAll('path.edge')].map((p) => ({
                    from: p.dataset.from, to: p.dataset.to, fromX: x(p.dataset.from), toX: x(p.dataset.to) }));""");
        assertThat(drawn).hasSize(edges);
        assertThat(drawn).allSatisfy(e -> assertThat(((Number) e.get("fromX")).doubleValue())
                .as("%s, required by %s, is drawn left of it", e.get("from"), e.get("to"))
                .isLessThan(((Number) e.get("toX")).doubleValue()));
        assertThat(browser.allNodesInView()).as("opened at a readable scale, on part of the graph").isFalse();
        browser.driver().findElement(By.id("fit")).click();
        assertThat(browser.allNodesInView()).isTrue();

        double[] fitted = viewBox();
        WebElement graph = browser.driver().findElement(By.id("graph"));
        new Actions(browser.driver()).scrollFromOrigin(WheelInput.ScrollOrigin.fromElement(graph), 0, -400).perform();
        double[] zoomed = browser.await(d -> viewBox()[2] < fitted[2] ? viewBox() : null);
        new Actions(browser.driver()).moveToElement(graph).clickAndHold().moveByOffset(150, 60).release().perform();
        double[] panned = browser.await(d -> viewBox()[0] != zoomed[0] ? viewBox() : null);
        assertThat(panned[0]).isLessThan(zoomed[0]);
        assertThat(panned[1]).isLessThan(zoomed[1]);
        assertThat(panned[2]).isEqualTo(zoomed[2]);
        assertThat(browser.allNodesInView()).isFalse();

        browser.driver().findElement(By.id("fit")).click();

        assertThat(browser.allNodesInView()).isTrue();
        assertThat(viewBox()[2]).isGreaterThan(zoomed[2]);
    }

    private void installRandomServices(int count, Random random) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "s" + i;
            Set<String> requires = new LinkedHashSet<>();
            for (int k = ids.isEmpty() ? 0 : random.nextInt(4); k > 0; k--) {
                requires.add(ids.get(ids.size() - 1 - random.nextInt(Math.min(ids.size(), 50))));
            }
            registry.install(ServiceDefinition.builder(ServiceKey.of(id, Void.class), ctx -> null)
                    .dependsOn(requires.toArray(String[]::new)).build());
            ids.add(id);
        }
    }

    private double[] viewBox() {
        String[] parts = ((String) browser.script("return document.getElementById('graph').getAttribute('viewBox')"))
                .split(" ");
        return new double[] { Double.parseDouble(parts[0]), Double.parseDouble(parts[1]),
            Double.parseDouble(parts[2]), Double.parseDouble(parts[3]) };
    }
}
