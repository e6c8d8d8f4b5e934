package dev.lifecycle.sample.web;

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
}
