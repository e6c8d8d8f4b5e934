package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.event.ServiceListener;
import dev.lifecycle.core.event.ServiceTransition;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ordered log of every transition a registry made, as its listener. It checks, as each arrives, that it is an
 * edge of the state graph documented on {@link ServiceState} (the registry logs what a listener throws, so illegal
 * edges are collected and {@link #assertAllLegal()} reports them), and it replays the log: the registry delivers
 * events one at a time in the order the changes happened, so replaying them rebuilds the state of every service at
 * every moment. Thread-safe.
 */
final class TransitionLog implements ServiceListener {

    /** The edges of the state graph, by the state they leave. */
    private static final Map<ServiceState, Set<ServiceState>> EDGES = Map.of(
            ServiceState.INSTALLED, EnumSet.of(ServiceState.WAITING, ServiceState.STARTING, ServiceState.STOPPED,
                    ServiceState.REMOVED),
            ServiceState.WAITING, EnumSet.of(ServiceState.STARTING, ServiceState.STOPPED, ServiceState.REMOVED),
            ServiceState.STARTING, EnumSet.of(ServiceState.RUNNING, ServiceState.STOPPING, ServiceState.FAILED),
            ServiceState.RUNNING, EnumSet.of(ServiceState.STOPPING),
            ServiceState.STOPPING, EnumSet.of(ServiceState.STOPPED, ServiceState.WAITING, ServiceState.FAILED,
                    ServiceState.REMOVED),
            ServiceState.STOPPED, EnumSet.of(ServiceState.WAITING, ServiceState.STARTING, ServiceState.REMOVED),
            ServiceState.FAILED, EnumSet.of(ServiceState.WAITING, ServiceState.STARTING, ServiceState.STOPPED,
                    ServiceState.REMOVED),
            ServiceState.REMOVED, EnumSet.noneOf(ServiceState.class));

    private final List<ServiceTransition> transitions = new ArrayList<>();
    private final List<ServiceTransition> illegal = new ArrayList<>();

    @Override
    public synchronized void onTransition(ServiceTransition transition) {
        if (!isEdge(transition)) {
            illegal.add(transition);
        }
        transitions.add(transition);
    }

    private static boolean isEdge(ServiceTransition transition) {
        return EDGES.get(transition.from()).contains(transition.to());
    }

    /** Every transition so far, in order. */
    synchronized List<ServiceTransition> transitions() {
        return List.copyOf(transitions);
    }

    /** How many transitions there were so far. */
    synchronized int size() {
        return transitions.size();
    }

    /** Fails if any recorded transition is not an edge of the state graph. */
    void assertAllLegal() {
        List<ServiceTransition> found;
        synchronized (this) {
            found = List.copyOf(illegal);
        }
        assertThat(found).as("illegal transitions").isEmpty();
    }

    /** The transitions of one service as {@code FROM->TO}. */
    List<String> of(String id) {
        return transitions().stream().filter(t -> t.key().id().equals(id)).map(t -> t.from() + "->" + t.to())
                .toList();
    }

    /** Every transition as {@code id:TO}, in order. */
    List<String> arrivals() {
        return transitions().stream().map(t -> t.key().id() + ":" + t.to()).toList();
    }

    /** The state of each service after the last transition so far; a removed service is absent. */
    Map<String, ServiceState> states() {
        Map<String, ServiceState> states = new HashMap<>();
        for (ServiceTransition t : transitions()) {
            states.put(t.key().id(), t.to());
        }
        states.values().remove(ServiceState.REMOVED);
        return states;
    }

    /**
     * Replays the log and returns what it finds wrong (at most {@code limit} findings): a transition that does not
     * leave the state the previous one entered (lost or reordered), an edge that is not in the state graph, a service
     * RUNNING while one of its requirements is not, a service that FAILED without being the one that broke.
     *
     * @param requirements the ids each service requires (the same for every installation of an id)
     * @param dependents the ids that require each service
     */
    List<String> replay(Map<String, List<String>> requirements, Map<String, List<String>> dependents, int limit) {
        List<ServiceTransition> log = transitions();
        List<String> problems = new ArrayList<>();
        Map<String, ServiceState> state = new HashMap<>();
        for (int i = 0; i < log.size() && problems.size() < limit; i++) {
            ServiceTransition t = log.get(i);
            String id = t.key().id();
            ServiceState before = state.get(id);
            if (before == null || before == ServiceState.REMOVED) {
                before = ServiceState.INSTALLED;
            }
            String at = "event " + i + " (" + t + ")";
            if (t.from() != before) {
                problems.add(at + ": the previous event left " + id + " " + before);
            }
            if (!isEdge(t)) {
                problems.add(at + ": not an edge of the state graph");
            }
            if (t.to() == ServiceState.FAILED && t.reason() != TransitionReason.FAILURE) {
                problems.add(at + ": FAILED for a reason other than its own failure");
            }
            state.put(id, t.to());
            if (t.to() == ServiceState.RUNNING) {
                for (String r : requirements.getOrDefault(id, List.of())) {
                    if (state.get(r) != ServiceState.RUNNING) {
                        problems.add(at + ": RUNNING while its requirement " + r + " is " + state.get(r));
                    }
                }
            }
            if (t.from() == ServiceState.RUNNING) {
                for (String d : dependents.getOrDefault(id, List.of())) {
                    if (state.get(d) == ServiceState.RUNNING) {
                        problems.add(at + ": left RUNNING while its dependent " + d + " is RUNNING");
                    }
                }
            }
        }
        return problems;
    }
}
