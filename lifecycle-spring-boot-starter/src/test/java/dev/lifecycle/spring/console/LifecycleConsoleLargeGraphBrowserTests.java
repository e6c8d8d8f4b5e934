package dev.lifecycle.spring.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.ServiceRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Configuration;

/**
 * The console in a real browser over the 200 services of {@link LayeredServiceGraph}, with {@code payments-repository}
 * failed for good (its dependents wait on it). With {@code -Dconsole.screenshots=<directory>} it writes
 * {@code console-200.png} there.
 */
@SpringBootTest(classes = LifecycleConsoleLargeGraphBrowserTests.Application.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "lifecycle.console.enabled=true",
                "management.endpoints.web.exposure.include=services,serviceevents",
                "spring.application.name=shop" })
class LifecycleConsoleLargeGraphBrowserTests {

    private static final Logger logger = LoggerFactory.getLogger(LifecycleConsoleLargeGraphBrowserTests.class);

    private static final String FAILED = "payments-repository";

    @RegisterExtension
    static final ConsoleBrowser browser = new ConsoleBrowser();

    @Autowired
    ServiceRegistry registry;

    @BeforeEach
    void installTheGraphOnce() throws Exception {
        if (registry.snapshot(FAILED).isEmpty()) {
            LayeredServiceGraph.install(registry, LayeredServiceGraph.SEED, FAILED);
            registry.settled().get(30, TimeUnit.SECONDS);
            registry.fail(FAILED, new IllegalStateException("Connection refused: datasource-replica:5432"))
                    .get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void opensReadableOnTheFailedServiceAndFitShowsAllTwoHundred() throws Exception {
        open();

        assertThat(browser.nodes()).hasSize(200);
        assertThat(scale()).as("screen pixels per unit of the drawing").isGreaterThanOrEqualTo(0.75);
        assertThat(inView(FAILED)).isTrue();
        assertThat(browser.allNodesInView()).isFalse();
        WebElement name = browser.node(FAILED).findElement(By.cssSelector("text.name"));
        assertThat(name.getRect().getHeight()).as("height of a name on screen, in pixels").isGreaterThanOrEqualTo(9);
        browser.node(FAILED).click();
        browser.await(d -> FAILED.equals(d.findElement(By.cssSelector("#details h2")).getText()));
        String screenshots = System.getProperty("console.screenshots");
        if (screenshots != null && !screenshots.isBlank()) {
            browser.hover(browser.driver().findElement(By.tagName("h1")));
            browser.screenshot(Path.of(screenshots, "console-200.png"));
        }

        browser.driver().findElement(By.id("fit")).click();

        assertThat(browser.allNodesInView()).isTrue();
    }

    @Test
    void searchMarksTheMatchesAndEnterSelectsTheFirstAndMovesToIt() {
        open();
        browser.driver().findElement(By.id("fit")).click();
        WebElement find = browser.driver().findElement(By.id("find"));

        new Actions(browser.driver()).sendKeys("/").perform();
        browser.await(d -> find.equals(d.switchTo().activeElement()));
        find.sendKeys("orders-");

        browser.await(d -> "9 matches".equals(d.findElement(By.id("matches")).getText()));
        assertThat(browser.driver().findElements(By.cssSelector("g.node.match")))
                .extracting(n -> n.getAttribute("data-id"))
                .containsExactlyInAnyOrderElementsOf(LayeredServiceGraph.ROLES.stream().map(r -> "orders-" + r)
                        .toList());
        find.sendKeys(Keys.ENTER);
        browser.await(d -> d.getCurrentUrl().endsWith("#orders-repository"));
        assertThat(browser.node("orders-repository").getAttribute("class")).contains("selected", "match");
        assertThat(inView("orders-repository")).isTrue();
        assertThat(scale()).isGreaterThanOrEqualTo(0.75);

        find.clear();
        find.sendKeys("java.util.Properties");

        browser.await(d -> "2 matches".equals(d.findElement(By.id("matches")).getText()));
        assertThat(browser.driver().findElements(By.cssSelector("g.node.match")))
                .extracting(n -> n.getAttribute("data-id")).containsExactlyInAnyOrder("config-server", "secrets-vault");
        find.sendKeys(Keys.ESCAPE);
        browser.await(d -> d.findElements(By.cssSelector("g.node.match")).isEmpty());
        assertThat(browser.driver().findElement(By.id("matches")).getText()).isEmpty();
    }

    @Test
    void layoutCrossesAThirdFewerEdgesThanTheFirstOneDidAndStaysLandscapeWhereDagresIsPortrait() throws IOException {
        open();

        @SuppressWarnings("unchecked")
        Map<String, Number> console = (Map<String, Number>) browser.script(MEASURE + """
                const at = new Map([...document.querySelectorAll('g.node')].map((g) => [g.dataset.id,
                    { x: g.transform.baseVal[0].matrix.e, y: g.transform.baseVal[0].matrix.f }]));
                const edges = [...document.querySelectorAll('path.edge')].map((p) => [p.dataset.from, p.dataset.to]);
                return measure(at, edges);""");
        browser.script(dagreScript());
        @SuppressWarnings("unchecked")
        Map<String, Number> dagre = (Map<String, Number>) browser.script(MEASURE + """
                const g = new dagre.graphlib.Graph();
                g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 76 });
                g.setDefaultEdgeLabel(() => ({}));
                const ids = [...document.querySelectorAll('g.node')].map((n) => n.dataset.id);
                const edges = [...document.querySelectorAll('path.edge')].map((p) => [p.dataset.from, p.dataset.to]);
                ids.forEach((id) => g.setNode(id, { width: 168, height: 46 }));
                edges.forEach(([from, to]) => g.setEdge(from, to));
                const began = performance.now();
                dagre.layout(g);
                const took = performance.now() - began;
                const at = new Map(ids.map((id) => [id, { x: g.node(id).x - 84, y: g.node(id).y - 23 }]));
                return { ...measure(at, edges), routed: routedCrossings(edges.map(([f, t]) => [f, t,
                    g.edge(f, t).points])), millis: took };""");

        logger.info("Layout of {} services: the console's crosses {} edges in {} x {}; dagre's crosses {} drawn "
                + "straight, {} along its routes, in {} x {}, laid out in {} ms", browser.nodes().size(),
                console.get("crossings"), console.get("width"), console.get("height"), dagre.get("crossings"),
                dagre.get("routed"), dagre.get("width"), dagre.get("height"), Math.round(dagre.get("millis")
                        .doubleValue()));
        // The first layout (longest path, mean of the neighbours, no invisible points) crossed 10,573 on this graph.
        assertThat(console.get("crossings").intValue()).isLessThan(8000);
        assertThat(console.get("width").doubleValue()).isGreaterThan(console.get("height").doubleValue());
        assertThat(dagre.get("height").doubleValue()).isGreaterThan(dagre.get("width").doubleValue());
    }

    /** Counts the crossings of straight edges from a node's right side to its dependent's left side. */
    private static final String MEASURE = """
            const cross = (a, b, c, d) => {
                const ccw = (p, q, r) => (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
                const d1 = ccw(c, d, a), d2 = ccw(c, d, b), d3 = ccw(a, b, c), d4 = ccw(a, b, d);
                return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
            };
            const share = (e, f) => e[0] === f[0] || e[0] === f[1] || e[1] === f[0] || e[1] === f[1];
            const measure = (at, edges) => {
                const lines = edges.map(([f, t]) => [[at.get(f).x + 168, at.get(f).y + 23], [at.get(t).x, at.get(t).y + 23]]);
                let crossings = 0;
                for (let i = 0; i < edges.length; i++) {
                    for (let j = i + 1; j < edges.length; j++) {
                        if (!share(edges[i], edges[j]) && cross(lines[i][0], lines[i][1], lines[j][0], lines[j][1])) {
                            crossings++;
                        }
                    }
                }
                const xs = [...at.values()].map((p) => p.x), ys = [...at.values()].map((p) => p.y);
                return { crossings, width: Math.max(...xs) + 168 - Math.min(...xs),
                    height: Math.max(...ys) + 46 - Math.min(...ys) };
            };
            const routedCrossings = (routes) => {
                let crossings = 0;
                for (let i = 0; i < routes.length; i++) {
                    for (let j = i + 1; j < routes.length; j++) {
                        if (share(routes[i], routes[j])) {
                            continue;
                        }
                        const p = routes[i][2], q = routes[j][2];
                        for (let a = 0; a + 1 < p.length; a++) {
                            for (let b = 0; b + 1 < q.length; b++) {
                                if (cross([p[a].x, p[a].y], [p[a + 1].x, p[a + 1].y], [q[b].x, q[b].y],
                                        [q[b + 1].x, q[b + 1].y])) {
                                    crossings++;
                                }
                            }
                        }
                    }
                }
                return crossings;
            };
            """;

    private static String dagreScript() throws IOException {
        try (InputStream in = LifecycleConsoleLargeGraphBrowserTests.class.getClassLoader()
                .getResourceAsStream("META-INF/resources/webjars/dagre/0.8.4/dist/dagre.min.js")) {
            assertThat(in).as("dagre.min.js of org.webjars.npm:dagre:0.8.4 on the test class path").isNotNull();
            return "var module = undefined, exports = undefined, define = undefined;\n"
                    + new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void open() {
        browser.open("/lifecycle");
        browser.await(d -> d.findElement(By.id("summary")).getText().startsWith("200 services")
                && browser.node(FAILED).getAttribute("data-state") != null);
    }

    /** Screen pixels per unit of the drawing. */
    private double scale() {
        return ((Number) browser.script("const g = document.getElementById('graph');"
                + "return g.getBoundingClientRect().width / g.viewBox.baseVal.width")).doubleValue();
    }

    private boolean inView(String id) {
        return (Boolean) browser.script("""
                const r = arguments[0].getBoundingClientRect(), f = document.getElementById('graph')
                    .getBoundingClientRect();
                return r.left >= f.left && r.right <= f.right && r.top >= f.top && r.bottom <= f.bottom;""",
                browser.node(id));
    }

    /** An application with no services of its own: the test installs the graph. */
    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationWithoutSecurity
    static class Application {
    }
}
