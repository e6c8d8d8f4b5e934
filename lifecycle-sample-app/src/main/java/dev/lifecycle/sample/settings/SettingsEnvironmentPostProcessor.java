package dev.lifecycle.sample.settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Puts the settings file into the environment before any bean is created, as the property source
 * {@value #PROPERTY_SOURCE}, ahead of the others: its keys are bound like any other configuration. Creates the file
 * with the defaults on first run. Runs after Spring Boot has read {@code application.properties}, which names the
 * file ({@code sample.settings-file}).
 */
public final class SettingsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    /** The name of the property source that holds the settings file's keys. */
    public static final String PROPERTY_SOURCE = "sampleSettingsFile";

    /** The property naming the settings file. */
    static final String FILE_PROPERTY = "sample.settings-file";

    /** The settings file when {@value #FILE_PROPERTY} is not set. */
    static final String DEFAULT_FILE = "./data/sample-settings.properties";

    private final Log logger;

    /**
     * A post-processor logging through Spring Boot's deferred log, which prints once logging is set up.
     *
     * @param logs the deferred logs
     */
    public SettingsEnvironmentPostProcessor(DeferredLogFactory logs) {
        this.logger = logs.getLog(SettingsEnvironmentPostProcessor.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Path file = file(environment);
        try {
            if (SettingsFile.createWithDefaultsIfMissing(file)) {
                logger.info("Created settings file " + file + " with the default settings");
            }
            Map<String, String> settings = SettingsFile.parse(file, Files.readAllBytes(file));
            environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE,
                    new LinkedHashMap<>(settings)));
            logger.info("Read settings file " + file + ": " + String.join(", ", settings.keySet()));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read or create settings file " + file + " (" + ex.getMessage()
                    + "); check the path in " + FILE_PROPERTY, ex);
        }
    }

    /** The settings file the environment names, absolute. */
    static Path file(ConfigurableEnvironment environment) {
        return Path.of(environment.getProperty(FILE_PROPERTY, DEFAULT_FILE)).toAbsolutePath().normalize();
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
