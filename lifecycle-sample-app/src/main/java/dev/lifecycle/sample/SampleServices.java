package dev.lifecycle.sample;

import dev.lifecycle.sample.database.DatabaseProperties;
import dev.lifecycle.sample.database.DatabaseService;
import dev.lifecycle.sample.heartbeat.HeartbeatService;
import dev.lifecycle.sample.notes.NoteRepositoryService;
import dev.lifecycle.sample.report.ReportCleanupService;
import dev.lifecycle.sample.report.ReportProperties;
import dev.lifecycle.sample.report.ReportService;
import dev.lifecycle.sample.settings.SettingsService;
import dev.lifecycle.spring.ConfigurationRestarts;
import dev.lifecycle.spring.LifecycleService;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The sample's services. Each bean implements {@link dev.lifecycle.core.Service}, so the lifecycle starter runs it as
 * a service named after the bean; each declares what it requires in its own {@code init}, and what configuration it
 * reads here:
 * <pre>
 * settings      watches the settings file; a change restarts the services that read the changed keys
 * database      (DataSource: a connection pool)         reads db.*: it is given the DatabaseProperties
 *   ├── repository  (NoteRepository, used by the REST API) reads notes.*: @LifecycleService(restartOnChange)
 *   └── heartbeat   (a background loop)                   reads neither
 * report        leader-only (group "reports"): writes a row to the fleet's shared database every interval
 *   └── reportCleanup  deletes the old rows; depends on the report, so it runs where the report runs
 * </pre>
 * The report and its clean-up use the application's {@code DataSource} (Spring Boot's, {@code spring.datasource.*}),
 * the database the instances of the fleet share, where the starter's JDBC lock elects the leader of {@code reports}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ SampleProperties.class, DatabaseProperties.class, ReportProperties.class })
class SampleServices {

    @Bean(SettingsService.NAME)
    SettingsService settings(SampleProperties properties, ConfigurableEnvironment environment,
            ConfigurationRestarts restarts) {
        return new SettingsService(properties.settingsFile(), properties.settingsPollInterval(), environment,
                restarts);
    }

    @Bean(DatabaseService.NAME)
    DatabaseService database(DatabaseProperties properties, ObjectProvider<MeterRegistry> meters) {
        return new DatabaseService(properties, meters.getIfAvailable());
    }

    @Bean(NoteRepositoryService.NAME)
    @LifecycleService(restartOnChange = "notes.")
    NoteRepositoryService repository(ConfigurableEnvironment environment) {
        return new NoteRepositoryService(environment);
    }

    @Bean(HeartbeatService.NAME)
    HeartbeatService heartbeat(SampleProperties properties) {
        return new HeartbeatService(properties.heartbeatInterval());
    }

    @Bean(ReportService.NAME)
    @LifecycleService(leader = ReportService.GROUP)
    ReportService report(DataSource fleet, ReportProperties properties) {
        return new ReportService(fleet, properties);
    }

    @Bean(ReportCleanupService.NAME)
    ReportCleanupService reportCleanup(DataSource fleet, ReportProperties properties) {
        return new ReportCleanupService(fleet, properties);
    }
}
