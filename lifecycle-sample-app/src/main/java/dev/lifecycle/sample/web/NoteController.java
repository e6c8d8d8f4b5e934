package dev.lifecycle.sample.web;

import dev.lifecycle.core.ServiceHandle;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.sample.notes.Note;
import dev.lifecycle.sample.notes.NoteRepository;
import dev.lifecycle.sample.notes.NoteRepositoryService;
import java.util.List;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Notes in the current database, through the {@code repository} service. Each request reads the repository of the
 * current start cycle from the service's handle; while the service is not running the handle throws, and
 * {@link ServiceUnavailableAdvice} answers 503.
 */
@RestController
@RequestMapping("/api/notes")
public class NoteController {

    private final ServiceHandle<NoteRepository> repository;

    /**
     * A controller over the registry's {@code repository} service.
     *
     * @param registry the registry
     */
    public NoteController(ServiceRegistry registry) {
        this.repository = registry.handle(NoteRepositoryService.KEY);
    }

    /** The latest notes, newest first, as many as {@code notes.list-limit} says. */
    @GetMapping
    public List<Note> latest() {
        NoteRepository notes = repository();
        return notes.latest(notes.listLimit());
    }

    /** One note, 404 if the current database does not have it. */
    @GetMapping("/{id}")
    public Note note(@PathVariable long id) {
        return repository().find(id).orElseThrow(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No note " + id + " in the current database"));
    }

    /** Adds a note: 201 with the stored note and its location, 400 if the text is missing, blank or too long. */
    @PostMapping
    public ResponseEntity<Note> add(@RequestBody NewNote body, UriComponentsBuilder uri) {
        Note note = repository().add(body.validText());
        return ResponseEntity.created(uri.path("/api/notes/{id}").build(note.id())).body(note);
    }

    private NoteRepository repository() {
        return Objects.requireNonNull(repository.get());
    }
}
