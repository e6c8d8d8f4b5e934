/**
 * The {@code configurator} service: database settings read from a file on disk and watched for changes.
 */
@NullMarked
package dev.lifecycle.sample.settings;

import org.jspecify.annotations.NullMarked;
