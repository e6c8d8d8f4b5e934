/**
 * The {@code repository} service: notes stored in the current database.
 */
@NullMarked
package dev.lifecycle.sample.notes;

import org.jspecify.annotations.NullMarked;
