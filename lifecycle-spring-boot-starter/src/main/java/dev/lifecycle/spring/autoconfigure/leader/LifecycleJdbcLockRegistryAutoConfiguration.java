package dev.lifecycle.spring.autoconfigure.leader;

import dev.lifecycle.spring.autoconfigure.LeadershipJdbcProperties;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryProperties;
import dev.lifecycle.spring.internal.OnServiceRegistryBeanCondition;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.integration.jdbc.lock.LockRepository;
import org.springframework.integration.leader.event.OnGrantedEvent;
import org.springframework.integration.support.locks.LockRegistry;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Auto-configuration of the lock registry that elects the leader of leader-only services when the application has
 * none: a {@link JdbcLockRegistry} over a {@link DefaultLockRepository} on the application's {@link DataSource} (table
 * {@code INT_LOCK}), when {@code spring-integration-jdbc} is on the class path and the application has leader-only
 * services (a {@code lifecycle.services.<id>.leader} property or {@code @LifecycleService(leader)}): an application
 * without any is left as it is, with no lock table to provide. The table is created from Spring Integration's schema
 * script only as {@code lifecycle.leadership.jdbc.initialize-schema} says (by default in an embedded database only).
 *
 * @since 0.1
 */
@AutoConfiguration(after = ServiceRegistryAutoConfiguration.class,
        afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration" })
@ConditionalOnClass({ JdbcLockRegistry.class, OnGrantedEvent.class })
@ConditionalOnBooleanProperty(name = "lifecycle.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "lifecycle.leadership.enabled", matchIfMissing = true)
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnMissingBean(LockRegistry.class)
@Conditional({ OnServiceRegistryBeanCondition.class, OnLeaderOnlyServicesCondition.class })
public final class LifecycleJdbcLockRegistryAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DefaultLockRepository lifecycleLockRepository(DataSource dataSource,
            ObjectProvider<PlatformTransactionManager> transactionManager, ServiceRegistryProperties properties,
            ObjectProvider<LockSchemaInitializer> schema) {
        // The schema script, when it runs, runs before the repository checks the table at start-up.
        schema.ifAvailable(initializer -> { });
        LeadershipJdbcProperties jdbc = properties.getLeadership().getJdbc();
        DefaultLockRepository repository = new DefaultLockRepository(dataSource);
        repository.setPrefix(jdbc.getTablePrefix());
        repository.setRegion(jdbc.getRegion());
        repository.setTransactionManager(
                transactionManager.getIfUnique(() -> new DataSourceTransactionManager(dataSource)));
        return repository;
    }

    @Bean
    JdbcLockRegistry lifecycleLockRegistry(LockRepository repository, ServiceRegistryProperties properties) {
        LeadershipJdbcProperties jdbc = properties.getLeadership().getJdbc();
        if (properties.getLeadership().getHeartbeat().compareTo(jdbc.getTimeToLive()) >= 0) {
            throw new IllegalStateException("lifecycle.leadership.heartbeat (" + properties.getLeadership()
                    .getHeartbeat() + ") must be shorter than lifecycle.leadership.jdbc.time-to-live ("
                    + jdbc.getTimeToLive() + "), or the leader's lock expires between two renewals: shorten the "
                    + "heartbeat (a few times shorter than the time-to-live) or lengthen the time-to-live");
        }
        return new JdbcLockRegistry(repository, jdbc.getTimeToLive());
    }

    /** Creates Spring Integration's tables from its schema script for the database, when the mode says so. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(DataSourceScriptDatabaseInitializer.class)
    static final class SchemaConfiguration {

        /** Spring Integration's schema script, {@code @@platform@@} the database's platform. */
        private static final String SCHEMA_LOCATION =
                "classpath:org/springframework/integration/jdbc/schema-@@platform@@.sql";

        @Bean
        @ConditionalOnMissingBean
        LockSchemaInitializer lifecycleLockSchemaInitializer(DataSource dataSource,
                ServiceRegistryProperties properties) {
            DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
            DatabaseInitializationMode mode = switch (properties.getLeadership().getJdbc().getInitializeSchema()) {
                case EMBEDDED -> DatabaseInitializationMode.EMBEDDED;
                case ALWAYS -> DatabaseInitializationMode.ALWAYS;
                case NEVER -> DatabaseInitializationMode.NEVER;
            };
            settings.setMode(mode);
            if (mode != DatabaseInitializationMode.NEVER) {
                // Finding the database's script asks the database for its URL: not at start-up when none will run.
                settings.setSchemaLocations(new PlatformPlaceholderDatabaseDriverResolver()
                        .withDriverPlatform(DatabaseDriver.MARIADB, "mysql")
                        .resolveAll(dataSource, SCHEMA_LOCATION));
            }
            return new LockSchemaInitializer(dataSource, settings);
        }
    }
}
