package dev.lifecycle.sample.settings;

import dev.lifecycle.sample.database.DatabaseProperties;
import dev.lifecycle.sample.notes.NoteRepository;
import dev.lifecycle.sample.notes.NoteRepositoryService;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads and creates the settings file: a {@code .properties} file whose keys are the application's own
 * ({@value #URL}, {@value #POOL_SIZE}, {@value #LIST_LIMIT}, ...), checked before they are used.
 */
public final class SettingsFile {

    /** The JDBC URL of the notes database. */
    public static final String URL = "db.url";
    /** The database user. */
    public static final String USERNAME = "db.username";
    /** The database password. */
    public static final String PASSWORD = "db.password";
    /** The largest number of pooled connections. */
    public static final String POOL_SIZE = "db.pool-size";
    /** How many notes {@code GET /api/notes} lists at most: the key the repository reads. */
    public static final String LIST_LIMIT = NoteRepositoryService.LIST_LIMIT;

    static final int MAX_POOL_SIZE = 50;
    static final int MAX_LIST_LIMIT = 500;

    private static final List<String> KEYS = List.of(URL, USERNAME, PASSWORD, POOL_SIZE, LIST_LIMIT);

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
                # Settings of lifecycle-sample-app, watched while it runs. Save a change and the application
                # restarts exactly the services that read the keys you changed, with their dependents:
                #   db.*     the database (and the repository and heartbeat built on it)
                #   notes.*  the repository only
                # Try another database: change notes-a to notes-b below and save.
                %s=jdbc:h2:file:%s/notes-a
                %s=%s
                %s=
                # Largest number of pooled connections, 1 to %d.
                %s=%d
                # How many notes GET /api/notes lists, 1 to %d.
                %s=%d
                """.formatted(URL, databases, USERNAME, DatabaseProperties.DEFAULT_USERNAME, PASSWORD, MAX_POOL_SIZE,
                POOL_SIZE, DatabaseProperties.DEFAULT_POOL_SIZE, MAX_LIST_LIMIT, LIST_LIMIT,
                NoteRepository.DEFAULT_LIST_LIMIT);
    }

    /**
     * Parses and checks the contents of a settings file.
     *
     * @param file the file, for messages
     * @param content its bytes, UTF-8
     * @return the settings by key, sorted
     * @throws InvalidSettingsException naming the key at fault and what it should be
     */
    static Map<String, String> parse(Path file, byte[] content) {
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
        wholeNumber(file, properties, POOL_SIZE, MAX_POOL_SIZE);
        wholeNumber(file, properties, LIST_LIMIT, MAX_LIST_LIMIT);
        Map<String, String> settings = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key);
            settings.put(key, key.equals(PASSWORD) ? value : value.strip());
        }
        return settings;
    }

    private static void wholeNumber(Path file, Properties properties, String key, int max) {
        String value = properties.getProperty(key);
        if (value == null) {
            return;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= 1 && number <= max) {
                return;
            }
        }
        catch (NumberFormatException ex) {
            // reported below
        }
        throw new InvalidSettingsException(file, key + " is '" + value.strip() + "'; set it to a whole number from 1 to "
                + max);
    }
}
