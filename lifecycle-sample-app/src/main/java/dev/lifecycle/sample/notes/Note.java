package dev.lifecycle.sample.notes;

import java.time.Instant;
import java.util.Objects;

/**
 * A note stored in the current database.
 *
 * @param id its id in that database
 * @param text what it says
 * @param createdAt when it was added
 */
public record Note(long id, String text, Instant createdAt) {

    /** Checks the parts. */
    public Note {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
