package dev.lifecycle.benchmarks.peers;

import dev.lifecycle.benchmarks.Dag;
import dev.lifecycle.benchmarks.Probe;
import dev.lifecycle.benchmarks.StartWork;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The floor: the least work a correct dependency-ordered parallel starter can do, as the physical-limit reference.
 * Kahn's algorithm with an atomic in-degree counter per service on a fork-join pool of one thread per core: a service
 * is handed to the pool when its last requirement has finished; a thread that finishes a service runs the first
 * dependent it made ready itself. A blocking start blocks through {@link ForkJoinPool#managedBlock}, so the pool
 * adds a thread for each one blocked, as a growable pool would. Stop is the same on the reversed graph; the cascade
 * stops the root's transitive dependents in reverse order, the root last, then starts them again in forward order
 * (all of it in {@link FloorRun}). It is given the graph as index arrays: no names, no states, no events, no failure
 * handling; what any real engine must add on top is what the ratio to the floor shows. {@link ByNameFloorPeer} adds
 * the least a registry of named services must do.
 */
final class FloorPeer implements Peer {

    @Override
    public String id() {
        return "floor";
    }

    @Override
    public String title() {
        return "floor (Kahn, atomic in-degrees, " + FloorRun.threads() + " threads)";
    }

    @Override
    public PeerInstance create(Dag dag, Probe probe, StartWork work, ScheduledExecutorService timer) {
        return new Instance(dag, probe, work, timer);
    }

    /** The floor on the graph's own index arrays: install only creates the pool. */
    private static final class Instance extends FloorRun {

        Instance(Dag dag, Probe probe, StartWork work, ScheduledExecutorService timer) {
            super(dag, probe, work, timer);
        }

        @Override
        int size() {
            return dag.size();
        }

        @Override
        int[] requires(int node) {
            return dag.requires(node);
        }

        @Override
        int[] dependents(int node) {
            return dag.dependents(node);
        }
    }
}
