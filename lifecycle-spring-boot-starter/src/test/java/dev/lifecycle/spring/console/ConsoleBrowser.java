package dev.lifecycle.spring.console;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.springframework.util.FileSystemUtils;

/**
 * Headless Chromium driven through its ChromeDriver, with what the console's tests read from the page: the fixture of
 * the console's browser tests. A {@code @SpringBootTest} on a random port registers it with
 * {@code @RegisterExtension static final ConsoleBrowser browser = new ConsoleBrowser();}: it starts the browser
 * before the class's tests, quits it after them, and opens paths of the test's server. Nothing is downloaded: the
 * browser and the driver must be installed, where {@link ChromiumInstallation} finds them. Where they are not, each
 * of the class's tests is skipped before its application starts (a JUnit assumption, whose message names the install
 * command), except on a CI server ({@code CI=true}), where the class fails with that message.
 */
final class ConsoleBrowser implements BeforeAllCallback, TestInstancePreConstructCallback, BeforeEachCallback,
        AfterAllCallback {

    /** Colours of the states, as the page's style sheet paints them. */
    static final String GREEN = "rgb(45, 164, 78)";
    static final String AMBER = "rgb(212, 167, 44)";
    static final String GREY = "rgb(140, 149, 159)";
    static final String RED = "rgb(207, 34, 46)";

    private @Nullable ChromeDriver driver;
    private @Nullable Path profile;
    /** Why the browser cannot run here, or {@code null} when it runs. */
    private @Nullable String missing;
    /** The port of the test's server. */
    private int port;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        ChromiumInstallation chromium = ChromiumInstallation.locate();
        if (!chromium.found()) {
            if (ChromiumInstallation.requiredBy(System.getenv())) {
                fail("CI=true, so the browser tests must run. " + chromium.problem());
            }
            missing = chromium.problem();
            return;
        }
        Path chromiumBinary = Objects.requireNonNull(chromium.browser());
        Path chromedriver = Objects.requireNonNull(chromium.driver());
        System.setProperty("webdriver.chrome.driver", chromedriver.toString());
        profile = Files.createTempDirectory("console-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromiumBinary.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    /** Skips each test, before its application starts, when the browser cannot run here. */
    @Override
    public void preConstructTestInstance(TestInstanceFactoryContext factoryContext, ExtensionContext context) {
        if (missing != null) {
            Assumptions.abort("Skipped: " + missing);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        port = SpringExtension.getApplicationContext(context).getEnvironment()
                .getRequiredProperty("local.server.port", Integer.class);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (driver != null) {
                driver.quit();
            }
        }
        finally {
            if (profile != null) {
                FileSystemUtils.deleteRecursively(profile.toFile());
            }
            driver = null;
            profile = null;
            missing = null;
        }
    }

    /** The address of {@code path} on the test's server. */
    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** Opens {@code path} of the test's server. */
    void open(String path) {
        chrome().get(uri(path).toString());
    }

    WebDriver driver() {
        return chrome();
    }

    private ChromeDriver chrome() {
        if (driver == null) {
            throw new IllegalStateException("The browser runs only during the tests of a class that registers it");
        }
        return driver;
    }

    /** Waits (bounded) until {@code condition} gives something other than {@code null} or {@code false}. */
    <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver(), Duration.ofSeconds(15), Duration.ofMillis(50))
                .ignoring(StaleElementReferenceException.class).withMessage(this::describePage).until(condition);
    }

    /** What the page says about itself, for the message of a failed wait. */
    private String describePage() {
        Object said = chrome().executeScript("const t = (id) => document.getElementById(id)?.textContent.trim();"
                + "return JSON.stringify({page: location.href, title: document.title, status: t('status'),"
                + " problem: t('problem'), message: t('message'), nodes: document.querySelectorAll('g.node').length})");
        return String.valueOf(said);
    }

    WebElement node(String id) {
        return driver().findElement(By.cssSelector("g.node[data-id='" + id + "']"));
    }

    List<WebElement> nodes() {
        return driver().findElements(By.cssSelector("g.node"));
    }

    /** The state the page shows for a service, whether or not the service is in the view now. */
    String state(String id) {
        return node(id).findElement(By.cssSelector("text.state")).getAttribute("textContent");
    }

    /** The colour the page paints a service in. */
    String colour(String id) {
        return node(id).findElement(By.tagName("rect")).getCssValue("fill");
    }

    /** The restart count the page shows for a service, whether or not the service is in the view now. */
    String restarts(String id) {
        return node(id).findElement(By.cssSelector("text.restarts")).getAttribute("textContent");
    }

    /** Where the page drew a service: the translation of its node. */
    double[] position(String id) {
        String transform = node(id).getAttribute("transform");
        String[] parts = transform.replace("translate(", "").replace(")", "").split(" ");
        return new double[] { Double.parseDouble(parts[0]), Double.parseDouble(parts[1]) };
    }

    /** Whether every service in {@code colours} is shown in its colour. */
    boolean shows(Map<String, String> colours) {
        return colours.entrySet().stream().allMatch(e -> e.getValue().equals(colour(e.getKey())));
    }

    void hover(WebElement element) {
        new Actions(driver()).moveToElement(element).perform();
    }

    /** Whether the whole graph is within the view: the nodes' bounding box inside the view box. */
    boolean allNodesInView() {
        return (Boolean) script("""
                const box = document.getElementById('nodes').getBBox();
                const view = document.getElementById('graph').viewBox.baseVal;
                return box.x >= view.x && box.y >= view.y
                    && box.x + box.width <= view.x + view.width && box.y + box.height <= view.y + view.height;""");
    }

    Object script(String script, Object... arguments) {
        return chrome().executeScript(script, arguments);
    }

    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, chrome().getScreenshotAs(OutputType.BYTES));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
