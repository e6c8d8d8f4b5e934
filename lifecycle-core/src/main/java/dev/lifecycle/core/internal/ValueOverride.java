package dev.lifecycle.core.internal;

import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistryBuilder;
import org.jspecify.annotations.Nullable;

/**
 * A fixed value replacing the service installed under {@code key} (see {@link ServiceRegistryBuilder#override}).
 *
 * @param key the key of the service replaced
 * @param value the value it publishes instead
 * @param <T> the value type
 */
public record ValueOverride<T>(ServiceKey<T> key, @Nullable T value) {
}
