package dev.lifecycle.sample.settings;

import dev.lifecycle.core.ServiceContext;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.sample.BackgroundLoopService;
import dev.lifecycle.spring.ConfigurationRestarts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The {@code settings} service: watches the settings file while it runs. When the file is saved with other valid
 * values, it puts them into the environment (the property source
 * {@value SettingsEnvironmentPostProcessor#PROPERTY_SOURCE}) and asks the starter's {@link ConfigurationRestarts} to
 * restart the services that read the keys that changed: {@code db.*} restarts the database and what is built on it,
 * {@code notes.*} the repository only. A file with a mistake is logged and ignored; the application keeps its
 * current settings.
 */
public final class SettingsService extends BackgroundLoopService<SettingsWatcher> {

    /** The service name, which is also its bean name. */
    public static final String NAME = "settings";

    /** The key this service is installed under. */
    public static final ServiceKey<Void> KEY = ServiceKey.of(NAME, Void.class);

    private static final Logger logger = LoggerFactory.getLogger(SettingsService.class);

    private final Path file;
    private final Duration pollInterval;
    private final ConfigurableEnvironment environment;
    private final ConfigurationRestarts restarts;

    /** Whether the watcher polls: a read before that (at start) that finds nothing new is not news. */
    private volatile boolean watching;

    /**
     * A settings service watching {@code file}.
     *
     * @param file the settings file; relative paths are resolved against the working directory
     * @param pollInterval how often the file is checked for changes
     * @param environment the environment the file's keys are in
     * @param restarts what restarts the services that read changed keys
     */
    public SettingsService(Path file, Duration pollInterval, ConfigurableEnvironment environment,
            ConfigurationRestarts restarts) {
        super("settings watcher");
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("The settings poll interval must be positive, was " + pollInterval);
        }
        this.pollInterval = pollInterval;
        this.environment = Objects.requireNonNull(environment, "environment");
        this.restarts = Objects.requireNonNull(restarts, "restarts");
    }

    /** The settings file, absolute. */
    public Path file() {
        return file;
    }

    @Override
    protected SettingsWatcher newLoop(ServiceContext context) {
        SettingsWatcher started = new SettingsWatcher(file, pollInterval, this::apply);
        watching = false;
        // A change saved while the service was not running is applied now.
        started.check();
        watching = true;
        return started;
    }

    /**
     * Applies the file's contents: checks them, puts the keys that changed into the environment and restarts the
     * services that read them.
     *
     * @param content the file's bytes
     * @return the keys that changed; none when the contents are invalid or hold the same values
     */
    Set<String> apply(byte[] content) {
        Map<String, String> next;
        try {
            next = SettingsFile.parse(file, content);
        }
        catch (InvalidSettingsException ex) {
            logger.warn("{}; keeping the current settings", ex.getMessage());
            return Set.of();
        }
        Map<String, Object> current = current();
        Set<String> changed = new TreeSet<>();
        List<String> described = new ArrayList<>();
        Set<String> keys = new TreeSet<>(current.keySet());
        keys.addAll(next.keySet());
        for (String key : keys) {
            Object before = current.get(key);
            String after = next.get(key);
            if (!Objects.equals(before, after)) {
                changed.add(key);
                described.add(key.equals(SettingsFile.PASSWORD) ? key + " changed"
                        : key + ": " + (before == null ? "(unset)" : before) + " -> " + (after == null ? "(unset)"
                                : after));
            }
        }
        if (changed.isEmpty()) {
            if (watching) {
                logger.info("Settings file {} was saved with the same values; nothing to restart", file);
            }
            return changed;
        }
        environment.getPropertySources().replace(SettingsEnvironmentPostProcessor.PROPERTY_SOURCE,
                new MapPropertySource(SettingsEnvironmentPostProcessor.PROPERTY_SOURCE, new LinkedHashMap<>(next)));
        logger.info("Settings file {} changed ({}); restarting the services that read {}", file,
                String.join(", ", described), changed);
        restarts.restartFor(changed).whenComplete((ids, failure) -> {
            if (failure != null) {
                logger.warn("Restarting the services that read {} failed", changed, failure);
            }
            else if (ids.isEmpty()) {
                logger.info("No service reads {}", changed);
            }
            else {
                logger.info("Restarted {} (and their dependents) for {}", ids, changed);
            }
        });
        return changed;
    }

    /** The settings in the environment now. */
    private Map<String, Object> current() {
        PropertySource<?> source = environment.getPropertySources().get(
                SettingsEnvironmentPostProcessor.PROPERTY_SOURCE);
        if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
            throw new IllegalStateException("The environment has no property source '"
                    + SettingsEnvironmentPostProcessor.PROPERTY_SOURCE + "': SettingsEnvironmentPostProcessor did "
                    + "not run (is META-INF/spring.factories on the class path?)");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (String name : enumerable.getPropertyNames()) {
            values.put(name, enumerable.getProperty(name));
        }
        return values;
    }
}
