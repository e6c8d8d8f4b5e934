package dev.lifecycle.sample.settings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The database settings the {@code configurator} service publishes: one immutable copy per start cycle.
 *
 * @param jdbcUrl the JDBC URL of the database
 * @param username the database user
 * @param password the database password (never shown by {@link #toString()})
 * @param poolSize the largest number of pooled connections
 * @param version 1 for the first settings loaded, one more each time the loaded values differ from the previous ones
 * @param file the file the settings were read from
 */
public record DbSettings(String jdbcUrl, String username, String password, int poolSize, long version, Path file) {

    /** Checks the parts. */
    public DbSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(file, "file");
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1, was " + poolSize);
        }
    }

    /** A copy with another version. */
    public DbSettings withVersion(long version) {
        return new DbSettings(jdbcUrl, username, password, poolSize, version, file);
    }

    /** Whether the values that configure the database (URL, user, password, pool size) are the same. */
    public boolean sameValuesAs(DbSettings other) {
        return jdbcUrl.equals(other.jdbcUrl) && username.equals(other.username) && password.equals(other.password)
                && poolSize == other.poolSize;
    }

    /**
     * The values that differ from {@code previous}, for a log line: {@code db.url: a -> b}. The password is named,
     * never shown.
     */
    public String describeChangesFrom(DbSettings previous) {
        List<String> changes = new ArrayList<>();
        if (!jdbcUrl.equals(previous.jdbcUrl)) {
            changes.add(SettingsFile.URL + ": " + previous.jdbcUrl + " -> " + jdbcUrl);
        }
        if (!username.equals(previous.username)) {
            changes.add(SettingsFile.USERNAME + ": " + previous.username + " -> " + username);
        }
        if (!password.equals(previous.password)) {
            changes.add(SettingsFile.PASSWORD + " changed");
        }
        if (poolSize != previous.poolSize) {
            changes.add(SettingsFile.POOL_SIZE + ": " + previous.poolSize + " -> " + poolSize);
        }
        return changes.isEmpty() ? "no value changed" : String.join(", ", changes);
    }

    @Override
    public String toString() {
        return "DbSettings[version=" + version + ", jdbcUrl=" + jdbcUrl + ", username=" + username
                + ", password=" + (password.isEmpty() ? "" : "******") + ", poolSize=" + poolSize + ", file=" + file + "]";
    }
}
