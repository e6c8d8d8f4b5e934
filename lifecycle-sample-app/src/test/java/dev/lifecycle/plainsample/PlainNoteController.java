package dev.lifecycle.plainsample;

import dev.lifecycle.core.ServiceHandle;
import dev.lifecycle.sample.notes.Note;
import dev.lifecycle.sample.notes.NoteRepository;
import dev.lifecycle.sample.notes.NoteRepositoryService;
import dev.lifecycle.sample.web.NewNote;
import java.util.List;
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
 * The sample's notes API ({@code /api/notes}) over the plain repository service's value: what the sample's
 * {@code NoteController} does, so that both applications have the same web layer to start.
 */
@RestController
@RequestMapping("/api/notes")
class PlainNoteController {

    private final ServiceHandle<NoteRepository> repository;

    PlainNoteController(PlainValues values) {
        this.repository = values.handle(NoteRepositoryService.KEY);
    }

    @GetMapping
    List<Note> latest() {
        NoteRepository notes = PlainServiceNotRunningException.valueOf(repository);
        return notes.latest(notes.listLimit());
    }

    @GetMapping("/{id}")
    Note note(@PathVariable long id) {
        return PlainServiceNotRunningException.valueOf(repository).find(id).orElseThrow(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No note " + id + " in the current database"));
    }

    @PostMapping
    ResponseEntity<Note> add(@RequestBody NewNote body, UriComponentsBuilder uri) {
        Note note = PlainServiceNotRunningException.valueOf(repository).add(body.validText());
        return ResponseEntity.created(uri.path("/api/notes/{id}").build(note.id())).body(note);
    }
}
