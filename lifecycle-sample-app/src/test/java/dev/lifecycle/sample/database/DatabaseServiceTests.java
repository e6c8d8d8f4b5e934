package dev.lifecycle.sample.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.ServiceDefinition;
import dev.lifecycle.core.ServiceRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The database service reads its properties at each start; its pool reports its metrics while it is open, under its
 * name, which carries the settings version.
 */
class DatabaseServiceTests {

    @Test
    void thePoolOfEachStartReportsItsMetricsUnderItsNameUntilItIsClosed() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        DatabaseService database = new DatabaseService(properties("jdbc:h2:mem:database-metrics", 2), meters);
        try (ServiceRegistry registry = ServiceRegistry.builder().build()) {
            registry.install(ServiceDefinition.of(DatabaseService.NAME, DataSource.class, database));
            registry.startAll().get(30, TimeUnit.SECONDS);

            assertThat(meters.find("hikaricp.connections.max").tag("pool", "sample-db-v1").gauge()).isNotNull()
                    .extracting(gauge -> gauge.value()).isEqualTo(2.0);

            registry.stop(DatabaseService.NAME).get(30, TimeUnit.SECONDS);
            assertThat(meters.find("hikaricp.connections.max").tag("pool", "sample-db-v1").gauge()).isNull();
        }
    }

    @Test
    void aRestartWithChangedPropertiesOpensAPoolOfTheNextVersionAndOneWithTheSameValuesKeepsTheVersion()
            throws Exception {
        DatabaseProperties properties = properties("jdbc:h2:mem:database-versions", 2);
        DatabaseService database = new DatabaseService(properties);
        try (ServiceRegistry registry = ServiceRegistry.builder().build()) {
            registry.install(ServiceDefinition.of(DatabaseService.NAME, DataSource.class, database));
            registry.startAll().get(30, TimeUnit.SECONDS);
            assertThat(database.settings()).extracting(DbSettings::version, DbSettings::poolSize).containsExactly(1L, 2);

            registry.restart(DatabaseService.NAME).get(30, TimeUnit.SECONDS);
            assertThat(database.settings()).extracting(DbSettings::version).isEqualTo(1L);

            properties.setPoolSize(3);
            registry.restart(DatabaseService.NAME).get(30, TimeUnit.SECONDS);
            assertThat(database.settings()).extracting(DbSettings::version, DbSettings::poolSize).containsExactly(2L, 3);
            assertThat(registry.get(DatabaseService.KEY)).isNotNull();
        }
    }

    @Test
    void propertiesThatAreNotAJdbcUrlFailTheStartNamingTheKey() {
        DatabaseService database = new DatabaseService(properties("notes.db", 2));
        try (ServiceRegistry registry = ServiceRegistry.builder().build()) {
            registry.install(ServiceDefinition.of(DatabaseService.NAME, DataSource.class, database));
            assertThat(registry.startAll()).failsWithin(30, TimeUnit.SECONDS).withThrowableThat()
                    .havingRootCause().withMessageContaining("db.url must be a JDBC URL");
        }
    }

    static DatabaseProperties properties(String url, int poolSize) {
        DatabaseProperties properties = new DatabaseProperties();
        properties.setUrl(url + ";DB_CLOSE_DELAY=-1");
        properties.setPoolSize(poolSize);
        return properties;
    }
}
