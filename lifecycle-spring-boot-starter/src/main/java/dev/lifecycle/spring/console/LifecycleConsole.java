package dev.lifecycle.spring.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.HtmlUtils;

/**
 * The web console: one page, its script and its style sheet, served below a path of the application.
 *
 * <p>The page reads the actuator's {@code services} endpoint and draws the dependency graph, each service's state and
 * the timeline of its starts (from the {@code serviceevents} endpoint's transitions when it is exposed); it offers the
 * endpoint's write operations when the {@link ServicesEndpointLocator} says they are mapped. It reads the endpoint
 * again whenever the {@link ConsoleChangeStream} says that services changed ("live"), and every refresh interval
 * when there is no stream or it fails ("polling"). Everything it needs is served from here: it loads nothing from
 * another origin (its Content-Security-Policy forbids it).
 *
 * <p>Routes, for a path {@code /lifecycle}: {@code GET /lifecycle} and {@code /lifecycle/} (the page),
 * {@code /lifecycle/console.css} and the script's modules: {@code /lifecycle/console.js} (the entry point) and the
 * modules it imports, such as {@code /lifecycle/graph.js}, all as {@code text/javascript}; with a change stream,
 * {@code /lifecycle/changes} ({@code text/event-stream}; {@code 404} while the {@code services} endpoint is not
 * available, as the page could not read it either). The page, its modules and its style sheet are read from the class
 * path at the first request for any of them, not when the console is made: an application whose console nobody opens
 * does not read them.
 *
 * @since 0.1
 */
public final class LifecycleConsole {

    static final String SCRIPT = "console.js";
    /**
     * The page's script: plain ES modules, the entry point {@link #SCRIPT} first, each importing the others by a path
     * relative to its own, so that they resolve below whatever path the console is served at.
     */
    static final List<String> MODULES = List.of(SCRIPT, "transport.js", "layout.js", "graph.js", "details.js",
            "actions.js", "timeline.js", "format.js", "dom.js");
    static final String STYLE = "console.css";
    /** The change stream's path below the console's. */
    static final String CHANGES = "changes";

    private static final String RESOURCES = "dev/lifecycle/spring/console/";
    private static final MediaType JAVASCRIPT = new MediaType("text", "javascript", StandardCharsets.UTF_8);
    private static final MediaType CSS = new MediaType("text", "css", StandardCharsets.UTF_8);
    private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; "
            + "style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'self'";

    private final String path;
    private final Duration refreshInterval;
    private final ServicesEndpointLocator locator;
    private final @Nullable String applicationName;
    private final @Nullable ConsoleChangeStream changes;
    /** The page, its modules and its style sheet, read at the first request for any of them. */
    private final SingletonSupplier<Assets> assets = SingletonSupplier.of(Assets::read);

    /**
     * A console served at {@code path}.
     *
     * @param path where the console is served, such as {@code /lifecycle}: starts with {@code /}, no trailing
     *        {@code /}
     * @param refreshInterval how often the page reads the endpoint
     * @param locator finds the endpoint for each page served
     * @throws IllegalArgumentException if the path or the interval is not valid
     */
    public LifecycleConsole(String path, Duration refreshInterval, ServicesEndpointLocator locator) {
        this(path, refreshInterval, locator, null);
    }

    /**
     * A console served at {@code path} whose page names the application in its title and header.
     *
     * @param path where the console is served, such as {@code /lifecycle}: starts with {@code /}, no trailing
     *        {@code /}
     * @param refreshInterval how often the page reads the endpoint
     * @param locator finds the endpoint for each page served
     * @param applicationName the application's name ({@code spring.application.name}); {@code null} or blank for a
     *        page that names none
     * @throws IllegalArgumentException if the path or the interval is not valid
     */
    public LifecycleConsole(String path, Duration refreshInterval, ServicesEndpointLocator locator,
            @Nullable String applicationName) {
        this(path, refreshInterval, locator, applicationName, null);
    }

    /**
     * A console served at {@code path} whose page names the application and learns of changes from {@code changes}.
     *
     * @param path where the console is served, such as {@code /lifecycle}: starts with {@code /}, no trailing
     *        {@code /}
     * @param refreshInterval how often the page reads the endpoint when it cannot use the change stream
     * @param locator finds the endpoint for each page served
     * @param applicationName the application's name ({@code spring.application.name}); {@code null} or blank for a
     *        page that names none
     * @param changes the change stream served at {@code path + "/changes"}; {@code null} for none, and the page polls
     * @throws IllegalArgumentException if the path or the interval is not valid
     */
    public LifecycleConsole(String path, Duration refreshInterval, ServicesEndpointLocator locator,
            @Nullable String applicationName, @Nullable ConsoleChangeStream changes) {
        this.changes = changes;
        this.applicationName = applicationName == null || applicationName.isBlank() ? null : applicationName.strip();
        this.path = ConsolePaths.check(path);
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("The refresh interval of the console must be positive, not "
                    + refreshInterval);
        }
        this.refreshInterval = refreshInterval;
        this.locator = Objects.requireNonNull(locator, "locator");
    }

    /**
     * Checks a path to serve the console at: one or more segments of letters, digits and {@code . _ ~ -}, each
     * after a {@code /}, with no trailing {@code /}.
     *
     * @param path the path, such as {@code /lifecycle}
     * @return {@code path}
     * @throws IllegalArgumentException naming the problem and giving an example
     */
    public static String checkPath(String path) {
        return ConsolePaths.check(path);
    }

    /**
     * Where the console is served.
     *
     * @return the path, such as {@code /lifecycle}
     */
    public String path() {
        return path;
    }

    /**
     * The console's routes, for Spring MVC's functional endpoints.
     *
     * @return the routes
     */
    public RouterFunction<ServerResponse> routes() {
        RouterFunctions.Builder routes = RouterFunctions.route()
                .GET(path, this::page)
                .GET(path + "/", this::page)
                .GET(path + "/" + STYLE, request -> asset(assets().style(), CSS));
        for (String name : MODULES) {
            routes.GET(path + "/" + name, request -> asset(assets().module(name), JAVASCRIPT));
        }
        ConsoleChangeStream stream = changes;
        if (stream != null) {
            routes.GET(path + "/" + CHANGES, request -> changes(stream));
        }
        return routes.build();
    }

    private ServerResponse page(ServerRequest request) {
        String prefix = request.requestPath().contextPath().value();
        ServicesEndpointLink link = locator.locate();
        String html = assets().page().replace("@base@", escape(prefix + path))
                .replace("@services@", escape(link.path() != null ? prefix + link.path() : ""))
                .replace("@history@", escape(link.historyPath() != null ? prefix + link.historyPath() : ""))
                .replace("@changes@", escape(prefix + path + "/" + CHANGES))
                .replace("@writable@", Boolean.toString(link.writable()))
                .replace("@refresh@", Long.toString(refreshInterval.toMillis()))
                .replace("@problem@", escape(link.problem() != null ? link.problem() : ""))
                .replace("@title@", escape(applicationName != null ? "Services of " + applicationName : "Services"));
        return ServerResponse.ok().contentType(HTML).cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .body(html);
    }

    private ServerResponse changes(ConsoleChangeStream stream) {
        String problem = locator.locate().problem();
        if (problem != null) {
            return ServerResponse.status(404).contentType(MediaType.TEXT_PLAIN).body(problem);
        }
        return stream.open();
    }

    private static ServerResponse asset(String content, MediaType type) {
        return ServerResponse.ok().contentType(type).cacheControl(CacheControl.noCache())
                .header("X-Content-Type-Options", "nosniff")
                .body(content);
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
    }

    /** The assets, read from the class path on the first call. */
    private Assets assets() {
        return assets.obtain();
    }

    /** The page's files as served, read once from the class path. */
    private record Assets(String page, Map<String, String> modules, String style) {

        static Assets read() {
            Map<String, String> modules = new LinkedHashMap<>();
            MODULES.forEach(name -> modules.put(name, LifecycleConsole.read(name)));
            return new Assets(LifecycleConsole.read("console.html"), Map.copyOf(modules),
                    LifecycleConsole.read(STYLE));
        }

        String module(String name) {
            return Objects.requireNonNull(modules.get(name), name);
        }
    }

    private static String read(String name) {
        ClassPathResource resource = new ClassPathResource(RESOURCES + name, LifecycleConsole.class.getClassLoader());
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("The console's " + name + " is missing from the class path at "
                    + RESOURCES + name, ex);
        }
    }
}
