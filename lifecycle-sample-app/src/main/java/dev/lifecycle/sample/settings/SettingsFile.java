package dev.lifecycle.sample.settings;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Reads and creates the settings file: a {@code .properties} file with the keys {@value #URL}, {@value #USERNAME},
 * {@value #PASSWORD} and {@value #POOL_SIZE}.
 */
final class SettingsFile {

    static final String URL = "db.url";
    static final String USERNAME = "db.username";
    static final String PASSWORD = "db.password";
    static final String POOL_SIZE = "db.pool-size";

    static final int MAX_POOL_SIZE = 50;

    private static final List<String> KEYS = List.of(URL, USERNAME, PASSWORD, POOL_SIZE);

    private SettingsFile() {
    }

    /**
     * Creates {@code file}, and the directories above it, with the default settings unless it exists.
     *
     * @return whether the file was created
     * @throws IOException if it cannot be written
     */
    static boolean createWithDefaultsIfMissing(Path file) throws IOException {
        if (Files.exists(file)) {
            return false;
        }
        Path directory = file.toAbsolutePath().normalize().getParent();
        Files.createDirectories(directory);
        Files.writeString(file, defaults(directory), StandardCharsets.UTF_8);
        return true;
    }

    /**
     * The default contents: an H2 database in a file next to the settings file.
     *
     * @param directory the directory of the settings file
     */
    static String defaults(Path directory) {
        String databases = directory.toAbsolutePath().normalize().toString().replace('\\', '/');
        return """
                # Database settings of lifecycle-sample-app, read by the 'configurator' service.
                # Save a change and the application rebuilds the services that depend on it, in order:
                # heartbeat and repository stop, database stops, configurator re-reads this file,
                # then database, repository and heartbeat start again with the new values.
                # Try another database: change notes-a to notes-b below and save.
                %s=jdbc:h2:file:%s/notes-a
                %s=sa
                %s=
                # Largest number of pooled connections, 1 to %d.
                %s=4
                """.formatted(URL, databases, USERNAME, PASSWORD, MAX_POOL_SIZE, POOL_SIZE);
    }

    /**
     * Parses the contents of a settings file.
     *
     * @param file the file, for messages and for {@link DbSettings#file()}
     * @param content its bytes, UTF-8
     * @return the settings, with version 0
     * @throws InvalidSettingsException naming the key at fault and what it should be
     */
    static DbSettings parse(Path file, byte[] content) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(new String(content, StandardCharsets.UTF_8)));
        }
        catch (IOException | IllegalArgumentException ex) {
            throw new InvalidSettingsException(file, "it is not a valid .properties file (" + ex.getMessage() + ")");
        }
        TreeSet<String> unknown = new TreeSet<>(properties.stringPropertyNames());
        KEYS.forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw new InvalidSettingsException(file, "unknown key" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + "; the known keys are " + String.join(", ", KEYS));
        }
        String url = properties.getProperty(URL, "").strip();
        if (!url.startsWith("jdbc:")) {
            throw new InvalidSettingsException(file, URL + " is " + (url.isEmpty() ? "missing" : "'" + url + "'")
                    + "; set it to a JDBC URL such as jdbc:h2:file:./data/notes-a or jdbc:h2:mem:notes");
        }
        String username = properties.getProperty(USERNAME, "sa").strip();
        String password = properties.getProperty(PASSWORD, "");
        int poolSize = poolSize(file, properties.getProperty(POOL_SIZE, "4").strip());
        return new DbSettings(url, username, password, poolSize, 0, file);
    }

    private static int poolSize(Path file, String value) {
        try {
            int size = Integer.parseInt(value);
            if (size >= 1 && size <= MAX_POOL_SIZE) {
                return size;
            }
        }
        catch (NumberFormatException ex) {
            // reported below
        }
        throw new InvalidSettingsException(file, POOL_SIZE + " is '" + value + "'; set it to a whole number from 1 to "
                + MAX_POOL_SIZE);
    }
}
