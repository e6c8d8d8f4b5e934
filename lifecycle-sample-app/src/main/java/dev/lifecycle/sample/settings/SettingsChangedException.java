package dev.lifecycle.sample.settings;

import java.nio.file.Path;

/**
 * The cause the {@code configurator} service fails with when its settings file changes, so that the registry stops
 * what was built from the old settings, restarts the configurator (which reads the file again) and starts the rest
 * with the new values.
 */
public class SettingsChangedException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * For a change of {@code file}.
     *
     * @param file the settings file
     * @param changes what changed, as {@link DbSettings#describeChangesFrom} says it
     */
    public SettingsChangedException(Path file, String changes) {
        super("Settings file " + file + " changed (" + changes + ")");
    }
}
