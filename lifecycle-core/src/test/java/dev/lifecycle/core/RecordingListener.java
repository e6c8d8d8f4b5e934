package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.event.ServiceListener;
import dev.lifecycle.core.event.ServiceTransition;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records every transition and checks, as each arrives, that it is an edge of the state graph documented on
 * {@link ServiceState}. The registry logs what a listener throws, so illegal edges are collected and
 * {@link #assertAllLegal()} reports them.
 */
final class RecordingListener implements ServiceListener {

    static final Map<ServiceState, Set<ServiceState>> LEGAL = Map.of(
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

    final List<ServiceTransition> transitions = new CopyOnWriteArrayList<>();
    final List<ServiceTransition> illegal = new CopyOnWriteArrayList<>();

    @Override
    public void onTransition(ServiceTransition transition) {
        if (!LEGAL.get(transition.from()).contains(transition.to())) {
            illegal.add(transition);
        }
        transitions.add(transition);
    }

    /** Fails if any recorded transition is not an edge of the state graph. */
    void assertAllLegal() {
        assertThat(illegal).as("illegal transitions").isEmpty();
    }

    /** The transitions of one service as {@code FROM->TO}. */
    List<String> of(String id) {
        return transitions.stream().filter(t -> t.key().id().equals(id)).map(t -> t.from() + "->" + t.to())
                .toList();
    }

    /** Every transition as {@code id:TO}, in order. */
    List<String> arrivals() {
        return transitions.stream().map(t -> t.key().id() + ":" + t.to()).toList();
    }
}
