package dev.lifecycle.sample.settings;

import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceContext;
import dev.lifecycle.core.ServiceKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code configurator} service: reads the database settings from a file (created with the defaults on first
 * run), publishes them as an immutable {@link DbSettings}, and watches the file while it runs. When the file is saved
 * with other valid values it fails itself through its {@link ServiceContext}: the registry stops everything built
 * from the old settings (dependents first), restarts the configurator, which reads the file again, and starts the
 * dependents with the new values.
 */
public final class ConfiguratorService implements Service<DbSettings> {

    /** The service name, which is also its bean name. */
    public static final String NAME = "configurator";

    /** The key this service is installed under. */
    public static final ServiceKey<DbSettings> KEY = ServiceKey.of(NAME, DbSettings.class);

    private static final Logger logger = LoggerFactory.getLogger(ConfiguratorService.class);

    private final Path file;
    private final Duration pollInterval;

    /** The settings of the last start cycle, to number the versions; kept across restarts. */
    private final AtomicReference<@Nullable DbSettings> lastLoaded = new AtomicReference<>();

    private volatile @Nullable SettingsWatcher watcher;

    /**
     * A configurator reading {@code file}.
     *
     * @param file the settings file; relative paths are resolved against the working directory
     * @param pollInterval how often the file is checked for changes
     */
    public ConfiguratorService(Path file, Duration pollInterval) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("The settings poll interval must be positive, was " + pollInterval);
        }
        this.pollInterval = pollInterval;
    }

    /** The settings file, absolute. */
    public Path file() {
        return file;
    }

    @Override
    public DbSettings start(ServiceContext context) throws Exception {
        if (SettingsFile.createWithDefaultsIfMissing(file)) {
            logger.info("Created settings file {} with the default settings", file);
        }
        byte[] content = Files.readAllBytes(file);
        DbSettings read = SettingsFile.parse(file, content);
        DbSettings previous = lastLoaded.get();
        long version = (previous == null) ? 1 : previous.sameValuesAs(read) ? previous.version() : previous.version() + 1;
        DbSettings settings = read.withVersion(version);
        SettingsWatcher started = new SettingsWatcher(settings, content, pollInterval, context::fail);
        started.start();
        watcher = started;
        lastLoaded.set(settings);
        logger.info("Loaded settings version {} from {}: {} with a pool of {}", version, file, settings.jdbcUrl(),
                settings.poolSize());
        return settings;
    }

    @Override
    public void stop(ServiceContext context) {
        SettingsWatcher current = watcher;
        if (current != null) {
            current.signalStop();
        }
    }

    @Override
    public void join(ServiceContext context) throws InterruptedException {
        SettingsWatcher current = watcher;
        if (current != null && !current.join(context.stopTimeout())) {
            logger.warn("The settings watcher did not end within {}", context.stopTimeout());
        }
    }

    /** The watcher of the current start cycle, if one has started. */
    @Nullable SettingsWatcher watcher() {
        return watcher;
    }
}
