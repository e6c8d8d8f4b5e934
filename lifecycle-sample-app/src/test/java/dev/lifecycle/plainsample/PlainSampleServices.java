package dev.lifecycle.plainsample;

import dev.lifecycle.sample.SampleProperties;
import dev.lifecycle.sample.database.DatabaseProperties;
import dev.lifecycle.sample.database.DatabaseService;
import dev.lifecycle.sample.heartbeat.HeartbeatService;
import dev.lifecycle.sample.notes.NoteRepositoryService;
import dev.lifecycle.sample.report.ReportCleanupService;
import dev.lifecycle.sample.report.ReportProperties;
import dev.lifecycle.sample.report.ReportService;
import dev.lifecycle.sample.settings.SettingsService;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.integration.leader.DefaultCandidate;
import org.springframework.integration.support.SmartLifecycleRoleController;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;

/**
 * The six services of the sample as plain {@code SmartLifecycle} beans ({@link PlainService}), which Spring starts in
 * phases: the database and the settings service, then the repository and the heartbeat; and the leader-only report
 * and its clean-up, elected as Spring Integration's users do it: a {@link LockRegistryLeaderInitiator} over a
 * {@link JdbcLockRegistry} on Boot's {@code DataSource}, and a {@link SmartLifecycleRoleController} that starts the
 * role's two beans in phase order on a grant and stops them on a revoke. Declared as the sample declares its own.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ SampleProperties.class, DatabaseProperties.class, ReportProperties.class })
class PlainSampleServices {

    /** Phase of the services that require nothing. */
    static final int FIRST = 0;

    /** Phase of the services that require the database. */
    static final int SECOND = 1;

    /** Phase of the report's clean-up, which requires the report. */
    static final int THIRD = 2;

    @Bean
    PlainValues plainValues() {
        return new PlainValues();
    }

    @Bean
    PlainService<Void> settings(SampleProperties properties, ConfigurableEnvironment environment, PlainValues values) {
        SettingsService service = new SettingsService(properties.settingsFile(), properties.settingsPollInterval(),
                environment, (keys) -> CompletableFuture.completedFuture(Set.of()));
        return new PlainService<>(SettingsService.KEY, service, FIRST, values);
    }

    /** The database service itself, which the info endpoint asks for its settings, as the sample's does. */
    @Bean
    DatabaseService databaseService(DatabaseProperties properties, ObjectProvider<MeterRegistry> meters) {
        return new DatabaseService(properties, meters.getIfAvailable());
    }

    @Bean
    PlainService<?> database(DatabaseService service, PlainValues values) {
        return new PlainService<>(DatabaseService.KEY, service, FIRST, values);
    }

    @Bean
    PlainService<?> repository(ConfigurableEnvironment environment, PlainValues values) {
        return new PlainService<>(NoteRepositoryService.KEY, new NoteRepositoryService(environment), SECOND, values);
    }

    @Bean
    PlainService<Void> heartbeat(SampleProperties properties, PlainValues values) {
        return new PlainService<>(HeartbeatService.KEY, new HeartbeatService(properties.heartbeatInterval()), SECOND,
                values);
    }

    /*
     * The report and its clean-up, leader-only, as a Spring Integration user elects them today: a JDBC lock on Boot's
     * DataSource, a leader initiator for the role "reports", and a role controller that starts the role's lifecycle
     * beans in phase order when leadership is granted and stops them when it is revoked.
     */

    @Bean
    DefaultLockRepository lockRepository(DataSource dataSource) {
        return new DefaultLockRepository(dataSource);
    }

    @Bean
    JdbcLockRegistry lockRegistry(DefaultLockRepository lockRepository) {
        return new JdbcLockRegistry(lockRepository);
    }

    @Bean
    LockRegistryLeaderInitiator leaderInitiator(JdbcLockRegistry lockRegistry) {
        return new LockRegistryLeaderInitiator(lockRegistry,
                new DefaultCandidate(UUID.randomUUID().toString(), ReportService.GROUP));
    }

    @Bean
    SmartLifecycleRoleController roleController(PlainService<?> report, PlainService<?> reportCleanup) {
        SmartLifecycleRoleController controller = new SmartLifecycleRoleController();
        controller.addLifecycleToRole(ReportService.GROUP, report);
        controller.addLifecycleToRole(ReportService.GROUP, reportCleanup);
        return controller;
    }

    @Bean
    PlainService<?> report(DataSource dataSource, ReportProperties properties, PlainValues values) {
        return new PlainService<>(ReportService.KEY, new ReportService(dataSource, properties), SECOND, values, false);
    }

    @Bean
    PlainService<?> reportCleanup(DataSource dataSource, ReportProperties properties, PlainValues values) {
        return new PlainService<>(ReportCleanupService.KEY, new ReportCleanupService(dataSource, properties), THIRD,
                values, false);
    }
}
