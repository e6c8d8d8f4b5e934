package dev.lifecycle.sample.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsFileTests {

    @TempDir
    Path directory;

    @Test
    void missingFileIsCreatedWithDefaultsPointingNextToIt() throws Exception {
        Path file = directory.resolve("not/yet/there/db.properties");

        boolean created = SettingsFile.createWithDefaultsIfMissing(file);

        assertThat(created).isTrue();
        DbSettings settings = SettingsFile.parse(file, Files.readAllBytes(file));
        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:h2:file:" + file.getParent().toString().replace('\\', '/')
                + "/notes-a");
        assertThat(settings.username()).isEqualTo("sa");
        assertThat(settings.password()).isEmpty();
        assertThat(settings.poolSize()).isEqualTo(4);
    }

    @Test
    void existingFileIsLeftAlone() throws Exception {
        Path file = directory.resolve("db.properties");
        Files.writeString(file, "db.url=jdbc:h2:mem:mine\n");

        boolean created = SettingsFile.createWithDefaultsIfMissing(file);

        assertThat(created).isFalse();
        assertThat(file).hasContent("db.url=jdbc:h2:mem:mine");
    }

    @Test
    void unknownKeyIsRefusedWithTheKnownOnes() {
        assertThatExceptionOfType(InvalidSettingsException.class)
                .isThrownBy(() -> parse("db.url=jdbc:h2:mem:x\ndb.poolsize=3\n"))
                .withMessage("Invalid settings file " + directory.resolve("db.properties") + ": unknown key db.poolsize;"
                        + " the known keys are db.url, db.username, db.password, db.pool-size");
    }

    @Test
    void missingUrlIsRefusedWithAnExample() {
        assertThatExceptionOfType(InvalidSettingsException.class)
                .isThrownBy(() -> parse("db.username=sa\n"))
                .withMessage("Invalid settings file " + directory.resolve("db.properties") + ": db.url is missing;"
                        + " set it to a JDBC URL such as jdbc:h2:file:./data/notes-a or jdbc:h2:mem:notes");
    }

    @Test
    void poolSizeOutOfRangeIsRefused() {
        assertThatExceptionOfType(InvalidSettingsException.class)
                .isThrownBy(() -> parse("db.url=jdbc:h2:mem:x\ndb.pool-size=0\n"))
                .withMessageEndingWith(": db.pool-size is '0'; set it to a whole number from 1 to 50");
        assertThatExceptionOfType(InvalidSettingsException.class)
                .isThrownBy(() -> parse("db.url=jdbc:h2:mem:x\ndb.pool-size=four\n"))
                .withMessageEndingWith(": db.pool-size is 'four'; set it to a whole number from 1 to 50");
    }

    @Test
    void changesAreDescribedWithoutShowingThePassword() {
        DbSettings before = parse("db.url=jdbc:h2:mem:a\ndb.password=old-secret\n");
        DbSettings after = parse("db.url=jdbc:h2:mem:b\ndb.password=new-secret\ndb.pool-size=2\n");

        String changes = after.describeChangesFrom(before);

        assertThat(changes).isEqualTo("db.url: jdbc:h2:mem:a -> jdbc:h2:mem:b, db.password changed, db.pool-size: 4 -> 2");
        assertThat(after.toString()).doesNotContain("new-secret");
    }

    private DbSettings parse(String content) {
        return SettingsFile.parse(directory.resolve("db.properties"), content.getBytes(StandardCharsets.UTF_8));
    }
}
