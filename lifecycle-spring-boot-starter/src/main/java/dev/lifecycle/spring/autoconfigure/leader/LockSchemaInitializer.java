package dev.lifecycle.spring.autoconfigure.leader;

import javax.sql.DataSource;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;

/**
 * Creates Spring Integration's tables, {@code INT_LOCK} among them, from its schema script for the application's
 * database, as {@code lifecycle.leadership.jdbc.initialize-schema} says.
 *
 * @since 0.1
 */
public final class LockSchemaInitializer extends DataSourceScriptDatabaseInitializer {

    /**
     * An initializer of {@code dataSource}.
     *
     * @param dataSource the application's DataSource
     * @param settings the schema script and when to run it
     */
    public LockSchemaInitializer(DataSource dataSource, DatabaseInitializationSettings settings) {
        super(dataSource, settings);
    }
}
