package dev.lifecycle.sample.web;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/notes}.
 *
 * @param text what the note says
 */
public record NewNote(@Nullable String text) {
}
