/**
 * The {@code database} service: a connection pool built from the {@code db.*} settings.
 */
@NullMarked
package dev.lifecycle.sample.database;

import org.jspecify.annotations.NullMarked;
