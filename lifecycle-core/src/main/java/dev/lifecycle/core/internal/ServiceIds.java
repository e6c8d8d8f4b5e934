package dev.lifecycle.core.internal;

import dev.lifecycle.core.ServiceKey;

/**
 * The rules of service names, qualifiers and ids (an id is a name, or {@code name:qualifier}), shared by
 * {@link ServiceKey} and the ids given by name ({@code dependsOn}, {@code wants}).
 */
public final class ServiceIds {

    private ServiceIds() {
    }

    /**
     * Checks one part of a key.
     *
     * @param what {@code "name"} or {@code "qualifier"}, for the message
     * @param value the part
     * @throws IllegalArgumentException if it is empty or contains ':' or whitespace
     */
    public static void checkPart(String what, String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("A service " + what + " must not be empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > ' ' && c < 0x7f && c != ':') {
                continue;
            }
            if (c == ':' || Character.isWhitespace(c)) {
                throw new IllegalArgumentException("Invalid service " + what + " '" + value
                        + "': it must not contain ':' or whitespace (use the qualifier to tell instances apart)");
            }
        }
    }

    /**
     * Checks a service id given to {@code call}, as a key checks its parts.
     *
     * @param call the call that names it, for the messages
     * @return the id
     */
    static String checkId(String id, String call) {
        Checks.notNull(id, call, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("A service id must not be blank");
        }
        int colon = id.indexOf(':');
        if (colon < 0) {
            checkPart("name", id);
        } else {
            checkPart("name", id.substring(0, colon));
            checkPart("qualifier", id.substring(colon + 1));
        }
        return id;
    }
}
