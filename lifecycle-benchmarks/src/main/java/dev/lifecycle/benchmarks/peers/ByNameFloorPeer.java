package dev.lifecycle.benchmarks.peers;

import dev.lifecycle.benchmarks.Dag;
import dev.lifecycle.benchmarks.Probe;
import dev.lifecycle.benchmarks.StartWork;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The by-name floor: the least a registry of named services must do before the {@link FloorPeer floor}'s start. Its
 * install takes the services one by one, in the order the harness installs them (a topological one), each as its id
 * and the ids it requires, the way every engine is given them: it puts the id into a {@code HashMap<String, node>}
 * (refusing a duplicate), looks each required id up in that map (refusing one not installed), and builds the
 * adjacency from the lookups: the node's resolved requirements, whose count is its in-degree, and the lists of
 * dependents it is appended to. Then start, stop and the cascade are the floor's ({@link FloorRun}) on that
 * adjacency; the cascade looks its root up by name first. Nothing else: no states, events or failure handling.
 */
final class ByNameFloorPeer implements Peer {

    @Override
    public String id() {
        return "floor-by-name";
    }

    @Override
    public String title() {
        return "floor by name (HashMap<String, node> and adjacency built at install, then the floor's Kahn, "
                + FloorRun.threads() + " threads)";
    }

    @Override
    public PeerInstance create(Dag dag, Probe probe, StartWork work, ScheduledExecutorService timer) {
        return new Instance(dag, probe, work, timer);
    }

    /** One installed service: its index in install order, its resolved requirements, its dependents so far. */
    private static final class Node {

        private static final int[] NONE = new int[0];

        final int index;
        final int[] requires;
        int[] dependents = NONE;
        int dependentCount;

        Node(int index, int[] requires) {
            this.index = index;
            this.requires = requires;
        }

        void addDependent(int dependent) {
            if (dependentCount == dependents.length) {
                dependents = Arrays.copyOf(dependents, Math.max(4, 2 * dependentCount));
            }
            dependents[dependentCount++] = dependent;
        }

        /** Cuts the dependents to their count, for the Kahn passes to iterate over. */
        void trim() {
            if (dependents.length != dependentCount) {
                dependents = Arrays.copyOf(dependents, dependentCount);
            }
        }
    }

    /** The by-name floor's container: the map, the nodes in install order, the pool. */
    private static final class Instance extends FloorRun {

        private final Map<String, Node> byName = new HashMap<>();
        private final List<Node> nodes = new ArrayList<>();

        Instance(Dag dag, Probe probe, StartWork work, ScheduledExecutorService timer) {
            super(dag, probe, work, timer);
        }

        @Override
        public void install() {
            super.install();
            for (int i = 0; i < dag.size(); i++) {
                install(dag.name(i), dag.requires(i));
            }
            for (Node node : nodes) {
                node.trim();
            }
        }

        /** Installs service {@code id}, which requires the services named {@code dag.name(r)} for each r. */
        private void install(String id, int[] required) {
            // The index a service gets is its place in install order: the graph's own index, which the probe knows.
            Node node = new Node(nodes.size(), new int[required.length]);
            for (int k = 0; k < required.length; k++) {
                String name = dag.name(required[k]);
                Node requirement = byName.get(name);
                if (requirement == null) {
                    throw new IllegalStateException(id + " requires " + name + ", which is not installed");
                }
                node.requires[k] = requirement.index;
                requirement.addDependent(node.index);
            }
            if (byName.putIfAbsent(id, node) != null) {
                throw new IllegalStateException(id + " is installed already");
            }
            nodes.add(node);
        }

        @Override
        public void cascade(int root, int affected) throws InterruptedException {
            super.cascade(node(dag.name(root)).index, affected);
        }

        private Node node(String id) {
            Node node = byName.get(id);
            if (node == null) {
                throw new IllegalArgumentException(id + " is not installed");
            }
            return node;
        }

        @Override
        int size() {
            return nodes.size();
        }

        @Override
        int[] requires(int node) {
            return nodes.get(node).requires;
        }

        @Override
        int[] dependents(int node) {
            return nodes.get(node).dependents;
        }
    }
}
