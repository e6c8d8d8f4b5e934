package dev.lifecycle.plainsample;

import dev.lifecycle.core.ServiceHandle;
import dev.lifecycle.sample.SampleProperties;
import dev.lifecycle.sample.database.DatabaseService;
import dev.lifecycle.sample.database.DbSettings;
import dev.lifecycle.sample.notes.NoteRepository;
import dev.lifecycle.sample.notes.NoteRepositoryService;
import dev.lifecycle.sample.web.SampleInfo;
import java.nio.file.Path;
import java.util.Objects;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/info} over the plain services: what the sample's {@code InfoController} does. */
@RestController
class PlainInfoController {

    private final ServiceHandle<NoteRepository> repository;
    private final DatabaseService database;
    private final Path settingsFile;

    PlainInfoController(PlainValues values, DatabaseService database, SampleProperties properties) {
        this.repository = values.handle(NoteRepositoryService.KEY);
        this.database = database;
        this.settingsFile = properties.settingsFile().toAbsolutePath().normalize();
    }

    @GetMapping("/api/info")
    SampleInfo info() {
        NoteRepository notes = PlainServiceNotRunningException.valueOf(repository);
        DbSettings current = Objects.requireNonNull(database.settings());
        return SampleInfo.of(settingsFile, current, notes);
    }
}
