package dev.lifecycle.spring.autoconfigure;

import java.time.Duration;

/**
 * The JDBC lock registry that leader-only services are elected with, on the application's DataSource, under
 * {@code lifecycle.leadership.jdbc}.
 *
 * @since 0.1
 */
public class LeadershipJdbcProperties {

    /**
     * How long a lock stays held without being renewed: after a leader stops renewing it (killed, paused, cut off from
     * the database), another instance takes over once this has passed.
     */
    private Duration timeToLive = Duration.ofSeconds(10);

    /** Prefix of the lock table's name (the table is <prefix>LOCK). */
    private String tablePrefix = "INT_";

    /** Region of the locks in the table, separating applications that share it. */
    private String region = "DEFAULT";

    /**
     * When to create Spring Integration's tables (INT_LOCK among them) from its schema script for the database:
     * embedded (only in an embedded database), always, or never (apply the script yourself).
     */
    private SchemaInitialization initializeSchema = SchemaInitialization.EMBEDDED;

    /**
     * How long a lock stays held without being renewed.
     *
     * @return the value of {@code lifecycle.leadership.jdbc.time-to-live}
     */
    public Duration getTimeToLive() {
        return timeToLive;
    }

    /**
     * Sets the value of {@code lifecycle.leadership.jdbc.time-to-live}; see {@link #getTimeToLive()}.
     *
     * @param timeToLive the new value
     */
    public void setTimeToLive(Duration timeToLive) {
        this.timeToLive = timeToLive;
    }

    /**
     * Prefix of the lock table's name.
     *
     * @return the value of {@code lifecycle.leadership.jdbc.table-prefix}
     */
    public String getTablePrefix() {
        return tablePrefix;
    }

    /**
     * Sets the value of {@code lifecycle.leadership.jdbc.table-prefix}; see {@link #getTablePrefix()}.
     *
     * @param tablePrefix the new value
     */
    public void setTablePrefix(String tablePrefix) {
        this.tablePrefix = tablePrefix;
    }

    /**
     * Region of the locks in the table.
     *
     * @return the value of {@code lifecycle.leadership.jdbc.region}
     */
    public String getRegion() {
        return region;
    }

    /**
     * Sets the value of {@code lifecycle.leadership.jdbc.region}; see {@link #getRegion()}.
     *
     * @param region the new value
     */
    public void setRegion(String region) {
        this.region = region;
    }

    /**
     * When to create Spring Integration's tables from its schema script.
     *
     * @return the value of {@code lifecycle.leadership.jdbc.initialize-schema}
     */
    public SchemaInitialization getInitializeSchema() {
        return initializeSchema;
    }

    /**
     * Sets the value of {@code lifecycle.leadership.jdbc.initialize-schema}; see {@link #getInitializeSchema()}.
     *
     * @param initializeSchema the new value
     */
    public void setInitializeSchema(SchemaInitialization initializeSchema) {
        this.initializeSchema = initializeSchema;
    }

    /**
     * When the lock table is created, as Spring Boot's {@code DatabaseInitializationMode}.
     */
    public enum SchemaInitialization {

        /** Only in an embedded database (H2, HSQLDB, Derby in memory). */
        EMBEDDED,

        /** In every database: the script fails if the tables exist already. */
        ALWAYS,

        /** Never: the tables are created by whoever runs the database. */
        NEVER
    }
}
