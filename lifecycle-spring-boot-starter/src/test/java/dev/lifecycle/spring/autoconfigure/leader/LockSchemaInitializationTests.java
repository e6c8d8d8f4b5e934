package dev.lifecycle.spring.autoconfigure.leader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.spring.autoconfigure.LeadershipJdbcProperties.SchemaInitialization;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryProperties;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The lock table's schema initializer asks the database nothing at start-up when it will run no script, and still
 * creates the table when it will.
 */
class LockSchemaInitializationTests {

    @Test
    void initializeSchemaNeverLeavesTheDatabaseUntouchedAtStartUp() {
        List<String> calls = new ArrayList<>();
        DataSource untouchable = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { DataSource.class }, (proxy, method, args) -> {
                    calls.add(method.getName());
                    throw new IllegalStateException("the database was asked " + method.getName());
                });

        LockSchemaInitializer initializer = initializer(untouchable, SchemaInitialization.NEVER);

        assertThat(initializer.initializeDatabase()).isFalse();
        assertThat(calls).isEmpty();
    }

    @Test
    void initializeSchemaAlwaysCreatesTheLockTableFromTheDatabasesOwnScript() {
        DataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:schema-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

        LockSchemaInitializer initializer = initializer(h2, SchemaInitialization.ALWAYS);

        assertThat(initializer.initializeDatabase()).isTrue();
        assertThat(new JdbcTemplate(h2).queryForObject("SELECT COUNT(*) FROM INT_LOCK", Integer.class)).isZero();
    }

    private static LockSchemaInitializer initializer(DataSource dataSource, SchemaInitialization mode) {
        ServiceRegistryProperties properties = new ServiceRegistryProperties();
        properties.getLeadership().getJdbc().setInitializeSchema(mode);
        LockSchemaInitializer initializer = new LifecycleJdbcLockRegistryAutoConfiguration.SchemaConfiguration()
                .lifecycleLockSchemaInitializer(dataSource, properties);
        initializer.setResourceLoader(new DefaultResourceLoader());
        return initializer;
    }
}
