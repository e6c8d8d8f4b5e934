package dev.lifecycle.sample.settings;

import dev.lifecycle.sample.BackgroundLoop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the settings file on a daemon thread, one start cycle of the configurator long. When the file holds other
 * valid values than the ones in use, it reports a {@link SettingsChangedException} once and ends; a file that cannot
 * be parsed is logged and ignored, so the application keeps running on the last good settings.
 *
 * <p>Polling rather than a {@link java.nio.file.WatchService}: it behaves the same on every platform (the JDK's
 * watch service polls every few seconds on macOS) and sees through editors that replace a file instead of writing
 * it. Reading a file of a few hundred bytes twice a second costs nothing.
 */
final class SettingsWatcher extends BackgroundLoop {

    private static final Logger logger = LoggerFactory.getLogger(SettingsWatcher.class);

    private final DbSettings current;
    private final Duration interval;
    private final Consumer<Throwable> failure;

    /** The last contents read; touched by the polling thread only. */
    private byte[] seen;

    private boolean missingReported;

    /**
     * A watcher of {@code current.file()}.
     *
     * @param current the settings in use
     * @param content the bytes they were read from
     * @param interval how often to read the file
     * @param failure what to call, once, when the file holds other settings
     */
    SettingsWatcher(DbSettings current, byte[] content, Duration interval, Consumer<Throwable> failure) {
        super("settings-watcher");
        this.current = current;
        this.seen = content.clone();
        this.interval = interval;
        this.failure = failure;
    }

    @Override
    protected void loop() {
        try {
            while (!pause(interval)) {
                if (changed()) {
                    return;
                }
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads the file once; reports and answers {@code true} if it holds other valid settings. */
    boolean changed() {
        Path file = current.file();
        byte[] content;
        try {
            content = Files.readAllBytes(file);
            missingReported = false;
        }
        catch (NoSuchFileException ex) {
            if (!missingReported) {
                logger.warn("Settings file {} is gone; still using settings version {} (it is created again with "
                        + "the defaults at the next start of the configurator)", file, current.version());
                missingReported = true;
            }
            return false;
        }
        catch (IOException ex) {
            logger.warn("Cannot read settings file {}: {}; still using settings version {}", file, ex.toString(),
                    current.version());
            return false;
        }
        if (Arrays.equals(content, seen)) {
            return false;
        }
        seen = content;
        DbSettings next;
        try {
            next = SettingsFile.parse(file, content);
        }
        catch (InvalidSettingsException ex) {
            logger.warn("{}; still using settings version {}", ex.getMessage(), current.version());
            return false;
        }
        if (next.sameValuesAs(current)) {
            logger.info("Settings file {} was saved with the same values; nothing to restart", file);
            return false;
        }
        String changes = next.describeChangesFrom(current);
        logger.info("Settings file {} changed ({}); failing the configurator so that it and its dependents restart",
                file, changes);
        failure.accept(new SettingsChangedException(file, changes));
        return true;
    }
}
