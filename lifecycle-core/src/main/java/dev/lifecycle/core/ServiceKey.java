package dev.lifecycle.core;

import dev.lifecycle.core.internal.Checks;
import dev.lifecycle.core.internal.ServiceIds;
import org.jspecify.annotations.Nullable;

/**
 * Identifies a service: a name, the type of the value it publishes, and an optional qualifier that tells apart
 * several services of one kind (for example one client per cluster).
 *
 * <p>Two keys with the same name and qualifier name the same service; its {@link #id()} is the name, or
 * {@code name:qualifier}. Installing a key whose id is taken by a service of another type is refused.
 *
 * @param name the service name: non-empty, without ':' or whitespace
 * @param type the value type ({@link Void} for none)
 * @param qualifier the optional qualifier: non-empty, without ':' or whitespace
 * @param <T> the value type
 * @since 0.1
 */
public record ServiceKey<T>(String name, Class<T> type, @Nullable String qualifier) {

    /**
     * Checks the parts.
     *
     * @param name the service name: non-empty, without ':' or whitespace
     * @param type the value type
     * @param qualifier the optional qualifier: non-empty, without ':' or whitespace
     * @throws IllegalArgumentException if the name or the qualifier is empty or holds ':' or whitespace
     */
    public ServiceKey {
        Checks.notNull(name, "ServiceKey.of(name, type)", "name");
        Checks.notNull(type, "ServiceKey.of(name, type)", "type");
        ServiceIds.checkPart("name", name);
        if (qualifier != null) {
            ServiceIds.checkPart("qualifier", qualifier);
        }
    }

    /**
     * A key without qualifier.
     *
     * @param name the service name
     * @param type the value type
     * @param <T> the value type
     * @return the key
     */
    public static <T> ServiceKey<T> of(String name, Class<T> type) {
        return new ServiceKey<>(name, type, null);
    }

    /**
     * A key with a qualifier.
     *
     * @param name the service name
     * @param type the value type
     * @param qualifier the qualifier, or {@code null} for none
     * @param <T> the value type
     * @return the key
     */
    public static <T> ServiceKey<T> of(String name, Class<T> type, @Nullable String qualifier) {
        return new ServiceKey<>(name, type, qualifier);
    }

    /**
     * The id of the service: its name, or {@code name:qualifier}.
     *
     * @return the name, or {@code name:qualifier}
     */
    public String id() {
        return id(name, qualifier);
    }

    private static String id(String name, @Nullable String qualifier) {
        return qualifier == null ? name : name + ":" + qualifier;
    }

    @Override
    public String toString() {
        return id() + " (" + type.getName() + ")";
    }
}
