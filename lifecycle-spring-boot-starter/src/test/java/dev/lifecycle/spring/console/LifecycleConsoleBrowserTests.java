package dev.lifecycle.spring.console;

import static dev.lifecycle.spring.console.ConsoleBrowser.AMBER;
import static dev.lifecycle.spring.console.ConsoleBrowser.GREEN;
import static dev.lifecycle.spring.console.ConsoleBrowser.GREY;
import static dev.lifecycle.spring.console.ConsoleBrowser.RED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.HealthCheck;
import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceContext;
import dev.lifecycle.core.ServiceDefinition;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.StartupReport;
import dev.lifecycle.spring.RequiresService;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The console in a real browser, over an application whose services endpoint allows every operation: {@code b}
 * requires {@code a}, {@code c} requires {@code b}, {@code d} stands alone; {@code a} is not restarted after a
 * failure, so that its failure stays on screen until it is restarted by hand.
 */
@SpringBootTest(classes = LifecycleConsoleBrowserTests.Application.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "lifecycle.console.enabled=true",
                "management.endpoints.web.exposure.include=services,serviceevents",
                "management.endpoints.web.base-path=/manage", "management.endpoint.services.access=unrestricted",
                "lifecycle.services.a.restart.enabled=false", "lifecycle.services.a.critical=true",
                "spring.application.name=shop" })
class LifecycleConsoleBrowserTests {

    static final Path SCREENSHOT = Path.of("target", "console-screenshot.png");

    @RegisterExtension
    static final ConsoleBrowser browser = new ConsoleBrowser();

    @Autowired
    ServiceRegistry registry;

    @Test
    void drawsEveryServiceInItsStateAndColourWithRequirementsLeftOfDependents() {
        open();

        for (String id : List.of("a", "b", "c", "d")) {
            assertThat(browser.state(id)).isEqualTo("RUNNING");
            assertThat(browser.colour(id)).isEqualTo(GREEN);
            assertThat(browser.restarts(id)).isEqualTo("\u21bb " + registry.snapshot(id).orElseThrow().restarts());
        }
        assertThat(browser.position("a")[0]).isEqualTo(browser.position("d")[0]);
        assertThat(browser.position("a")[0]).isLessThan(browser.position("b")[0]);
        assertThat(browser.position("b")[0]).isLessThan(browser.position("c")[0]);
        assertThat(browser.driver().findElements(By.cssSelector("path.edge")))
                .extracting(e -> e.getAttribute("data-from") + "->" + e.getAttribute("data-to"))
                .containsExactlyInAnyOrder("a->b", "b->c");
        assertThat(browser.driver().findElement(By.id("summary")).getText()).isEqualTo("4 services \u00b7 4 running");
    }

    @Test
    void failingAServiceTurnsItRedAndItsDependentsAmberUntilItIsStartedAgain() {
        open();
        int restarts = registry.snapshot("a").orElseThrow().restarts();
        browser.node("a").click();
        assertThat(shownActions()).containsExactly("fail", "restart", "stop");

        action("fail").click();
        confirm("fail");

        browser.await(d -> browser.shows(Map.of("a", RED, "b", AMBER, "c", AMBER, "d", GREEN)));
        assertThat(List.of(browser.state("a"), browser.state("b"), browser.state("c"), browser.state("d")))
                .containsExactly("FAILED \u00b7 no restart", "WAITING", "WAITING", "RUNNING");
        assertThat(browser.driver().findElement(By.id("details")).getText())
                .contains("Last failure", "OperatorFailureException: Failed from the console");
        WebElement tooltip = browser.driver().findElement(By.id("tooltip"));
        browser.hover(browser.node("b"));
        browser.await(d -> tooltip.isDisplayed());
        assertThat(tooltip.findElement(By.className("line")).getText()).isEqualTo("blocked by a, which failed with "
                + "dev.lifecycle.spring.OperatorFailureException: Failed from the console");
        browser.hover(browser.driver().findElement(By.tagName("h1")));
        browser.await(d -> !tooltip.isDisplayed());
        browser.screenshot(SCREENSHOT);

        action("start").click();

        browser.await(d -> browser.shows(Map.of("a", GREEN, "b", GREEN, "c", GREEN, "d", GREEN)));
        assertThat(browser.driver().findElement(By.id("message")).getText()).isEqualTo("start a: done, a is RUNNING");
        assertThat(browser.restarts("a")).isEqualTo("\u21bb " + registry.snapshot("a").orElseThrow().restarts());

        action("restart").click();

        browser.await(d -> "restart a: done, a is RUNNING".equals(d.findElement(By.id("message")).getText()));
        int restarted = registry.snapshot("a").orElseThrow().restarts();
        assertThat(restarted).isGreaterThan(restarts);
        browser.await(d -> ("\u21bb " + restarted).equals(browser.restarts("a")));
    }

    @Test
    void detailsShowTheServicesHealthAndItsOwnHealthCheckApart() throws Exception {
        open();

        browser.node("d").click();
        browser.await(d -> "UP".equals(facts().get("Health check")));
        assertThat(facts()).containsEntry("Health", "UP");
        browser.node("b").click();
        browser.await(d -> "b".equals(d.findElement(By.cssSelector("#details h2")).getText()));
        assertThat(facts()).containsEntry("Health", "UP").doesNotContainKey("Health check");
        registry.stop("a").get();

        browser.await(d -> "DEGRADED".equals(facts().get("Health")));
        assertThat(facts()).containsEntry("State", "WAITING (dependency)").doesNotContainKey("Health check");
        registry.start("a").get();
        browser.await(d -> browser.shows(Map.of("a", GREEN, "b", GREEN, "c", GREEN, "d", GREEN)));
    }

    @Test
    void detailsSayThatAStartWasAbandonedAndStillRunsUntilItReturns() throws Exception {
        open();
        CountDownLatch release = new CountDownLatch(1);
        try {
            registry.install(ServiceDefinition.builder(ServiceKey.of("e", Void.class), ctx -> {
                while (release.getCount() > 0) {
                    try {
                        release.await();
                    }
                    catch (InterruptedException ignored) {
                        // A start that ignores its interrupt.
                    }
                }
                return null;
            }).startTimeout(Duration.ofMillis(200)).build());
            registry.stop("e").get(10, TimeUnit.SECONDS);
            browser.await(d -> browser.nodes().size() == 5);

            browser.node("e").click();

            browser.await(d -> facts().containsKey("Abandoned start"));
            assertThat(facts()).containsEntry("State", "STOPPED (operator)");
            assertThat(facts().get("Abandoned start")).matches("began \\d\\d:\\d\\d:\\d\\d\\.\\d{3}, abandoned "
                    + "\\d\\d:\\d\\d:\\d\\d\\.\\d{3}; still running: the value it returns will be stopped");
            release.countDown();
            browser.await(d -> !facts().containsKey("Abandoned start"));
        }
        finally {
            release.countDown();
            registry.remove("e").get(10, TimeUnit.SECONDS);
            browser.await(d -> browser.nodes().size() == 4);
        }
    }

    @Test
    void detailsMarkALeaderOnlyServiceWithItsGroupAndWhetherThisInstanceLeadsIt() throws Exception {
        open();
        try {
            registry.install(ServiceDefinition.builder(ServiceKey.of("f", Void.class), ctx -> null).leader("jobs")
                    .build());
            browser.await(d -> browser.nodes().size() == 5);

            browser.node("f").click();

            browser.await(d -> facts().containsKey("Leader only"));
            assertThat(facts()).containsEntry("Leader only", "group jobs: standby (leadership unknown)")
                    .containsEntry("State", "STOPPED (leadership)");
            registry.leadership().grant("jobs").get(10, TimeUnit.SECONDS);
            browser.await(d -> "group jobs: leader".equals(facts().get("Leader only")));
        }
        finally {
            registry.remove("f").get(10, TimeUnit.SECONDS);
            browser.await(d -> browser.nodes().size() == 4);
        }
    }

    @Test
    void serviceThatGaveUpSaysThatNoRestartIsComingAndThatAnOperatorMustStartIt() throws Exception {
        open();
        browser.node("a").click();
        registry.fail("a", new IllegalStateException("disk full")).get(10, TimeUnit.SECONDS);

        browser.await(d -> "FAILED \u00b7 no restart".equals(browser.state("a")));
        assertThat(browser.node("a").getAttribute("class")).contains("awaiting-operator");
        WebElement verdict = browser.await(d -> d.findElement(By.id("details-verdict")).isDisplayed()
                ? d.findElement(By.id("details-verdict")) : null);
        assertThat(verdict.getText()).isEqualTo("No restart is coming: it gave up, or its restart policy never "
                + "restarts it. It stays FAILED until an operator starts it. As a critical service, it keeps the "
                + "application DOWN until then.");
        assertThat(facts()).containsEntry("Next restart", "none: an operator must start it")
                .containsEntry("Last failure", facts().get("Last failure"));
        assertThat(facts().get("Last failure")).startsWith("IllegalStateException: disk full at ");

        registry.start("a").get(10, TimeUnit.SECONDS);

        browser.await(d -> browser.shows(Map.of("a", GREEN, "b", GREEN, "c", GREEN, "d", GREEN)));
        assertThat(browser.state("a")).isEqualTo("RUNNING");
        assertThat(browser.driver().findElement(By.id("details-verdict")).isDisplayed()).isFalse();
    }

    @Test
    void headerShowsTheApplicationDownAndRefusingTrafficWhileACriticalServiceIsDown() throws Exception {
        open();
        WebElement application = browser.driver().findElement(By.id("application"));
        browser.await(d -> application.isDisplayed());
        assertThat(application.getText()).isEqualTo("Application UP \u00b7 accepting traffic");
        assertThat(application.getCssValue("background-color")).isEqualTo("rgba(45, 164, 78, 1)");

        registry.fail("a", new IllegalStateException("disk full")).get(10, TimeUnit.SECONDS);

        browser.await(d -> application.getText().startsWith("Application DOWN"));
        assertThat(application.getText())
                .isEqualTo("Application DOWN \u00b7 refusing traffic \u00b7 critical service down: a");
        assertThat(application.getCssValue("background-color")).isEqualTo("rgba(207, 34, 46, 1)");
        registry.start("a").get(10, TimeUnit.SECONDS);
        browser.await(d -> "Application UP \u00b7 accepting traffic".equals(application.getText()));
    }

    @Test
    void criticalServicesAreMarkedOnTheGraph() {
        open();

        assertThat(browser.node("a").getAttribute("class")).contains("critical");
        assertThat(browser.node("a").findElement(By.cssSelector(".critical-mark")).isDisplayed()).isTrue();
        assertThat(browser.node("a").getAttribute("aria-label")).startsWith("a (critical): RUNNING");
        for (String id : List.of("b", "c", "d")) {
            assertThat(browser.node(id).getAttribute("class")).doesNotContain("critical");
            assertThat(browser.node(id).findElement(By.cssSelector(".critical-mark")).isDisplayed()).isFalse();
        }
        assertThat(browser.driver().findElement(By.cssSelector(".legend .mark-critical")).getText())
                .isEqualTo("critical");
    }

    @Test
    void leaderOnlyServiceOnStandbyIsShownAsStandbyUntilThisInstanceLeads() throws Exception {
        open();
        try {
            registry.install(ServiceDefinition.builder(ServiceKey.of("g", Void.class), ctx -> null).leader("reports")
                    .build());
            browser.await(d -> browser.nodes().size() == 5);

            browser.node("g").click();

            browser.await(d -> "STOPPED \u00b7 standby".equals(browser.state("g")));
            assertThat(browser.node("g").getAttribute("class")).contains("standby");
            assertThat(browser.colour("g")).isEqualTo(GREY);
            browser.await(d -> d.findElement(By.id("details-verdict")).isDisplayed());
            assertThat(browser.driver().findElement(By.id("details-verdict")).getText()).isEqualTo("On standby: this "
                    + "instance does not lead group reports. It starts when leadership of the group is granted here.");
            registry.leadership().grant("reports").get(10, TimeUnit.SECONDS);
            browser.await(d -> "RUNNING".equals(browser.state("g")));
            assertThat(browser.node("g").getAttribute("class")).doesNotContain("standby");
        }
        finally {
            registry.remove("g").get(10, TimeUnit.SECONDS);
            browser.await(d -> browser.nodes().size() == 4);
        }
    }

    @Test
    void eachStateOffersOnlyTheActionsThatMakeSenseInIt() throws Exception {
        open();
        browser.node("a").click();
        browser.await(d -> shownActions().equals(List.of("fail", "restart", "stop")));

        registry.fail("a", new IllegalStateException("disk full")).get(10, TimeUnit.SECONDS);
        browser.await(d -> shownActions().equals(List.of("stop", "start")));
        browser.node("b").click();
        browser.await(d -> "b".equals(d.findElement(By.cssSelector("#details h2")).getText()));
        browser.await(d -> shownActions().equals(List.of("stop")));

        registry.stop("a").get(10, TimeUnit.SECONDS);
        browser.node("a").click();
        browser.await(d -> "a".equals(d.findElement(By.cssSelector("#details h2")).getText()));
        browser.await(d -> shownActions().equals(List.of("start")));

        action("start").click();

        browser.await(d -> browser.shows(Map.of("a", GREEN, "b", GREEN, "c", GREEN, "d", GREEN)));
        browser.await(d -> shownActions().equals(List.of("fail", "restart", "stop")));
    }

    @Test
    void failAndStopAskForConfirmationAndCancelLeavesTheServiceRunning() {
        open();
        browser.node("c").click();

        action("stop").click();

        WebElement question = browser.await(d -> {
            WebElement confirmation = d.findElement(By.cssSelector("#details .confirm"));
            return confirmation.isDisplayed() ? confirmation : null;
        });
        assertThat(question.findElement(By.tagName("p")).getText())
                .isEqualTo("Stop c? It stays stopped until an operator starts it.");
        question.findElement(By.cssSelector("button[data-cancel='stop']")).click();
        browser.await(d -> !question.isDisplayed());
        assertThat(browser.state("c")).isEqualTo("RUNNING");
        assertThat(registry.snapshot("c").orElseThrow().state().name()).isEqualTo("RUNNING");

        browser.node("a").click();
        browser.await(d -> "a".equals(d.findElement(By.cssSelector("#details h2")).getText()));
        action("fail").click();

        browser.await(d -> d.findElement(By.cssSelector("#details .confirm")).isDisplayed());
        assertThat(browser.driver().findElement(By.cssSelector("#details .confirm p")).getText())
                .isEqualTo("Fail a? It is recorded as a failure, and its restart policy decides whether it comes "
                        + "back. Its dependents (b) stop with it.");
        browser.driver().findElement(By.cssSelector("#details button[data-cancel='fail']")).click();
        assertThat(registry.snapshot("a").orElseThrow().state().name()).isEqualTo("RUNNING");
    }

    @Test
    void titleAndHeaderNameTheApplication() {
        open();

        assertThat(browser.driver().getTitle()).isEqualTo("Services of shop - lifecycle console");
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Services of shop");
    }

    @Test
    void selectedServiceIsInTheAddressAndALinkToItShowsIt() {
        open();

        browser.node("b").click();

        browser.await(d -> d.getCurrentUrl().endsWith("/lifecycle#b"));
        browser.open("/lifecycle#c");
        browser.driver().navigate().refresh();
        browser.await(d -> "c".equals(d.findElement(By.cssSelector("#details h2")).getText()));
        assertThat(browser.node("c").getAttribute("class")).contains("selected");
        WebElement graph = browser.driver().findElement(By.id("graph"));
        new Actions(browser.driver()).moveToElement(graph, -graph.getRect().getWidth() / 2 + 4,
                -graph.getRect().getHeight() / 2 + 4).click().perform();
        browser.await(d -> d.getCurrentUrl().endsWith("/lifecycle"));
        assertThat(browser.driver().findElement(By.cssSelector("#details .hint")).getText())
                .isEqualTo("Select a service to see its details.");
    }

    @Test
    void classNamesInTheDetailsWrapAtTheirDotsNeverMidWord() throws Exception {
        open();
        browser.node("b").click();
        registry.fail("a", new IllegalStateException("disk full")).get(10, TimeUnit.SECONDS);

        browser.await(d -> facts().containsKey("Root cause"));
        WebElement cause = browser.driver().findElement(By.xpath(
                "//div[@id='details-facts']//dt[text()='Root cause']/following-sibling::dd[1]"));

        assertThat(cause.getText()).isEqualTo("blocked by a, which failed with java.lang.IllegalStateException: "
                + "disk full");
        assertThat(cause.getCssValue("overflow-wrap")).isEqualTo("break-word");
        assertThat(browser.script("return [...arguments[0].childNodes].filter(n => n.nodeType === 3)"
                + ".map(n => n.textContent)", cause)).asInstanceOf(InstanceOfAssertFactories.LIST)
                .containsExactly("blocked by a, which failed with java.", "lang.", "IllegalStateException: disk full");
        registry.start("a").get(10, TimeUnit.SECONDS);
        browser.await(d -> browser.shows(Map.of("a", GREEN, "b", GREEN, "c", GREEN, "d", GREEN)));
    }

    @Test
    void legendAndServicesStayReadableInAWindow800PixelsWide() {
        Dimension before = browser.driver().manage().window().getSize();
        try {
            browser.driver().manage().window().setSize(new Dimension(800, 900));
            open();

            long width = (Long) browser.script("return document.documentElement.clientWidth");
            List<WebElement> legend = browser.driver().findElements(By.cssSelector(".toolbar .legend li"));
            assertThat(legend).hasSize(6).allSatisfy(item -> {
                assertThat(item.isDisplayed()).isTrue();
                assertThat(item.getRect().getX() + item.getRect().getWidth()).isLessThanOrEqualTo((int) width);
            });
            browser.await(d -> browser.node("a").findElement(By.tagName("rect")).getRect().getHeight() >= 40);
        }
        finally {
            browser.driver().manage().window().setSize(before);
        }
    }

    @Test
    void aRefusedActionShowsTheServersMessage() {
        open();
        browser.node("d").click();

        action("stop").click();
        confirm("stop");

        WebElement message = browser.driver().findElement(By.id("message"));
        browser.await(d -> message.getText().contains("refused"));
        assertThat(message.getText()).isEqualTo("stop d refused: HTTP 403: Only the on-call operator may change d");
        assertThat(message.getAttribute("class")).contains("error");
        assertThat(browser.state("d")).isEqualTo("RUNNING");
    }

    @Test
    void changesMadeElsewhereAppearWithoutReloading() throws Exception {
        open();
        browser.script("document.body.dataset.loadedOnce = 'yes'");

        registry.stop("d").get();

        browser.await(d -> GREY.equals(browser.colour("d")));
        assertThat(browser.state("d")).isEqualTo("STOPPED");

        registry.start("d").get();

        browser.await(d -> GREEN.equals(browser.colour("d")));
        assertThat(browser.script("return document.body.dataset.loadedOnce")).isEqualTo("yes");
    }

    @Test
    void timelineHasARowPerServiceAndMarksTheStartUpsStartsOfTheCriticalPath() {
        open();
        StartupReport report = registry.startupReport();
        List<String> criticalPath = report.criticalPath().stream().map(StartupReport.Entry::id).toList();

        // Each row's id and the classes of its bars, read at once (the timeline is drawn again as answers arrive).
        @SuppressWarnings("unchecked")
        Map<String, List<String>> rows = browser.await(d -> {
            Map<String, List<String>> found = (Map<String, List<String>>) browser.script("""
                    return Object.fromEntries([...document.querySelectorAll('#timeline g.row')].map((r) => [r.dataset.id,
                        [...r.querySelectorAll('rect.bar')].map((b) => b.getAttribute('class'))]));""");
            return found.size() == 4 && found.values().stream().flatMap(List::stream)
                    .anyMatch(c -> c.contains("critical")) ? found : null;
        });

        assertThat(rows).containsOnlyKeys("a", "b", "c", "d");
        assertThat(criticalPath).isNotEmpty();
        rows.forEach((id, bars) -> {
            if (criticalPath.contains(id)) {
                assertThat(bars.get(0)).as("the first start of %s", id).contains("critical");
                assertThat(bars.subList(1, bars.size())).noneMatch(c -> c.contains("critical"));
            }
            else {
                assertThat(bars).as("the starts of %s", id).noneMatch(c -> c.contains("critical"));
            }
        });
        assertThat(browser.driver().findElement(By.id("critical-path")).getText())
                .startsWith("Critical path of the start-up: " + criticalPath.get(0) + " (");
        assertThat(browser.driver().findElement(By.id("critical-path")).getText().split(" \u2192 "))
                .hasSize(criticalPath.size());
        assertThat(browser.driver().findElement(By.id("timeline-note")).isDisplayed()).isFalse();
    }

    @Test
    void timelineKeepsStoppedAndFailedServicesWithHowTheirRunsEndedInColoursOfTheirOwn() throws Exception {
        open();
        try {
            registry.stop("d").get(10, TimeUnit.SECONDS);
            registry.fail("a", new IllegalStateException("disk full")).get(10, TimeUnit.SECONDS);

            // b and c were stopped because a, which they require, left RUNNING.
            browser.await(d -> "failed".equals(lastEnd("a")) && "stopped".equals(lastEnd("d"))
                    && "dependency".equals(lastEnd("b")) && "dependency".equals(lastEnd("c")));

            assertThat(timelineRow("a").findElements(By.cssSelector("rect.bar"))).isNotEmpty();
            assertThat(timelineRow("d").findElements(By.cssSelector("rect.bar"))).isNotEmpty();
            WebElement stopped = timelineRow("d").findElement(By.cssSelector("path.ended.stopped"));
            assertThat(stopped.getCssValue("fill")).isEqualTo(GREY);
            assertThat(stopped.findElement(By.tagName("title")).getAttribute("textContent"))
                    .matches("d ran for .+, then stopped");
            assertThat(timelineRow("a").findElement(By.cssSelector("path.ended.failed")).getCssValue("stroke"))
                    .isEqualTo(RED);
            assertThat(browser.driver().findElements(By.cssSelector("#timeline rect.bar:not(.critical)")))
                    .isNotEmpty().allSatisfy(bar -> assertThat(bar.getCssValue("fill")).isNotEqualTo(GREY));
            assertThat(browser.driver().findElements(By.cssSelector(".timeline-legend li")))
                    .extracting(WebElement::getText).containsExactly("start", "start on the critical path",
                            "start that failed", "running", "stopped", "stopped with a requirement", "failed");
        }
        finally {
            registry.start("a").get(10, TimeUnit.SECONDS);
            registry.start("d").get(10, TimeUnit.SECONDS);
            browser.await(d -> browser.shows(Map.of("a", GREEN, "b", GREEN, "c", GREEN, "d", GREEN)));
        }
    }

    @Test
    void tooltipSaysIdStateAndOneLineBesideTheServiceCoveringNoOther() throws Exception {
        open();
        try {
            registry.fail("a", new IllegalStateException("disk full")).get(10, TimeUnit.SECONDS);
            browser.await(d -> browser.state("b").equals("WAITING"));

            browser.hover(browser.node("b"));

            WebElement tooltip = browser.driver().findElement(By.id("tooltip"));
            browser.await(d -> tooltip.isDisplayed());
            assertThat(tooltip.findElement(By.tagName("strong")).getText()).isEqualTo("b");
            assertThat(tooltip.findElement(By.className("badge")).getText()).isEqualTo("WAITING");
            assertThat(tooltip.findElement(By.className("line")).getText())
                    .isEqualTo("blocked by a, which failed with java.lang.IllegalStateException: disk full");
            assertThat(tooltip.findElements(By.xpath("./*"))).hasSize(3);
            assertThat(tooltip.getText()).doesNotContain("Waiting on", "Root cause", "Since", "Restarts");
            org.openqa.selenium.Rectangle box = tooltip.getRect();
            for (String id : List.of("a", "b", "c", "d")) {
                org.openqa.selenium.Rectangle node = browser.node(id).getRect();
                boolean overlaps = box.getX() < node.getX() + node.getWidth() && node.getX() < box.getX()
                        + box.getWidth() && box.getY() < node.getY() + node.getHeight()
                        && node.getY() < box.getY() + box.getHeight();
                assertThat(overlaps).as("the tooltip covers %s", id).isFalse();
            }
        }
        finally {
            browser.hover(browser.driver().findElement(By.tagName("h1")));
            registry.start("a").get(10, TimeUnit.SECONDS);
            browser.await(d -> browser.shows(Map.of("a", GREEN, "b", GREEN, "c", GREEN, "d", GREEN)));
        }
    }

    /** The timeline's row of a service. */
    private static WebElement timelineRow(String id) {
        return browser.driver().findElement(By.cssSelector("#timeline g.row[data-id='" + id + "']"));
    }

    /** How the latest run of a service on the timeline ended, or null while it runs. */
    private static @Nullable String lastEnd(String id) {
        List<WebElement> ends = timelineRow(id).findElements(By.cssSelector("path.ended"));
        return ends.isEmpty() ? null : ends.get(ends.size() - 1).getAttribute("data-ended");
    }

    private void open() {
        browser.open("/lifecycle");
        browser.await(d -> browser.nodes().size() == 4 && browser.node("a").getAttribute("data-state") != null);
    }

    /** The facts the details panel lists, by label. */
    private static Map<String, String> facts() {
        List<WebElement> labels = browser.driver().findElements(By.cssSelector("#details-facts dt"));
        List<WebElement> values = browser.driver().findElements(By.cssSelector("#details-facts dd"));
        Map<String, String> facts = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(labels.size(), values.size()); i++) {
            facts.put(labels.get(i).getText(), values.get(i).getText());
        }
        return facts;
    }

    /** The actions the details panel offers now, in order. */
    private static List<String> shownActions() {
        return browser.driver().findElements(By.cssSelector("#details button[data-action]")).stream()
                .filter(WebElement::isDisplayed).map(WebElement::getText).toList();
    }

    /** Confirms the action the details panel asks about. */
    private static void confirm(String action) {
        browser.await(d -> d.findElement(By.cssSelector("#details button[data-confirm='" + action + "']"))
                .isDisplayed());
        browser.driver().findElement(By.cssSelector("#details button[data-confirm='" + action + "']")).click();
    }

    private WebElement action(String action) {
        return browser.driver().findElement(By.cssSelector("#details button[data-action='" + action + "']"));
    }

    /** The application; the starter's tests have Spring Security on the class path, this one runs without it. */
    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationWithoutSecurity
    static class Application {

        @Bean
        Service<Void> a() {
            return ctx -> null;
        }

        @Bean
        @RequiresService("a")
        Service<Void> b() {
            return ctx -> null;
        }

        @Bean
        @RequiresService("b")
        Service<Void> c() {
            return ctx -> null;
        }

        @Bean
        Service<Void> d() {
            return new CheckedService();
        }

        /** Refuses to stop d, as an application's security rules might. */
        @Bean
        FilterRegistrationBean<Filter> onCallOperatorsOnly() {
            Filter filter = (request, response, chain) -> {
                HttpServletRequest http = (HttpServletRequest) request;
                if ("POST".equals(http.getMethod()) && http.getRequestURI().endsWith("/manage/services/d")) {
                    HttpServletResponse refused = (HttpServletResponse) response;
                    refused.setStatus(403);
                    refused.setContentType("application/json");
                    String body = "{\"status\":403,\"error\":\"Forbidden\","
                            + "\"message\":\"Only the on-call operator may change d\"}";
                    refused.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
                    return;
                }
                chain.doFilter(request, response);
            };
            return new FilterRegistrationBean<>(filter);
        }
    }

    /** A service with a health check that passes. */
    static final class CheckedService implements Service<Void>, HealthCheck {

        @Override
        public @Nullable Void start(ServiceContext context) {
            return null;
        }

        @Override
        public boolean isHealthy() {
            return true;
        }
    }
}
