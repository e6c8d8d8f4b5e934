/**
 * The sample application: a configuration read from a file, and the database, repository and heartbeat built from it,
 * rebuilt in order whenever the file changes.
 */
@NullMarked
package dev.lifecycle.sample;

import org.jspecify.annotations.NullMarked;
