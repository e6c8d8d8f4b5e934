package dev.lifecycle.sample.web;

import dev.lifecycle.sample.database.DbSettings;
import dev.lifecycle.sample.notes.NoteRepository;
import java.nio.file.Path;

/**
 * What {@code GET /api/info} answers: which settings and which database the application uses right now.
 *
 * @param settingsFile the settings file the {@code settings} service watches
 * @param settingsVersion the version of the database settings in use: 1 at start, one more at each change of
 *        their values
 * @param jdbcUrl the URL of the database the notes are stored in, as its driver reports it
 * @param poolSize the largest number of pooled connections
 * @param listLimit how many notes {@code GET /api/notes} lists at most
 * @param notes how many notes that database holds
 */
public record SampleInfo(String settingsFile, long settingsVersion, String jdbcUrl, int poolSize, int listLimit,
        long notes) {

    /**
     * The answer for these settings and this repository.
     *
     * @param settingsFile the settings file, as the application resolved it
     * @param settings the database settings in use
     * @param notes the repository of the running start cycle; asked for its URL, list limit and count
     * @return the answer
     */
    public static SampleInfo of(Path settingsFile, DbSettings settings, NoteRepository notes) {
        return new SampleInfo(settingsFile.toString(), settings.version(), notes.jdbcUrl(), settings.poolSize(),
                notes.listLimit(), notes.count());
    }
}
