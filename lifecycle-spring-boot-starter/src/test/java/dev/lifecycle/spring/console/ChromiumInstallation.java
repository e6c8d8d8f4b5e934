package dev.lifecycle.spring.console;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where Chromium (or Chrome) and its ChromeDriver are on this machine, for the console's browser tests, or why they
 * cannot be found. Each is looked up in its environment variable when that is set ({@value #BROWSER_VARIABLE},
 * {@value #DRIVER_VARIABLE}), and only there; otherwise by its usual names on the {@code PATH}, and for the browser
 * then in the usual install locations of macOS and Windows. Nothing is downloaded.
 *
 * @param browser the browser's executable, if found
 * @param driver the driver's executable, if found
 * @param problems what could not be found, and where it was looked for; empty when both were found
 */
record ChromiumInstallation(@Nullable Path browser, @Nullable Path driver, List<String> problems) {

    /** The environment variable naming the browser's executable. */
    static final String BROWSER_VARIABLE = "CHROME_BIN";

    /** The environment variable naming the driver's executable. */
    static final String DRIVER_VARIABLE = "CHROMEDRIVER";

    /** How to install both, named in every problem. */
    static final String INSTALL = "Install both with 'sudo apt-get install chromium chromium-driver' (Debian, Ubuntu; "
            + "on macOS 'brew install --cask google-chrome chromedriver'), or set " + BROWSER_VARIABLE + " and "
            + DRIVER_VARIABLE + " to the paths of a Chrome or Chromium and of the ChromeDriver of its version.";

    private static final List<String> BROWSER_NAMES = List.of("chromium", "chromium-browser", "google-chrome",
            "google-chrome-stable", "chrome");

    private static final List<String> DRIVER_NAMES = List.of("chromedriver");

    ChromiumInstallation {
        problems = List.copyOf(problems);
    }

    /**
     * Looks both up in this process's environment, and the browser in the usual install locations of this system.
     *
     * @return what was found
     */
    static ChromiumInstallation locate() {
        Map<String, String> environment = System.getenv();
        return locate(environment, usualBrowserLocations(environment));
    }

    /**
     * Looks both up in {@code environment}, and the browser in {@code usualBrowserLocations} too.
     *
     * @param environment the variables to read: the two of this class, and {@code PATH}
     * @param usualBrowserLocations where a browser is installed when it is not on the {@code PATH}
     * @return what was found
     */
    static ChromiumInstallation locate(Map<String, String> environment, List<Path> usualBrowserLocations) {
        List<String> problems = new ArrayList<>();
        Path browser = find("Chromium", BROWSER_VARIABLE, BROWSER_NAMES, usualBrowserLocations, environment, problems);
        Path driver = find("ChromeDriver", DRIVER_VARIABLE, DRIVER_NAMES, List.of(), environment, problems);
        return new ChromiumInstallation(browser, driver, problems);
    }

    /**
     * Whether the browser tests must run here rather than be skipped: on a CI server ({@code CI=true}).
     *
     * @param environment the variables to read
     * @return whether {@code CI} is {@code true}
     */
    static boolean requiredBy(Map<String, String> environment) {
        return "true".equalsIgnoreCase(environment.getOrDefault("CI", ""));
    }

    /**
     * Whether both were found.
     *
     * @return {@code true} when the browser tests can run
     */
    boolean found() {
        return browser != null && driver != null;
    }

    /**
     * Why the browser tests cannot run here, and how to make them run.
     *
     * @return the problems and the install command; empty when both were found
     */
    String problem() {
        if (found()) {
            return "";
        }
        return "The console's browser tests drive Chromium through its ChromeDriver; " + String.join("; ", problems)
                + ". " + INSTALL;
    }

    private static @Nullable Path find(String what, String variable, List<String> names, List<Path> usualLocations,
            Map<String, String> environment, List<String> problems) {
        String set = environment.get(variable);
        if (set != null && !set.isBlank()) {
            Optional<Path> path = executable(set);
            if (path.isEmpty()) {
                problems.add(variable + " is set to " + set + ", which is not an executable file");
                return null;
            }
            return path.get();
        }
        String pathVariable = environment.getOrDefault("PATH", "");
        for (String directory : pathVariable.split(File.pathSeparator)) {
            for (String name : names) {
                if (!directory.isBlank()) {
                    Optional<Path> found = executable(directory, name + executableSuffix());
                    if (found.isPresent()) {
                        return found.get();
                    }
                }
            }
        }
        for (Path location : usualLocations) {
            if (isExecutable(location)) {
                return location;
            }
        }
        problems.add("no " + what + " found: " + variable + " is not set, and none of " + names
                + " is on the PATH" + (usualLocations.isEmpty() ? "" : " or in " + usualLocations));
        return null;
    }

    private static Optional<Path> executable(String first, String... more) {
        try {
            Path path = Path.of(first, more);
            return isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        catch (InvalidPathException ex) {
            return Optional.empty();
        }
    }

    private static boolean isExecutable(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }

    private static String executableSuffix() {
        return isWindows() ? ".exe" : "";
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /** Where Chrome and Chromium install themselves outside the {@code PATH}: macOS's applications, Windows' programs. */
    private static List<Path> usualBrowserLocations(Map<String, String> environment) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<Path> locations = new ArrayList<>();
        if (os.startsWith("mac")) {
            locations.add(Path.of("/Applications/Chromium.app/Contents/MacOS/Chromium"));
            locations.add(Path.of("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"));
        } else if (isWindows()) {
            for (String root : List.of("ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA")) {
                String directory = environment.get(root);
                if (directory != null) {
                    locations.add(Path.of(directory, "Google", "Chrome", "Application", "chrome.exe"));
                    locations.add(Path.of(directory, "Chromium", "Application", "chrome.exe"));
                }
            }
        }
        return locations;
    }
}
