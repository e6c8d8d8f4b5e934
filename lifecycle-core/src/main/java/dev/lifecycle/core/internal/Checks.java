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

    /**
     * Returns {@code group}, a leader group's name, or throws if it is not one.
     *
     * @param call the call, as the user wrote it, for the messages
     * @throws NullPointerException if it is {@code null}
     * @throws IllegalArgumentException if it is blank, has surrounding whitespace or a control character
     */
    public static String leaderGroup(@Nullable String group, String call) {
        notNull(group, call, "group");
        if (group.isBlank()) {
            throw new IllegalArgumentException(call + ": the leader group must not be blank; name the group whose "
                    + "leader runs the service, e.g. \"scheduling\"");
        }
        if (!group.strip().equals(group) || group.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(call + ": invalid leader group '"
                    + dev.lifecycle.core.LogText.escape(group)
                    + "': it must not start or end with whitespace nor contain control characters");
        }
        return group;
    }
}
