package dev.lifecycle.core.internal;

import dev.lifecycle.core.ServiceRegistry;
import org.jspecify.annotations.Nullable;

/** Argument checks whose messages name the call and the argument, so that a bad call says how to fix it. */
public final class Checks {

    private Checks() {
    }

    /**
     * Returns {@code value}, or throws if it is {@code null}.
     *
     * @param call the call, as the user wrote it: {@code "ServiceRegistry.fail(id, cause)"}
     * @param argument the argument's name
     * @throws NullPointerException saying which argument of which call is {@code null}
     */
    public static <T> T notNull(@Nullable T value, String call, String argument) {
        if (value == null) {
            throw new NullPointerException(call + ": " + argument + " must not be null");
        }
        return value;
    }
}
