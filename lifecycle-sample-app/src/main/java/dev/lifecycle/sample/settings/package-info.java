/**
 * The settings file: read into the environment at start-up, and watched by the {@code settings} service, which
 * restarts the services that read the keys a change touches.
 */
@NullMarked
package dev.lifecycle.sample.settings;

import org.jspecify.annotations.NullMarked;
