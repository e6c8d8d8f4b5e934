package dev.lifecycle.spring.console;

import org.jspecify.annotations.Nullable;

/**
 * Where the console finds the actuator's {@code services} endpoint, and whether it may call its write operation.
 *
 * @param path the endpoint's path below the dispatcher servlet ({@code /actuator/services}); {@code null} when the
 *        console cannot read it
 * @param writable whether the endpoint's write operation (fail, restart, stop, start) is mapped over HTTP
 * @param problem why the console cannot read the endpoint and how to fix it; {@code null} when it can
 * @param historyPath the path of the {@code serviceevents} endpoint below the dispatcher servlet
 *        ({@code /actuator/serviceevents}), whose transitions the console's timeline shows; {@code null} when it is
 *        not exposed over HTTP (the timeline then shows only the latest start of each running service)
 * @since 0.1
 */
public record ServicesEndpointLink(@Nullable String path, boolean writable, @Nullable String problem,
        @Nullable String historyPath) {

    /**
     * Checks that there is either a path or a problem.
     *
     * @param path the endpoint's path below the dispatcher servlet ({@code /actuator/services}); {@code null} when the
     *        console cannot read it
     * @param writable whether the endpoint's write operation (fail, restart, stop, start) is mapped over HTTP
     * @param problem why the console cannot read the endpoint and how to fix it; {@code null} when it can
     * @param historyPath the path of the {@code serviceevents} endpoint, {@code null} when it is not exposed
     * @throws IllegalArgumentException if there are both a path and a problem, or neither, or a problem and {@code
     *        writable} or a history path
     */
    public ServicesEndpointLink {
        if ((path == null) == (problem == null)) {
            throw new IllegalArgumentException("Give either a path or a problem, not both or neither");
        }
        if (path == null && writable) {
            throw new IllegalArgumentException("An unavailable endpoint cannot be writable");
        }
        if (path == null && historyPath != null) {
            throw new IllegalArgumentException("An unavailable endpoint has no history to show");
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
        return new ServicesEndpointLink(path, writable, null, null);
    }

    /**
     * An endpoint the console cannot read.
     *
     * @param problem why, and how to fix it
     * @return the link
     */
    public static ServicesEndpointLink unavailable(String problem) {
        return new ServicesEndpointLink(null, false, problem, null);
    }

    /**
     * This link, with the {@code serviceevents} endpoint the timeline reads.
     *
     * @param historyPath its path below the dispatcher servlet, such as {@code /actuator/serviceevents}
     * @return the link
     * @throws IllegalArgumentException if the {@code services} endpoint is unavailable
     */
    public ServicesEndpointLink withHistory(String historyPath) {
        return new ServicesEndpointLink(path, writable, problem, historyPath);
    }
}
