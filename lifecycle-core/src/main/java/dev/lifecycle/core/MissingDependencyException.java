package dev.lifecycle.core;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The registry was started while some requirements were not installed; nothing was started.
 *
 * @since 0.1
 */
public class MissingDependencyException extends LifecycleException {

    private static final long serialVersionUID = 1L;

    /** Each missing id, with the ids of the services that require it. */
    private final Map<String, List<String>> missing;

    /**
     * For the missing ids, each with the ids of the services that require it.
     *
     * @param missing missing id to the services needing it, in a stable order
     */
    public MissingDependencyException(Map<String, List<String>> missing) {
        super("Missing required services: " + missing.entrySet().stream()
                .map(e -> "'" + e.getKey() + "' (required by " + String.join(", ", e.getValue()) + ")")
                .collect(Collectors.joining("; "))
                + "; install them before starting the registry, or remove the requirements");
        this.missing = Map.copyOf(missing);
    }

    /**
     * Each missing id, with the ids of the services that require it.
     *
     * @return each missing id, mapped to the ids of the services that require it
     */
    public Map<String, List<String>> missing() {
        return missing;
    }
}
