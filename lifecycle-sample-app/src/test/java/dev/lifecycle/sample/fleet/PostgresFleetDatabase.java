package dev.lifecycle.sample.fleet;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The fleet's database as a PostgreSQL server of its own: {@code initdb} in a temporary directory, then {@code pg_ctl}
 * to start it on 127.0.0.1 and a free port, to stop it ({@code -m fast}) and start it again. PostgreSQL refuses to run
 * as root: as root, every command runs as the {@code postgres} user the package creates ({@code runuser -u postgres
 * --}), on a directory that user owns.
 *
 * <p>The programs are looked for in {@code $LIFECYCLE_POSTGRES_BIN}, then in {@code /usr/lib/postgresql/<version>/bin}
 * (Debian's packages, newest first), then on the {@code PATH}.
 */
final class PostgresFleetDatabase implements FleetDatabase {

    /** How to install PostgreSQL where it is missing (Debian, Ubuntu). */
    static final String INSTALL = "apt-get install postgresql";

    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private final Path bin;
    private final Path directory;
    private final int port;
    private final boolean asPostgresUser;
    private String version = "";

    private PostgresFleetDatabase(Path bin, Path directory, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.directory = directory;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** The directory holding {@code initdb} and {@code pg_ctl}, if PostgreSQL is installed. */
    static Optional<Path> findBin() {
        String configured = System.getenv("LIFECYCLE_POSTGRES_BIN");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(PostgresFleetDatabase::hasPrograms);
        }
        File[] versions = new File("/usr/lib/postgresql").listFiles();
        if (versions != null) {
            Optional<Path> debian = Arrays.stream(versions)
                    .map((version) -> version.toPath().resolve("bin"))
                    .filter(PostgresFleetDatabase::hasPrograms)
                    .max(Comparator.comparing(PostgresFleetDatabase::majorVersion));
            if (debian.isPresent()) {
                return debian;
            }
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter((entry) -> !entry.isBlank())
                .map(Path::of)
                .filter(PostgresFleetDatabase::hasPrograms)
                .findFirst();
    }

    /**
     * Creates a cluster in a new temporary directory and starts it on a free port.
     *
     * @param bin the directory holding {@code initdb} and {@code pg_ctl}
     */
    static PostgresFleetDatabase start(Path bin) throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("lifecycle-fleet-postgres-");
        boolean root = "root".equals(System.getProperty("user.name"));
        PostgresFleetDatabase database = new PostgresFleetDatabase(bin, directory, FleetDatabase.freePort(), root);
        if (root) {
            run(List.of("chown", "postgres", directory.toString()), directory);
        }
        database.version = database.postgres(List.of(bin.resolve("postgres").toString(), "--version")).trim();
        database.postgres(List.of(bin.resolve("initdb").toString(), "-D", database.data().toString(), "-U",
                "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"));
        database.start();
        return database;
    }

    @Override
    public String description() {
        return version + " (" + bin + ") on 127.0.0.1:" + port + (asPostgresUser ? ", run as the user postgres" : "");
    }

    @Override
    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?connectTimeout=2&socketTimeout=10";
    }

    @Override
    public String username() {
        return "postgres";
    }

    @Override
    public void start() throws IOException, InterruptedException {
        postgres(List.of(pgCtl(), "-D", data().toString(), "-l", directory.resolve("postgres.log").toString(), "-w",
                "-t", "60", "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + directory + " -c fsync=off",
                "start"));
    }

    @Override
    public void stop() throws IOException, InterruptedException {
        postgres(List.of(pgCtl(), "-D", data().toString(), "-m", "fast", "-w", "-t", "60", "stop"));
    }

    @Override
    public void close() {
        try {
            if (Files.exists(data().resolve("postmaster.pid"))) {
                postgres(List.of(pgCtl(), "-D", data().toString(), "-m", "immediate", "-w", "-t", "60", "stop"));
            }
        }
        catch (IOException | RuntimeException ex) {
            System.err.println("Could not stop PostgreSQL in " + directory + ": " + ex);
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

    /** The server's log so far, for a failure's message. */
    String log() {
        try {
            return Files.readString(directory.resolve("postgres.log"), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            return "(no log: " + ex + ")";
        }
    }

    private Path data() {
        return directory.resolve("data");
    }

    private String pgCtl() {
        return bin.resolve("pg_ctl").toString();
    }

    /** Runs a PostgreSQL program, as the user postgres when this JVM runs as root; returns its output. */
    private String postgres(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        return run(full, directory);
    }

    private static String run(List<String> command, Path directory) throws IOException, InterruptedException {
        Path output = Files.createTempFile("lifecycle-fleet-command-", ".log");
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not end within " + COMMAND_TIMEOUT_SECONDS
                        + " s: " + Files.readString(output));
            }
            String text = Files.readString(output);
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " ended with status " + process.exitValue() + ": "
                        + text);
            }
            return text;
        }
        finally {
            Files.deleteIfExists(output);
        }
    }

    private static boolean hasPrograms(Path bin) {
        return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"));
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        }
        catch (NumberFormatException ex) {
            return 0;
        }
    }
}
