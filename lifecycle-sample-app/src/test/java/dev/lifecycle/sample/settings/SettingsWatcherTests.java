package dev.lifecycle.sample.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One poll of the watcher at a time, on the test's thread: which saves of the file fail the configurator.
 */
class SettingsWatcherTests {

    private static final String CURRENT = "db.url=jdbc:h2:mem:first\ndb.pool-size=2\n";

    @TempDir
    Path directory;

    private Path file;

    private final List<Throwable> failures = new ArrayList<>();

    private SettingsWatcher watcher;

    @BeforeEach
    void watchCurrentSettings() throws Exception {
        file = directory.resolve("db.properties");
        Files.writeString(file, CURRENT);
        byte[] content = CURRENT.getBytes(StandardCharsets.UTF_8);
        DbSettings current = SettingsFile.parse(file, content).withVersion(1);
        watcher = new SettingsWatcher(current, content, Duration.ofHours(1), failures::add);
    }

    @Test
    void unchangedFileIsNotAChange() {
        assertThat(watcher.changed()).isFalse();
        assertThat(failures).isEmpty();
    }

    @Test
    void sameValuesSavedWithOtherCommentsAreNotAChange() throws Exception {
        Files.writeString(file, "# edited\n" + CURRENT + "\n");

        assertThat(watcher.changed()).isFalse();
        assertThat(failures).isEmpty();
    }

    @Test
    void invalidFileIsIgnoredSoTheCurrentSettingsStay() throws Exception {
        Files.writeString(file, "db.url=jdbc:h2:mem:second\ndb.pool-size=lots\n");

        assertThat(watcher.changed()).isFalse();
        assertThat(failures).isEmpty();
    }

    @Test
    void deletedFileIsIgnoredSoTheCurrentSettingsStay() throws Exception {
        Files.delete(file);

        assertThat(watcher.changed()).isFalse();
        assertThat(failures).isEmpty();
    }

    @Test
    void otherValuesFailTheConfiguratorOnceWithWhatChanged() throws Exception {
        Files.writeString(file, "db.url=jdbc:h2:mem:second\ndb.pool-size=2\n");

        assertThat(watcher.changed()).isTrue();
        assertThat(failures).singleElement()
                .isInstanceOf(SettingsChangedException.class)
                .extracting(Throwable::getMessage)
                .isEqualTo("Settings file " + file + " changed (db.url: jdbc:h2:mem:first -> jdbc:h2:mem:second)");
    }

    @Test
    void fixingAnInvalidFileWithOtherValuesIsAChange() throws Exception {
        Files.writeString(file, "db.url=jdbc:h2:mem:second\ndb.pool-size=lots\n");
        watcher.changed();

        Files.writeString(file, "db.url=jdbc:h2:mem:second\ndb.pool-size=3\n");

        assertThat(watcher.changed()).isTrue();
        assertThat(failures).singleElement().extracting(Throwable::getMessage).asString()
                .endsWith("(db.url: jdbc:h2:mem:first -> jdbc:h2:mem:second, db.pool-size: 2 -> 3)");
    }
}
