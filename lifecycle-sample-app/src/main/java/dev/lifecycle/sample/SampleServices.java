package dev.lifecycle.sample;

import dev.lifecycle.sample.database.DatabaseService;
import dev.lifecycle.sample.heartbeat.HeartbeatService;
import dev.lifecycle.sample.notes.NoteRepositoryService;
import dev.lifecycle.sample.settings.ConfiguratorService;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sample's services. Each bean implements {@link dev.lifecycle.core.Service}, so the lifecycle starter runs it as
 * a service named after the bean; each declares what it requires in its own {@code init}:
 * <pre>
 * configurator  (DbSettings, from the settings file)
 *   └── database    (DataSource: a connection pool)
 *         ├── repository  (NoteRepository, used by the REST API)
 *         └── heartbeat   (a background loop)
 * </pre>
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SampleProperties.class)
class SampleServices {

    @Bean(ConfiguratorService.NAME)
    ConfiguratorService configurator(SampleProperties properties) {
        return new ConfiguratorService(properties.settingsFile(), properties.settingsPollInterval());
    }

    @Bean(DatabaseService.NAME)
    DatabaseService database(ObjectProvider<MeterRegistry> meters) {
        return new DatabaseService(meters.getIfAvailable());
    }

    @Bean(NoteRepositoryService.NAME)
    NoteRepositoryService repository() {
        return new NoteRepositoryService();
    }

    @Bean(HeartbeatService.NAME)
    HeartbeatService heartbeat(SampleProperties properties) {
        return new HeartbeatService(properties.heartbeatInterval());
    }
}
