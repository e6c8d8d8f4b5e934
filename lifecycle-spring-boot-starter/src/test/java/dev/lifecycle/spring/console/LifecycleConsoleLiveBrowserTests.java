package dev.lifecycle.spring.console;

import static dev.lifecycle.spring.console.ConsoleBrowser.GREEN;
import static dev.lifecycle.spring.console.ConsoleBrowser.GREY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.ServiceRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The console in a real browser, learning of changes only from its change stream: the page would poll only every ten
 * minutes, so whatever it shows within the test's waits came through the stream.
 */
@SpringBootTest(classes = LifecycleConsoleBrowserTests.Application.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "lifecycle.console.enabled=true", "lifecycle.console.refresh-interval=10m",
                "management.endpoints.web.exposure.include=services" })
class LifecycleConsoleLiveBrowserTests {

    @RegisterExtension
    static final ConsoleBrowser browser = new ConsoleBrowser();

    @Autowired
    ServiceRegistry registry;

    @Autowired
    ConsoleChangeStream stream;

    @Test
    void aChangeReachesThePageThroughTheStreamWithoutWaitingForAPoll() throws Exception {
        browser.open("/lifecycle");
        WebElement mode = browser.driver().findElement(By.id("mode"));
        browser.await(d -> "live".equals(mode.getText()) && browser.nodes().size() == 4);
        assertThat(mode.getAttribute("title")).isEqualTo("Live: the server tells the page when services change.");
        assertThat(stream.clients()).isEqualTo(1);
        long readsBefore = reads();

        registry.stop("d").get(10, TimeUnit.SECONDS);

        browser.await(d -> GREY.equals(browser.colour("d")));
        assertThat(browser.state("d")).isEqualTo("STOPPED");
        registry.start("d").get(10, TimeUnit.SECONDS);
        browser.await(d -> GREEN.equals(browser.colour("d")));
        assertThat(reads() - readsBefore).as("reads of the services endpoint, one or two per notice")
                .isBetween(2L, 4L);
        assertThat(mode.getText()).isEqualTo("live");
    }

    /** How many times the page has read the services endpoint. */
    private long reads() {
        return (Long) browser.script("return performance.getEntriesByType('resource')"
                + ".filter(e => new URL(e.name).pathname === '/actuator/services').length");
    }
}
