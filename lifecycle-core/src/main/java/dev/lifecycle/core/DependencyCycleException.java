package dev.lifecycle.core;

import java.util.List;

/**
 * Installing a service would have closed a cycle of requirements; nothing was installed.
 *
 * @since 0.1
 */
public class DependencyCycleException extends LifecycleException {

    private static final long serialVersionUID = 1L;

    private final List<String> path;

    /**
     * For the cycle {@code path}, whose first and last ids are the same.
     *
     * @param path the ids along the cycle
     */
    public DependencyCycleException(List<String> path) {
        super("Dependency cycle: " + String.join(" -> ", path)
                + "; break it by removing one of these requirements, or make one of them a 'wants'");
        this.path = List.copyOf(path);
    }

    /** The ids along the cycle; the first and the last are the same. */
    public List<String> path() {
        return path;
    }
}
