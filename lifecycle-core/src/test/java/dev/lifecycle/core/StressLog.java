package dev.lifecycle.core;

import dev.lifecycle.core.event.ServiceListener;
import dev.lifecycle.core.event.ServiceTransition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ordered log of every transition of a stress run, and its replay: the registry delivers events one at a time in
 * the order the changes happened, so replaying them rebuilds the state of every service at every moment.
 */
final class StressLog implements ServiceListener {

    private final List<ServiceTransition> events = new ArrayList<>();

    @Override
    public synchronized void onTransition(ServiceTransition transition) {
        events.add(transition);
    }

    synchronized int size() {
        return events.size();
    }

    synchronized List<ServiceTransition> events() {
        return List.copyOf(events);
    }

    /** The state of each service after the last event so far; a removed service is absent. */
    synchronized Map<String, ServiceState> states() {
        Map<String, ServiceState> states = new HashMap<>();
        for (ServiceTransition t : events) {
            states.put(t.key().id(), t.to());
        }
        states.values().remove(ServiceState.REMOVED);
        return states;
    }

    /**
     * Replays the log and returns what it finds wrong (at most {@code limit} findings): an event that does not leave
     * the state the previous one entered (lost or reordered), an edge that is not in the state graph, a service
     * RUNNING while one of its requirements is not, a service that FAILED without being the one that broke.
     *
     * @param requirements the ids each service requires (the same for every installation of an id)
     * @param dependents the ids that require each service
     */
    List<String> replay(Map<String, List<String>> requirements, Map<String, List<String>> dependents, int limit) {
        List<ServiceTransition> log = events();
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
            if (!RecordingListener.LEGAL.get(t.from()).contains(t.to())) {
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
