package dev.lifecycle.spring.internal;

import dev.lifecycle.spring.ServiceStartupException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/**
 * A prefix of configuration keys a service reads, such as {@code db.}: it matches the key {@code db} and every key
 * under it ({@code db.url}, {@code db.pool-size}), in any of the forms Spring Boot binds ({@code db.poolSize},
 * {@code DB_POOL_SIZE}).
 *
 * @since 0.1
 */
public final class KeyPrefix {

    private final String text;
    private final ConfigurationPropertyName name;

    private KeyPrefix(String text, ConfigurationPropertyName name) {
        this.text = text;
        this.name = name;
    }

    /**
     * What is wrong with {@code prefix}, or {@code null} if it is a valid prefix.
     *
     * @param prefix the prefix, as written in {@code application.properties}
     * @return the problem, for a message
     */
    public static @Nullable String problem(String prefix) {
        String stripped = strip(prefix);
        if (stripped.isEmpty()) {
            return "an empty prefix would match every key";
        }
        return ConfigurationPropertyName.isValid(stripped) ? null
                : "'" + prefix + "' is not a property name: use lower-case, dotted, dashed names such as 'db.' or "
                        + "'spring.datasource.'";
    }

    /**
     * A checked prefix.
     *
     * @param prefix the prefix, as written in {@code application.properties}; a trailing dot is optional
     * @param where where the prefix was declared, for the message
     * @return the prefix
     * @throws ServiceStartupException if it is not a valid prefix
     */
    static KeyPrefix of(String prefix, Supplier<String> where) {
        String problem = problem(prefix);
        if (problem != null) {
            throw new ServiceStartupException(where.get() + " names an invalid configuration key prefix: " + problem
                    + ".", "Correct the prefix: it is the start of the keys the service reads, such as 'db.'.", null);
        }
        String stripped = strip(prefix);
        return new KeyPrefix(stripped, ConfigurationPropertyName.of(stripped));
    }

    /**
     * The prefix of a {@code @ConfigurationProperties} bean, which Spring Boot has checked already.
     *
     * @param prefix the annotation's prefix
     * @return the prefix, or {@code null} for the empty prefix (the bean binds from the root: it matches no key)
     */
    static @Nullable KeyPrefix ofBound(String prefix) {
        String stripped = strip(prefix);
        ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(stripped);
        return stripped.isEmpty() || name == null ? null : new KeyPrefix(stripped, name);
    }

    /**
     * A changed key as a property name: {@code db.pool-size} as it is, {@code DB_POOL_SIZE} (an environment
     * variable) split at its underscores.
     *
     * @param key the key
     * @return the name, or {@code null} if the key cannot name a property
     */
    static @Nullable ConfigurationPropertyName key(String key) {
        try {
            boolean environmentVariable = key.indexOf('.') < 0 && key.indexOf('_') >= 0;
            ConfigurationPropertyName name = ConfigurationPropertyName.adapt(key, environmentVariable ? '_' : '.');
            return name.isEmpty() ? null : name;
        }
        catch (RuntimeException ex) {
            return null;
        }
    }

    /** Whether {@code key} is this prefix or a key under it. */
    boolean matches(ConfigurationPropertyName key) {
        return name.equals(key) || name.isAncestorOf(key);
    }

    private static String strip(String prefix) {
        String stripped = prefix.strip();
        return stripped.endsWith(".") ? stripped.substring(0, stripped.length() - 1) : stripped;
    }

    @Override
    public String toString() {
        return text + ".";
    }
}
