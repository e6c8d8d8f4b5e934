package dev.lifecycle.sample.web;

import dev.lifecycle.core.ServiceHandle;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.sample.SampleProperties;
import dev.lifecycle.sample.database.DatabaseService;
import dev.lifecycle.sample.database.DbSettings;
import dev.lifecycle.sample.notes.NoteRepository;
import dev.lifecycle.sample.notes.NoteRepositoryService;
import java.nio.file.Path;
import java.util.Objects;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/info}: the settings version, the database and the list limit in use, to see a change of the
 * settings file take effect.
 */
@RestController
public class InfoController {

    private final ServiceHandle<NoteRepository> repository;
    private final DatabaseService database;
    private final Path settingsFile;

    /**
     * A controller over the registry's {@code repository} service and the {@code database} service's settings.
     *
     * @param registry the registry
     * @param database the database service
     * @param properties the sample's settings, which name the settings file
     */
    public InfoController(ServiceRegistry registry, DatabaseService database, SampleProperties properties) {
        this.repository = registry.handle(NoteRepositoryService.KEY);
        this.database = database;
        this.settingsFile = properties.settingsFile().toAbsolutePath().normalize();
    }

    /** The settings and the database in use; 503 while the repository is not running. */
    @GetMapping("/api/info")
    public SampleInfo info() {
        NoteRepository notes = Objects.requireNonNull(repository.get());
        DbSettings current = Objects.requireNonNull(database.settings());
        return SampleInfo.of(settingsFile, current, notes);
    }
}
