package dev.lifecycle.spring.console;

import org.jspecify.annotations.Nullable;

/**
 * Where the console finds the actuator's {@code services} endpoint, and whether it may call its write operation.
 *
 * @param path the endpoint's path below the dispatcher servlet ({@code /actuator/services}); {@code null} when the
 *        console cannot read it
 * @param writable whether the endpoint's write operation (fail, restart, stop, start) is mapped over HTTP
 * @param problem why the console cannot read the endpoint and how to fix it; {@code null} when it can
 * @since 0.1
 */
public record ServicesEndpointLink(@Nullable String path, boolean writable, @Nullable String problem) {

    /**
     * Checks that there is either a path or a problem.
     *
     * @param path the endpoint's path below the dispatcher servlet ({@code /actuator/services}); {@code null} when the
     *        console cannot read it
     * @param writable whether the endpoint's write operation (fail, restart, stop, start) is mapped over HTTP
     * @param problem why the console cannot read the endpoint and how to fix it; {@code null} when it can
     * @throws IllegalArgumentException if there are both a path and a problem, or neither, or a problem and {@code
     *        writable}
     */
    public ServicesEndpointLink {
        if ((path == null) == (problem == null)) {
            throw new IllegalArgumentException("Give either a path or a problem, not both or neither");
        }
        if (path == null && writable) {
            throw new IllegalArgumentException("An unavailable endpoint cannot be writable");
        }
    }

    /**
     * An endpoint the console can read.
     *
     * @param path its path below the dispatcher servlet, such as {@code /actuator/services}
     * @param writable whether its write operation is mapped
     * @return the link
     */
    public static ServicesEndpointLink available(String path, boolean writable) {
        return new ServicesEndpointLink(path, writable, null);
    }

    /**
     * An endpoint the console cannot read.
     *
     * @param problem why, and how to fix it
     * @return the link
     */
    public static ServicesEndpointLink unavailable(String problem) {
        return new ServicesEndpointLink(null, false, problem);
    }
}
