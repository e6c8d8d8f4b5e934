package dev.lifecycle.spring.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the browser tests find Chromium and its driver, and what they say when they cannot: on a machine with only a
 * JDK they are skipped with the install command, on a CI server they fail with it.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the executables are made with POSIX names and permissions")
class ChromiumInstallationTests {

    @TempDir
    Path directory;

    @Test
    void findsChromiumAndItsDriverByTheirNamesOnThePath() throws IOException {
        Path empty = Files.createDirectory(directory.resolve("empty"));
        Path bin = Files.createDirectory(directory.resolve("bin"));
        Path chromium = executable(bin, "chromium");
        Path chromedriver = executable(bin, "chromedriver");

        ChromiumInstallation found = ChromiumInstallation.locate(
                Map.of("PATH", empty + File.pathSeparator + bin), List.of());

        assertThat(found.found()).isTrue();
        assertThat(found.browser()).isEqualTo(chromium);
        assertThat(found.driver()).isEqualTo(chromedriver);
        assertThat(found.problem()).isEmpty();
    }

    @Test
    void findsGoogleChromeWhenThereIsNoChromium() throws IOException {
        Path chrome = executable(directory, "google-chrome");
        executable(directory, "chromedriver");

        ChromiumInstallation found = ChromiumInstallation.locate(Map.of("PATH", directory.toString()), List.of());

        assertThat(found.browser()).isEqualTo(chrome);
    }

    @Test
    void theVariablesNameTheExecutablesWhateverIsOnThePath() throws IOException {
        Path bin = Files.createDirectory(directory.resolve("bin"));
        executable(bin, "chromium");
        executable(bin, "chromedriver");
        Path elsewhere = Files.createDirectory(directory.resolve("elsewhere"));
        Path browser = executable(elsewhere, "my-chrome");
        Path driver = executable(elsewhere, "my-chromedriver");

        ChromiumInstallation found = ChromiumInstallation.locate(Map.of("PATH", bin.toString(),
                "CHROME_BIN", browser.toString(), "CHROMEDRIVER", driver.toString()), List.of());

        assertThat(found.browser()).isEqualTo(browser);
        assertThat(found.driver()).isEqualTo(driver);
    }

    @Test
    void aVariablePointingNowhereIsNotFoundEvenWithTheBrowserOnThePath() throws IOException {
        executable(directory, "chromium");
        executable(directory, "chromedriver");

        ChromiumInstallation found = ChromiumInstallation.locate(Map.of("PATH", directory.toString(),
                "CHROME_BIN", "/nowhere/chromium", "CHROMEDRIVER", "/nowhere/chromedriver"), List.of());

        assertThat(found.found()).isFalse();
        assertThat(found.problem()).isEqualTo("The console's browser tests drive Chromium through its ChromeDriver; "
                + "CHROME_BIN is set to /nowhere/chromium, which is not an executable file; CHROMEDRIVER is set to "
                + "/nowhere/chromedriver, which is not an executable file. " + ChromiumInstallation.INSTALL);
    }

    @Test
    void aFileThatIsNotExecutableIsNotABrowser() throws IOException {
        Files.createFile(directory.resolve("chromium"));
        executable(directory, "chromedriver");

        ChromiumInstallation found = ChromiumInstallation.locate(Map.of("PATH", directory.toString()), List.of());

        assertThat(found.browser()).isNull();
        assertThat(found.driver()).isNotNull();
        assertThat(found.problem()).contains("no Chromium found: CHROME_BIN is not set, and none of [chromium, "
                + "chromium-browser, google-chrome, google-chrome-stable, chrome] is on the PATH");
    }

    @Test
    void withNothingInstalledTheProblemNamesBothAndHowToInstallThem() {
        Path usual = directory.resolve("Applications/Chromium.app/Contents/MacOS/Chromium");

        ChromiumInstallation found = ChromiumInstallation.locate(Map.of("PATH", directory.toString()), List.of(usual));

        assertThat(found.found()).isFalse();
        assertThat(found.problem()).isEqualTo("The console's browser tests drive Chromium through its ChromeDriver; "
                + "no Chromium found: CHROME_BIN is not set, and none of [chromium, chromium-browser, google-chrome, "
                + "google-chrome-stable, chrome] is on the PATH or in [" + usual + "]; no ChromeDriver found: "
                + "CHROMEDRIVER is not set, and none of [chromedriver] is on the PATH. Install both with "
                + "'sudo apt-get install chromium chromium-driver' (Debian, Ubuntu; on macOS 'brew install --cask "
                + "google-chrome chromedriver'), or set CHROME_BIN and CHROMEDRIVER to the paths of a Chrome or "
                + "Chromium and of the ChromeDriver of its version.");
    }

    @Test
    void aBrowserInItsUsualInstallLocationIsFoundOffThePath() throws IOException {
        Path app = Files.createDirectories(directory.resolve("Applications/Google Chrome.app/Contents/MacOS"));
        Path chrome = executable(app, "Google Chrome");

        ChromiumInstallation found = ChromiumInstallation.locate(Map.of(), List.of(app.resolve("missing"), chrome));

        assertThat(found.browser()).isEqualTo(chrome);
    }

    @Test
    void theBrowserTestsAreRequiredOnlyOnACiServer() {
        assertThat(ChromiumInstallation.requiredBy(Map.of("CI", "true"))).isTrue();
        assertThat(ChromiumInstallation.requiredBy(Map.of("CI", "TRUE"))).isTrue();
        assertThat(ChromiumInstallation.requiredBy(Map.of("CI", "false"))).isFalse();
        assertThat(ChromiumInstallation.requiredBy(Map.of())).isFalse();
    }

    private static Path executable(Path directory, String name) throws IOException {
        Path file = Files.writeString(directory.resolve(name), "#!/bin/sh\n");
        assertThat(file.toFile().setExecutable(true)).isTrue();
        return file;
    }
}
