package dev.lifecycle.test;

import dev.lifecycle.core.ServiceState;
import dev.lifecycle.core.event.ServiceListener;
import dev.lifecycle.core.event.ServiceTransition;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records every transition a registry publishes, in order, and answers questions about the order: which states a
 * service went through, whether one service stopped before another.
 *
 * <pre>{@code
 * RecordingListener events = new RecordingListener();
 * registry.addListener(events);
 * ...
 * assertThat(events.transitionsOf("db")).endsWith("STOPPING->FAILED", "FAILED->STARTING", "STARTING->RUNNING");
 * assertThat(events.stoppedBefore("repository", "db")).isTrue();
 * }</pre>
 *
 * <p>Thread-safe; reads return copies.
 *
 * @since 0.1
 */
public final class RecordingListener implements ServiceListener {

    private final List<ServiceTransition> transitions = new CopyOnWriteArrayList<>();

    @Override
    public void onTransition(ServiceTransition transition) {
        transitions.add(transition);
    }

    /**
     * Every transition so far, in the order they happened.
     *
     * @return a copy of the transitions recorded
     */
    public List<ServiceTransition> transitions() {
        return List.copyOf(transitions);
    }

    /**
     * The transitions of {@code id}, each as {@code FROM->TO}.
     *
     * @param id the service id
     * @return its transitions, in order, such as {@code WAITING->STARTING}
     */
    public List<String> transitionsOf(String id) {
        return transitions.stream().filter(t -> t.key().id().equals(id)).map(t -> t.from() + "->" + t.to())
                .toList();
    }

    /**
     * Every transition as {@code id:TO}, in order: the order in which services reached their states.
     *
     * @return every transition as the service's id and the state it entered, such as {@code db:RUNNING}
     */
    public List<String> arrivals() {
        return transitions.stream().map(t -> t.key().id() + ":" + t.to()).toList();
    }

    /**
     * Whether {@code first} last finished stopping (left STOPPING) before {@code second} last did.
     *
     * @param first the id of a service
     * @param second the id of another
     * @return whether {@code first} left STOPPING for the last time before {@code second} did
     * @throws IllegalStateException if one of them never stopped
     */
    public boolean stoppedBefore(String first, String second) {
        return lastIndex(first, ServiceState.STOPPING, true) < lastIndex(second, ServiceState.STOPPING, true);
    }

    /**
     * Whether {@code first} last became RUNNING before {@code second} last did.
     *
     * @param first the id of a service
     * @param second the id of another
     * @return whether {@code first} entered RUNNING for the last time before {@code second} did
     * @throws IllegalStateException if one of them never ran
     */
    public boolean startedBefore(String first, String second) {
        return lastIndex(first, ServiceState.RUNNING, false) < lastIndex(second, ServiceState.RUNNING, false);
    }

    /** Forgets what was recorded. */
    public void clear() {
        transitions.clear();
    }

    /** The index of the last transition of {@code id} that left (or entered) {@code state}. */
    private int lastIndex(String id, ServiceState state, boolean leaving) {
        List<ServiceTransition> all = transitions();
        for (int i = all.size() - 1; i >= 0; i--) {
            ServiceTransition t = all.get(i);
            if (t.key().id().equals(id) && (leaving ? t.from() : t.to()) == state) {
                return i;
            }
        }
        throw new IllegalStateException("Service '" + id + "' never " + (leaving ? "left " : "entered ") + state
                + "; its transitions: " + transitionsOf(id));
    }

    @Override
    public String toString() {
        return "RecordingListener" + arrivals();
    }
}
