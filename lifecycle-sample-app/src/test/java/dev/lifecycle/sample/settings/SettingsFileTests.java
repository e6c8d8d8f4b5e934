package dev.lifecycle.sample.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsFileTests {

    @TempDir
    Path directory;

    @Test
    void missingFileIsCreatedWithDefaultsPointingNextToIt() throws Exception {
        Path file = directory.resolve("not/yet/there/settings.properties");

        boolean created = SettingsFile.createWithDefaultsIfMissing(file);

        assertThat(created).isTrue();
        assertThat(SettingsFile.parse(file, Files.readAllBytes(file))).containsExactly(
                Map.entry("db.password", ""), Map.entry("db.pool-size", "4"),
                Map.entry("db.url", "jdbc:h2:file:" + file.getParent().toString().replace('\\', '/') + "/notes-a"),
                Map.entry("db.username", "sa"), Map.entry("notes.list-limit", "50"));
    }

    @Test
    void existingFileIsLeftAlone() throws Exception {
        Path file = directory.resolve("settings.properties");
        Files.writeString(file, "db.url=jdbc:h2:mem:mine\n");

        boolean created = SettingsFile.createWithDefaultsIfMissing(file);

        assertThat(created).isFalse();
        assertThat(file).hasContent("db.url=jdbc:h2:mem:mine");
    }

    @Test
    void valuesAreTrimmedButThePasswordIsKeptAsWritten() {
        assertThat(parse("db.url = jdbc:h2:mem:x  \ndb.password= secret \n")).containsExactly(
                Map.entry("db.password", "secret "), Map.entry("db.url", "jdbc:h2:mem:x"));
    }

    @Test
    void unknownKeyIsRefusedWithTheKnownOnes() {
        assertThatExceptionOfType(InvalidSettingsException.class)
                .isThrownBy(() -> parse("db.url=jdbc:h2:mem:x\ndb.poolsize=3\n"))
                .withMessage("Invalid settings file " + directory.resolve("settings.properties") + ": unknown key "
                        + "db.poolsize; the known keys are db.url, db.username, db.password, db.pool-size, "
                        + "notes.list-limit");
    }

    @Test
    void missingUrlIsRefusedWithAnExample() {
        assertThatExceptionOfType(InvalidSettingsException.class)
                .isThrownBy(() -> parse("db.username=sa\n"))
                .withMessage("Invalid settings file " + directory.resolve("settings.properties") + ": db.url is "
                        + "missing; set it to a JDBC URL such as jdbc:h2:file:./data/notes-a or jdbc:h2:mem:notes");
    }

    @Test
    void numbersOutOfRangeAreRefusedNamingTheKey() {
        assertThatExceptionOfType(InvalidSettingsException.class)
                .isThrownBy(() -> parse("db.url=jdbc:h2:mem:x\ndb.pool-size=0\n"))
                .withMessageEndingWith(": db.pool-size is '0'; set it to a whole number from 1 to 50");
        assertThatExceptionOfType(InvalidSettingsException.class)
                .isThrownBy(() -> parse("db.url=jdbc:h2:mem:x\ndb.pool-size=four\n"))
                .withMessageEndingWith(": db.pool-size is 'four'; set it to a whole number from 1 to 50");
        assertThatExceptionOfType(InvalidSettingsException.class)
                .isThrownBy(() -> parse("db.url=jdbc:h2:mem:x\nnotes.list-limit=501\n"))
                .withMessageEndingWith(": notes.list-limit is '501'; set it to a whole number from 1 to 500");
    }

    private Map<String, String> parse(String content) {
        return SettingsFile.parse(directory.resolve("settings.properties"), content.getBytes(StandardCharsets.UTF_8));
    }
}
