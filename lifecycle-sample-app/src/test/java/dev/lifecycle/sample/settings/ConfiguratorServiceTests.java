package dev.lifecycle.sample.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.core.ServiceContext;
import dev.lifecycle.core.ServiceDefinition;
import dev.lifecycle.core.ServiceHandle;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceSnapshot;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.core.event.ServiceListener;
import dev.lifecycle.core.event.ServiceTransition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configurator in a real registry, without Spring: the file it creates, and the restart a change of the file
 * causes, seen by a dependent.
 */
class ConfiguratorServiceTests {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    @TempDir
    Path directory;

    private final ServiceRegistry registry = ServiceRegistry.builder().build();

    private final List<ServiceTransition> transitions = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeRegistry() {
        registry.close();
    }

    @Test
    void firstStartCreatesTheFileWithDefaultsAndPublishesThem() throws Exception {
        Path file = directory.resolve("data/sample-db.properties");
        install(new ConfiguratorService(file, POLL_INTERVAL));

        registry.startAll().get(30, TimeUnit.SECONDS);

        assertThat(file).hasContent(SettingsFile.defaults(file.getParent()));
        DbSettings settings = registry.get(ConfiguratorService.KEY);
        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:h2:file:" + directory.resolve("data").toString().replace('\\', '/')
                + "/notes-a");
        assertThat(settings.version()).isEqualTo(1);
        assertThat(settings.file()).isEqualTo(file);
    }

    @Test
    void savingOtherValuesRestartsTheConfiguratorAndItsDependentsWithThem() throws Exception {
        Path file = directory.resolve("sample-db.properties");
        Files.writeString(file, "db.url=jdbc:h2:mem:first\n");
        install(new ConfiguratorService(file, POLL_INTERVAL));
        List<String> urlsSeenByDependent = new CopyOnWriteArrayList<>();
        registry.install(ServiceDefinition.builder(ServiceKey.of("dependent", Void.class),
                (ServiceContext context) -> {
                    urlsSeenByDependent.add(registry.get(ConfiguratorService.KEY).jdbcUrl());
                    return null;
                }).requires(ConfiguratorService.KEY).build());
        registry.startAll().get(30, TimeUnit.SECONDS);

        replace(file, "db.url=jdbc:h2:mem:second\n");

        await().atMost(Duration.ofSeconds(30)).until(() -> restarts("configurator") == 1
                && registry.snapshot("dependent").orElseThrow().state() == ServiceState.RUNNING);
        DbSettings settings = registry.get(ConfiguratorService.KEY);
        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:h2:mem:second");
        assertThat(settings.version()).isEqualTo(2);
        assertThat(urlsSeenByDependent).containsExactly("jdbc:h2:mem:first", "jdbc:h2:mem:second");
        ServiceSnapshot configurator = registry.snapshot("configurator").orElseThrow();
        assertThat(configurator.lastFailure()).isNotNull();
        assertThat(configurator.lastFailure().type()).isEqualTo(SettingsChangedException.class.getName());
        assertThat(configurator.lastFailure().message())
                .isEqualTo("Settings file " + file + " changed (db.url: jdbc:h2:mem:first -> jdbc:h2:mem:second)");
        assertThat(transitionsOf("configurator")).containsSubsequence(
                "RUNNING -> STOPPING (FAILURE)", "STOPPING -> FAILED (FAILURE)", "FAILED -> STARTING (RESTART)",
                "STARTING -> RUNNING (RESTART)");
        assertThat(transitionsOf("dependent")).containsSubsequence(
                "RUNNING -> STOPPING (DEPENDENCY)", "STOPPING -> WAITING (DEPENDENCY)");
    }

    @Test
    void restartWithTheSameValuesKeepsTheVersion() throws Exception {
        Path file = directory.resolve("sample-db.properties");
        Files.writeString(file, "db.url=jdbc:h2:mem:first\n");
        install(new ConfiguratorService(file, POLL_INTERVAL));
        registry.startAll().get(30, TimeUnit.SECONDS);

        registry.restart("configurator").get(30, TimeUnit.SECONDS);

        assertThat(restarts("configurator")).isEqualTo(1);
        assertThat(registry.get(ConfiguratorService.KEY).version()).isEqualTo(1);
    }

    @Test
    void stopWaitsForTheWatcherToEnd() throws Exception {
        ConfiguratorService configurator = new ConfiguratorService(directory.resolve("db.properties"),
                Duration.ofHours(1));
        install(configurator);
        registry.startAll().get(30, TimeUnit.SECONDS);
        SettingsWatcher watcher = configurator.watcher();
        assertThat(watcher).isNotNull();
        assertThat(watcher.isAlive()).isTrue();

        registry.stopAll().get(30, TimeUnit.SECONDS);

        assertThat(watcher.isAlive()).isFalse();
    }

    private void install(ConfiguratorService configurator) {
        registry.addListener(new ServiceListener() {
            @Override
            public void onTransition(ServiceTransition transition) {
                transitions.add(transition);
            }
        });
        ServiceHandle<DbSettings> handle = registry.install(
                ServiceDefinition.of(ConfiguratorService.NAME, DbSettings.class, configurator));
        assertThat(handle.key()).isEqualTo(ConfiguratorService.KEY);
    }

    private int restarts(String id) {
        return registry.snapshot(id).map(ServiceSnapshot::restarts).orElse(-1);
    }

    private List<String> transitionsOf(String id) {
        return transitions.stream()
                .filter((transition) -> transition.key().id().equals(id))
                .map((transition) -> transition.from() + " -> " + transition.to() + " (" + transition.reason() + ")")
                .toList();
    }

    /** Replaces the file in one step, the way a test can be sure the watcher never sees half of it. */
    private static void replace(Path file, String content) throws Exception {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, content);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
