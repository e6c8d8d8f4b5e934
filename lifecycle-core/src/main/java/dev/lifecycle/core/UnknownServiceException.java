package dev.lifecycle.core;

import dev.lifecycle.core.internal.Misspellings;
import java.util.Collection;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * No service is installed under the id an operation named: it never was, it was removed, or it is being removed.
 * When the id looks like a misspelling of an installed one, the message and {@link #suggestion()} name that one.
 *
 * @since 0.1
 */
public class UnknownServiceException extends LifecycleException {

    private static final long serialVersionUID = 1L;

    /** The id that was not found. */
    private final String id;
    /** The installed id closest to {@link #id}, if one is close enough to be what was meant. */
    private final @Nullable String suggestion;

    /**
     * For the service {@code id}.
     *
     * @param id the id that was not found
     */
    public UnknownServiceException(String id) {
        this(id, Optional.empty());
    }

    /**
     * For the service {@code id}, which is not among the {@code installed} ids: if one of them is close enough to be
     * what was meant ({@code database} for {@code databse}), the message asks "did you mean" it and
     * {@link #suggestion()} returns it.
     *
     * @param id the id that was named
     * @param installed the ids that are installed
     */
    public UnknownServiceException(String id, Collection<String> installed) {
        this(id, Optional.ofNullable(Misspellings.closest(id, installed)));
    }

    /**
     * For the service {@code id}, with a message saying why it cannot be found (it was removed, say).
     *
     * @param id the id
     * @param message what happened, and what to do about it
     */
    public UnknownServiceException(String id, String message) {
        super(message);
        this.id = id;
        this.suggestion = null;
    }

    private UnknownServiceException(String id, Optional<String> suggestion) {
        super("No service '" + id + "' is installed; " + suggestion.map(s -> "did you mean '" + s + "'?")
                .orElse("check the name (and the qualifier, written name:qualifier)"));
        this.id = id;
        this.suggestion = suggestion.orElse(null);
    }

    /**
     * The id that was not found.
     *
     * @return the id, as the operation named it
     */
    public String id() {
        return id;
    }

    /**
     * The installed id closest to {@link #id()}, if one is close enough to be what was meant.
     *
     * @return the suggested id, or empty
     */
    public Optional<String> suggestion() {
        return Optional.ofNullable(suggestion);
    }
}
