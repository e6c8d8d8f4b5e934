package dev.lifecycle.sample.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.ServiceContext;
import dev.lifecycle.core.ServiceDefinition;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.sample.settings.ConfiguratorService;
import dev.lifecycle.sample.settings.DbSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The database service's pool reports its metrics while it is open, under its name, which names the settings. */
class DatabaseServiceTests {

    @Test
    void thePoolOfEachStartReportsItsMetricsUnderItsNameUntilItIsClosed() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        DbSettings settings = new DbSettings("jdbc:h2:mem:database-metrics;DB_CLOSE_DELAY=-1", "sa", "", 2, 3,
                Path.of("test-db.properties"));
        try (ServiceRegistry registry = ServiceRegistry.builder().override(ConfiguratorService.KEY, settings).build()) {
            registry.install(ServiceDefinition.of(ConfiguratorService.NAME, DbSettings.class,
                    DatabaseServiceTests::replaced));
            registry.install(ServiceDefinition.of(DatabaseService.NAME, DataSource.class, new DatabaseService(meters)));
            registry.startAll().get(30, TimeUnit.SECONDS);

            assertThat(meters.find("hikaricp.connections.max").tag("pool", "sample-db-v3").gauge()).isNotNull()
                    .extracting(gauge -> gauge.value()).isEqualTo(2.0);

            registry.stop(DatabaseService.NAME).get(30, TimeUnit.SECONDS);
            assertThat(meters.find("hikaricp.connections.max").tag("pool", "sample-db-v3").gauge()).isNull();
        }
    }

    private static DbSettings replaced(ServiceContext context) {
        throw new AssertionError("replaced by fixed settings");
    }
}
