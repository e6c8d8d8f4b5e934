package dev.lifecycle.core;

import dev.lifecycle.core.internal.Misspellings;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The registry was started while some requirements were not installed; nothing was started. For a missing id that
 * looks like a misspelling of an installed one, the message and {@link #suggestions()} name that one.
 *
 * @since 0.1
 */
public class MissingDependencyException extends LifecycleException {

    private static final long serialVersionUID = 1L;

    private final Map<String, List<String>> missing;
    private final Map<String, String> suggestions;

    /**
     * For the missing ids, each with the ids of the services that require it.
     *
     * @param missing missing id to the services needing it, in a stable order
     */
    public MissingDependencyException(Map<String, List<String>> missing) {
        this(missing, List.of());
    }

    /**
     * For the missing ids, each with the ids of the services that require it, suggesting for each the installed id
     * closest to it, if one is close enough to be what was meant ({@code database} for {@code databse}).
     *
     * @param missing missing id to the services needing it, in a stable order
     * @param installed the ids that are installed
     */
    public MissingDependencyException(Map<String, List<String>> missing, Collection<String> installed) {
        this(missing, suggestions(missing, installed));
    }

    private MissingDependencyException(Map<String, List<String>> missing, Map<String, String> suggestions) {
        super("Missing required services: " + missing.entrySet().stream()
                .map(e -> requiredBy(e.getValue()) + " '" + e.getKey() + "', which is not installed"
                        + (suggestions.containsKey(e.getKey())
                                ? "; did you mean '" + suggestions.get(e.getKey()) + "'?" : "."))
                .collect(Collectors.joining(" "))
                + " Install the missing services before starting the registry, or remove the requirements.");
        // In the order given (Map.copyOf would iterate in an order that changes from one JVM to the next).
        this.missing = Collections.unmodifiableMap(new LinkedHashMap<>(missing));
        this.suggestions = Collections.unmodifiableMap(new LinkedHashMap<>(suggestions));
    }

    /** Each missing id, with the ids of the services that require it, in the order given (the engine's: by id). */
    public Map<String, List<String>> missing() {
        return missing;
    }

    /**
     * For each missing id that looks like a misspelling of an installed one, that installed id.
     *
     * @return missing id to the installed id suggested for it; missing ids without a suggestion are left out
     */
    public Map<String, String> suggestions() {
        return suggestions;
    }

    private static Map<String, String> suggestions(Map<String, List<String>> missing, Collection<String> installed) {
        Map<String, String> suggestions = new LinkedHashMap<>();
        for (String id : missing.keySet()) {
            String suggestion = Misspellings.closest(id, installed);
            if (suggestion != null) {
                suggestions.put(id, suggestion);
            }
        }
        return suggestions;
    }

    /** {@code 'a' requires}, {@code 'a' and 'b' require}, {@code 'a', 'b' and 'c' require}. */
    private static String requiredBy(List<String> ids) {
        List<String> quoted = ids.stream().map(id -> "'" + id + "'").toList();
        if (quoted.isEmpty()) {
            return "A service requires";
        }
        if (quoted.size() == 1) {
            return quoted.get(0) + " requires";
        }
        return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " and " + quoted.get(quoted.size() - 1)
                + " require";
    }
}
