package dev.lifecycle.sample.settings;

import java.nio.file.Path;

/**
 * The settings file cannot be used: the message names the file, the key at fault and what it should be.
 */
public class InvalidSettingsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * For a problem with {@code file}.
     *
     * @param file the settings file
     * @param problem what is wrong and how to fix it
     */
    public InvalidSettingsException(Path file, String problem) {
        super("Invalid settings file " + file + ": " + problem);
    }
}
