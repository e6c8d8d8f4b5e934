package dev.lifecycle.sample.web;

import dev.lifecycle.sample.notes.NoteRepository;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The body of {@code POST /api/notes}.
 *
 * @param text what the note says
 */
public record NewNote(@Nullable String text) {

    /**
     * The text to store.
     *
     * @return the text, non-blank and at most {@link NoteRepository#MAX_TEXT_LENGTH} characters
     * @throws ResponseStatusException 400 naming the rule and an example, if the text is missing, blank or too long
     */
    public String validText() {
        String given = text;
        if (given == null || given.isBlank() || given.length() > NoteRepository.MAX_TEXT_LENGTH) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'text' must be a non-blank string of at most "
                    + NoteRepository.MAX_TEXT_LENGTH + " characters, e.g. {\"text\": \"hello\"}");
        }
        return given;
    }
}
