package dev.lifecycle.sample.settings;

import dev.lifecycle.sample.BackgroundLoop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the settings file on a daemon thread, one start cycle of the {@code settings} service long, and hands its
 * contents on each time they differ from the last read. A file that is gone or cannot be read is logged (once) and
 * the application keeps its current settings.
 *
 * <p>Polling rather than a {@link java.nio.file.WatchService}: it behaves the same on every platform (the JDK's
 * watch service polls every few seconds on macOS) and sees through editors that replace a file instead of writing
 * it. Reading a file of a few hundred bytes twice a second costs nothing.
 */
final class SettingsWatcher extends BackgroundLoop {

    private static final Logger logger = LoggerFactory.getLogger(SettingsWatcher.class);

    private final Path file;
    private final Duration interval;
    private final Consumer<byte[]> changed;

    /** The last contents read; touched by one thread at a time (the service's start, then the polling thread). */
    private byte @Nullable [] seen;

    private boolean missingReported;

    /**
     * A watcher of {@code file}.
     *
     * @param file the settings file
     * @param interval how often to read the file
     * @param changed what to call with the file's contents when they changed
     */
    SettingsWatcher(Path file, Duration interval, Consumer<byte[]> changed) {
        super("settings-watcher");
        this.file = file;
        this.interval = interval;
        this.changed = changed;
    }

    @Override
    protected void loop() {
        try {
            while (!pause(interval)) {
                check();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads the file once, and hands its contents on if they differ from the last read (or it is the first). */
    void check() {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
            missingReported = false;
        }
        catch (NoSuchFileException ex) {
            if (!missingReported) {
                logger.warn("Settings file {} is gone; keeping the current settings (the file is created again "
                        + "with the defaults when the application starts)", file);
                missingReported = true;
            }
            return;
        }
        catch (IOException ex) {
            logger.warn("Cannot read settings file {}: {}; keeping the current settings", file, ex.toString());
            return;
        }
        if (seen != null && Arrays.equals(content, seen)) {
            return;
        }
        seen = content;
        changed.accept(content);
    }
}
