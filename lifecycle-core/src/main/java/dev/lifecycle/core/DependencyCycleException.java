package dev.lifecycle.core;

import java.util.List;

/**
 * Installing a service would have closed a cycle of requirements; nothing was installed.
 *
 * @since 0.1
 */
public class DependencyCycleException extends LifecycleException {

    private static final long serialVersionUID = 1L;

    /** The ids along the cycle; the first and the last are the same. */
    private final List<String> path;

    /**
     * For the cycle {@code path}, whose first and last ids are the same.
     *
     * @param path the ids along the cycle
     */
    public DependencyCycleException(List<String> path) {
        this(path, false);
    }

    /**
     * For the cycle {@code path}, whose first and last ids are the same.
     *
     * @param path the ids along the cycle
     * @param throughWants whether one of its edges is a 'wants', which orders the start as a requirement does
     */
    public DependencyCycleException(List<String> path, boolean throughWants) {
        super("Dependency cycle: " + String.join(" -> ", path) + (throughWants
                ? ", through a 'wants' (which orders the start as a requirement does); break it by removing one of "
                        + "these requirements or wants"
                : "; break it by removing one of these requirements (making one a 'wants' would not: a 'wants' "
                        + "orders the start too)"));
        this.path = List.copyOf(path);
    }

    /**
     * The ids along the cycle; the first and the last are the same.
     *
     * @return the ids along the cycle, in the order of its edges
     */
    public List<String> path() {
        return path;
    }
}
