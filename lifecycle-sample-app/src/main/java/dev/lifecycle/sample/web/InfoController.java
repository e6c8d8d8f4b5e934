package dev.lifecycle.sample.web;

import dev.lifecycle.core.ServiceHandle;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.sample.notes.NoteRepository;
import dev.lifecycle.sample.notes.NoteRepositoryService;
import dev.lifecycle.sample.settings.ConfiguratorService;
import dev.lifecycle.sample.settings.DbSettings;
import java.util.Objects;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/info}: the settings version and the database in use, to see a change of the settings file take
 * effect.
 */
@RestController
public class InfoController {

    private final ServiceHandle<DbSettings> settings;
    private final ServiceHandle<NoteRepository> repository;

    /**
     * A controller over the registry's {@code configurator} and {@code repository} services.
     *
     * @param registry the registry
     */
    public InfoController(ServiceRegistry registry) {
        this.settings = registry.handle(ConfiguratorService.KEY);
        this.repository = registry.handle(NoteRepositoryService.KEY);
    }

    /** The settings and the database in use; 503 while either service is not running. */
    @GetMapping("/api/info")
    public SampleInfo info() {
        NoteRepository notes = Objects.requireNonNull(repository.get());
        DbSettings current = Objects.requireNonNull(settings.get());
        return new SampleInfo(current.file().toString(), current.version(), notes.jdbcUrl(), current.poolSize(),
                notes.count());
    }
}
