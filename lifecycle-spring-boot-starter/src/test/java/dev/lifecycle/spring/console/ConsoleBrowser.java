package dev.lifecycle.spring.console;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
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
import org.springframework.util.FileSystemUtils;

/**
 * Debian's headless Chromium driven through its ChromeDriver, with what the console's tests read from the page.
 * Nothing is downloaded: the browser and the driver must be installed, and the tests fail, saying how to install
 * them, when they are not.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** Colours of the states, as the page's style sheet paints them. */
    static final String GREEN = "rgb(45, 164, 78)";
    static final String AMBER = "rgb(212, 167, 44)";
    static final String GREY = "rgb(140, 149, 159)";
    static final String RED = "rgb(207, 34, 46)";

    private final ChromeDriver driver;
    private final Path profile;

    private ConsoleBrowser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static ConsoleBrowser start() {
        List<Path> missing = Stream.of(CHROMIUM, CHROMEDRIVER).filter(p -> !Files.isExecutable(p)).toList();
        if (!missing.isEmpty()) {
            fail("The console's browser tests drive Chromium (" + CHROMIUM + ") through its driver (" + CHROMEDRIVER
                    + "); missing: " + missing + ". Install both with 'apt-get install chromium chromium-driver' "
                    + "(the CI script .ci/run does).");
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profile;
        try {
            profile = Files.createTempDirectory("console-chromium-");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ConsoleBrowser(new ChromeDriver(service, options), profile);
    }

    void open(String url) {
        driver.get(url);
    }

    WebDriver driver() {
        return driver;
    }

    /** Waits (bounded) until {@code condition} gives something other than {@code null} or {@code false}. */
    <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(15), Duration.ofMillis(50))
                .ignoring(StaleElementReferenceException.class).withMessage(this::describePage).until(condition);
    }

    /** What the page says about itself, for the message of a failed wait. */
    private String describePage() {
        Object said = driver.executeScript("const t = (id) => document.getElementById(id)?.textContent.trim();"
                + "return JSON.stringify({page: location.href, title: document.title, status: t('status'),"
                + " problem: t('problem'), message: t('message'), nodes: document.querySelectorAll('g.node').length})");
        return String.valueOf(said);
    }

    WebElement node(String id) {
        return driver.findElement(By.cssSelector("g.node[data-id='" + id + "']"));
    }

    List<WebElement> nodes() {
        return driver.findElements(By.cssSelector("g.node"));
    }

    /** The state the page shows for a service. */
    String state(String id) {
        return node(id).findElement(By.cssSelector("text.state")).getText();
    }

    /** The colour the page paints a service in. */
    String colour(String id) {
        return node(id).findElement(By.tagName("rect")).getCssValue("fill");
    }

    /** The restart count the page shows for a service. */
    String restarts(String id) {
        return node(id).findElement(By.cssSelector("text.restarts")).getText();
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
        new Actions(driver).moveToElement(element).perform();
    }

    Object script(String script, Object... arguments) {
        return driver.executeScript(script, arguments);
    }

    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        }
        finally {
            FileSystemUtils.deleteRecursively(profile.toFile());
        }
    }
}
