package dev.lifecycle.sample;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sample's own settings, under {@code sample.}.
 *
 * @param settingsFile the settings file ({@code db.*}, {@code notes.*}), created with defaults if missing; a relative
 *        path is resolved against the working directory
 * @param settingsPollInterval how often the {@code settings} service checks the settings file for changes
 * @param heartbeatInterval the time between two heartbeat rows
 */
@ConfigurationProperties("sample")
public record SampleProperties(@DefaultValue("./data/sample-settings.properties") Path settingsFile,
        @DefaultValue("500ms") Duration settingsPollInterval, @DefaultValue("1s") Duration heartbeatInterval) {
}
