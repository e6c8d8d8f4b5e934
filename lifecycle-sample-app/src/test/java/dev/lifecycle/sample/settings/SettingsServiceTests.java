package dev.lifecycle.sample.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.core.ServiceDefinition;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.spring.ConfigurationRestarts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The settings service puts the keys a saved file changes into the environment and asks for exactly the services
 * that read them to be restarted; a file with a mistake, or the same values, changes nothing.
 */
class SettingsServiceTests {

    @TempDir
    Path directory;

    private Path file;

    private final StandardEnvironment environment = new StandardEnvironment();

    /** The keys of every restart asked for, in order. */
    private final List<Set<String>> restartsAskedFor = new CopyOnWriteArrayList<>();

    private final ConfigurationRestarts restarts = new ConfigurationRestarts() {
        @Override
        public CompletableFuture<Set<String>> restartFor(Collection<String> changedKeys) {
            restartsAskedFor.add(new TreeSet<>(changedKeys));
            return CompletableFuture.completedFuture(Set.of());
        }
    };

    private SettingsService service;

    @BeforeEach
    void fileAsTheApplicationReadItAtStartUp() throws IOException {
        file = directory.resolve("settings.properties");
        assertThat(SettingsFile.createWithDefaultsIfMissing(file)).isTrue();
        environment.getPropertySources().addFirst(new MapPropertySource(
                SettingsEnvironmentPostProcessor.PROPERTY_SOURCE,
                new LinkedHashMap<>(SettingsFile.parse(file, Files.readAllBytes(file)))));
        service = new SettingsService(file, Duration.ofMillis(20), environment, restarts);
    }

    @Test
    void aChangedListLimitIsPutIntoTheEnvironmentAndRestartsTheServicesThatReadIt() throws IOException {
        Set<String> changed = service.apply(edited("notes.list-limit=50", "notes.list-limit=3"));

        assertThat(changed).containsExactly("notes.list-limit");
        assertThat(restartsAskedFor).containsExactly(Set.of("notes.list-limit"));
        assertThat(environment.getProperty("notes.list-limit")).isEqualTo("3");
        assertThat(environment.getProperty("db.pool-size")).isEqualTo("4");
    }

    @Test
    void aChangedDatabaseUrlAndPoolSizeAreOneRestartNamingBothKeys() throws IOException {
        Set<String> changed = service.apply(edited("notes-a", "notes-b", "db.pool-size=4", "db.pool-size=6"));

        assertThat(changed).containsExactly("db.pool-size", "db.url");
        assertThat(restartsAskedFor).containsExactly(Set.of("db.pool-size", "db.url"));
        assertThat(environment.getProperty("db.url")).endsWith("/notes-b");
    }

    @Test
    void aFileWithAMistakeIsIgnoredAndTheCurrentSettingsAreKept() throws IOException {
        Set<String> changed = service.apply(edited("db.pool-size=4", "db.pool-size=99"));

        assertThat(changed).isEmpty();
        assertThat(restartsAskedFor).isEmpty();
        assertThat(environment.getProperty("db.pool-size")).isEqualTo("4");
    }

    @Test
    void aFileSavedWithTheSameValuesRestartsNothing() throws IOException {
        Set<String> changed = service.apply(edited("# Try another database", "# Saved again, nothing changed"));

        assertThat(changed).isEmpty();
        assertThat(restartsAskedFor).isEmpty();
    }

    @Test
    void whileRunningItWatchesTheFileAndAppliesEachSavedChange() throws Exception {
        try (ServiceRegistry registry = ServiceRegistry.builder().build()) {
            registry.install(ServiceDefinition.of(SettingsService.NAME, Void.class, service));
            registry.startAll().get(30, TimeUnit.SECONDS);
            assertThat(restartsAskedFor).isEmpty();

            Files.write(file, edited("notes.list-limit=50", "notes.list-limit=7"));
            await().atMost(Duration.ofSeconds(30)).until(() -> !restartsAskedFor.isEmpty());
            assertThat(restartsAskedFor).containsExactly(Set.of("notes.list-limit"));

            registry.stop(SettingsService.NAME).get(30, TimeUnit.SECONDS);
            Files.write(file, edited("notes.list-limit=7", "notes.list-limit=8", "db.pool-size=4", "db.pool-size=5"));
            registry.start(SettingsService.NAME).get(30, TimeUnit.SECONDS);
            // The change saved while it was stopped is applied as it starts.
            assertThat(restartsAskedFor).containsExactly(Set.of("notes.list-limit"),
                    Set.of("db.pool-size", "notes.list-limit"));
        }
    }

    @Test
    void anEnvironmentWithoutTheSettingsPropertySourceIsAnErrorNamingTheMissingSetUp() throws IOException {
        SettingsService unprepared = new SettingsService(file, Duration.ofMillis(20), new StandardEnvironment(),
                restarts);

        assertThatIllegalStateException()
                .isThrownBy(() -> unprepared.apply(Files.readAllBytes(file)))
                .withMessageContaining("no property source 'sampleSettingsFile'")
                .withMessageContaining("META-INF/spring.factories");
    }

    /** The file's contents with each pair of {@code from, to} replaced. */
    private byte[] edited(String... replacements) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> pairs = new ArrayList<>(List.of(replacements));
        for (int i = 0; i < pairs.size(); i += 2) {
            assertThat(text).contains(pairs.get(i));
            text = text.replace(pairs.get(i), pairs.get(i + 1));
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
