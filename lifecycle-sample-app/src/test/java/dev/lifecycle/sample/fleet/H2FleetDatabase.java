package dev.lifecycle.sample.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.h2.tools.Server;

/**
 * The fleet's database as an H2 TCP server ({@link Server}) in a JVM of its own, its files in a temporary directory:
 * stopping it kills that JVM (SIGKILL: the instances' connections break, and reconnect once a new JVM serves the same
 * files on the same port). The instances' pools are told to evict H2's broken connections
 * ({@link H2BrokenConnectionOverride}).
 */
final class H2FleetDatabase implements FleetDatabase {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path directory;
    private final int port;
    private Process server;

    private H2FleetDatabase(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /** Starts a server on a free port, its files in {@code directory}. */
    static H2FleetDatabase start(Path directory) throws IOException, InterruptedException {
        H2FleetDatabase database = new H2FleetDatabase(directory, FleetDatabase.freePort());
        database.start();
        return database;
    }

    @Override
    public String description() {
        return "H2 " + org.h2.engine.Constants.VERSION + " TCP server on 127.0.0.1:" + port;
    }

    @Override
    public String url() {
        return "jdbc:h2:tcp://127.0.0.1:" + port + "/./fleet";
    }

    @Override
    public String username() {
        return "sa";
    }

    @Override
    public List<String> instanceArguments() {
        return List.of("--spring.datasource.hikari.exception-override-class-name="
                + H2BrokenConnectionOverride.class.getName());
    }

    @Override
    public synchronized void start() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path output = directory.resolve("server.log");
        server = new ProcessBuilder(List.of(java, "-cp", classpath, Server.class.getName(), "-tcp", "-tcpPort",
                Integer.toString(port), "-baseDir", directory.toString(), "-ifNotExists"))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        Process started = server;
        // The server prints one line once it listens.
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> {
            assertThat(started.isAlive()).as("the H2 server runs; its output: %s", Files.readString(output)).isTrue();
            return Files.readString(output, StandardCharsets.UTF_8).contains("TCP server running");
        });
    }

    @Override
    public synchronized void stop() throws InterruptedException {
        if (server != null) {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            server = null;
        }
    }

    @Override
    public void close() {
        try {
            stop();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
        }
        catch (IOException ex) {
            // A temporary directory: what is left is the system's to clean.
        }
    }
}
