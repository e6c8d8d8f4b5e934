package dev.lifecycle.spring.history;

import dev.lifecycle.core.event.ServiceListener;
import dev.lifecycle.core.event.ServiceTransition;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The last transitions of a registry's services, oldest first, in a buffer of a fixed size shared by every service:
 * once it is full, each new transition drops the oldest one. A {@link ServiceListener}: the registry delivers its
 * transitions to it one at a time, in the order they happened; it can be read from any thread meanwhile.
 *
 * <p>Each entry is a {@link RecordedTransition}, measured at 109 bytes (64-bit JVM, compressed references) with the
 * registry's own strings (an unqualified service's id, the engine's details, a failure's class name are shared, not
 * copied), and 1,231 bytes with a failure message and a detail of {@value #MAX_TEXT_LENGTH} characters each, the most
 * kept of either (in Latin-1; text in other scripts takes two bytes a character). The default 500 entries take about
 * 55 KB, about 600 KB if every one carries such a failure.
 *
 * @since 0.1
 */
public final class ServiceTransitionHistory implements ServiceListener {

    /** How many transitions the history keeps unless told otherwise: {@value}. */
    public static final int DEFAULT_SIZE = 500;

    /** The most characters of a failure's message or a transition's detail an entry keeps: {@value}. */
    public static final int MAX_TEXT_LENGTH = 500;

    /** The entries, a ring: the next one goes at {@code recorded % size}. Guarded by this object's monitor. */
    private final @Nullable RecordedTransition[] entries;

    /** How many transitions it has received. Guarded by this object's monitor. */
    private long recorded;

    /**
     * A history keeping the last {@code size} transitions.
     *
     * @param size how many transitions it keeps
     * @throws IllegalArgumentException if {@code size} is not positive
     */
    public ServiceTransitionHistory(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("The history's size must be positive, was " + size
                    + " (lifecycle.history.size)");
        }
        this.entries = new RecordedTransition[size];
    }

    /**
     * Keeps {@code transition}, dropping the oldest entry if the history is full.
     *
     * @param transition the transition the registry delivers
     */
    @Override
    public void onTransition(ServiceTransition transition) {
        Throwable cause = transition.cause();
        String detail = transition.detail();
        String causeMessage = cause == null ? null : cause.getMessage();
        synchronized (this) {
            long sequence = ++recorded;
            entries[(int) ((sequence - 1) % entries.length)] = new RecordedTransition(sequence,
                    transition.key().id(), transition.from(), transition.to(), transition.reason(),
                    detail == null ? null : bounded(detail), cause == null ? null : cause.getClass().getName(),
                    causeMessage == null ? null : bounded(causeMessage), transition.at(), transition.since());
        }
    }

    /**
     * How many transitions it keeps at most.
     *
     * @return its size
     */
    public int size() {
        return entries.length;
    }

    /**
     * How many transitions it has received since it was made, those it dropped included: the {@code sequence} of
     * the newest one.
     *
     * @return the count
     */
    public synchronized long recorded() {
        return recorded;
    }

    /**
     * The transitions it keeps, oldest first.
     *
     * @return a copy
     */
    public List<RecordedTransition> transitions() {
        return collect(null);
    }

    /**
     * The transitions it keeps of one service, oldest first.
     *
     * @param serviceId the service's id ({@code name} or {@code name:qualifier})
     * @return a copy, empty if it keeps none of that service
     */
    public List<RecordedTransition> transitions(String serviceId) {
        return collect(serviceId);
    }

    /** The entries kept, oldest first: all of them, or those of {@code serviceId}. */
    private synchronized List<RecordedTransition> collect(@Nullable String serviceId) {
        int kept = (int) Math.min(recorded, entries.length);
        List<RecordedTransition> found = new ArrayList<>(serviceId == null ? kept : 16);
        for (long sequence = recorded - kept + 1; sequence <= recorded; sequence++) {
            RecordedTransition entry = entries[(int) ((sequence - 1) % entries.length)];
            if (entry != null && (serviceId == null || entry.service().equals(serviceId))) {
                found.add(entry);
            }
        }
        return found;
    }

    /** {@code text} itself, or its first {@value #MAX_TEXT_LENGTH} characters and {@code "... (N characters)"}. */
    static String bounded(String text) {
        if (text.length() <= MAX_TEXT_LENGTH) {
            return text;
        }
        // Never half of a character outside the Basic Multilingual Plane.
        int end = Character.isHighSurrogate(text.charAt(MAX_TEXT_LENGTH - 1)) ? MAX_TEXT_LENGTH - 1 : MAX_TEXT_LENGTH;
        return text.substring(0, end) + "... (" + text.length() + " characters)";
    }
}
