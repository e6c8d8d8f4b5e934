/**
 * The {@code heartbeat} service: a background loop writing a row every second.
 */
@NullMarked
package dev.lifecycle.sample.heartbeat;

import org.jspecify.annotations.NullMarked;
