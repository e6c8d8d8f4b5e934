package dev.lifecycle.sample.database;

import java.util.Objects;

/**
 * The database settings one start cycle of the {@code database} service uses: an immutable copy of
 * {@link DatabaseProperties} taken at start.
 *
 * @param jdbcUrl the JDBC URL of the database
 * @param username the database user
 * @param password the database password (never shown by {@link #toString()})
 * @param poolSize the largest number of pooled connections
 * @param version 1 for the first settings used, one more each time the values differ from the previous ones
 */
public record DbSettings(String jdbcUrl, String username, String password, int poolSize, long version) {

    /** Checks the parts. */
    public DbSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("db.url must be a JDBC URL such as jdbc:h2:mem:notes, was '" + jdbcUrl
                    + "'");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("db.pool-size must be at least 1, was " + poolSize);
        }
    }

    /**
     * The settings {@code properties} hold now.
     *
     * @param properties the bound properties
     * @param version the version to give them
     */
    public static DbSettings of(DatabaseProperties properties, long version) {
        return new DbSettings(properties.getUrl().strip(), properties.getUsername(), properties.getPassword(),
                properties.getPoolSize(), version);
    }

    /** A copy with another version. */
    public DbSettings withVersion(long version) {
        return new DbSettings(jdbcUrl, username, password, poolSize, version);
    }

    /** Whether the values that configure the database (URL, user, password, pool size) are the same. */
    public boolean sameValuesAs(DbSettings other) {
        return jdbcUrl.equals(other.jdbcUrl) && username.equals(other.username) && password.equals(other.password)
                && poolSize == other.poolSize;
    }

    @Override
    public String toString() {
        return "DbSettings[version=" + version + ", jdbcUrl=" + jdbcUrl + ", username=" + username
                + ", password=" + (password.isEmpty() ? "" : "******") + ", poolSize=" + poolSize + "]";
    }
}
