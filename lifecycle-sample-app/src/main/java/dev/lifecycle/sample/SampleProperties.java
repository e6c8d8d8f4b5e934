package dev.lifecycle.sample;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sample's own settings, under {@code sample.}.
 *
 * @param settingsFile the database settings file the configurator reads, created with defaults if missing; a relative
 *        path is resolved against the working directory
 * @param settingsPollInterval how often the configurator checks the settings file for changes
 * @param heartbeatInterval the time between two heartbeat rows
 */
@ConfigurationProperties("sample")
public record SampleProperties(@DefaultValue("./data/sample-db.properties") Path settingsFile,
        @DefaultValue("500ms") Duration settingsPollInterval, @DefaultValue("1s") Duration heartbeatInterval) {
}
