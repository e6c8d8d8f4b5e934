package dev.lifecycle.benchmarks;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * A dependency graph of services, described by node indices only: what the peers build their containers from. Built
 * once per measurement cell, before any baseline is taken, so that the graph itself stays out of the heap figures.
 *
 * <p>Node indices are a topological order: every requirement of node {@code i} has an index below {@code i}. Each
 * node's name ({@code s0}, {@code s1}, ...) is built here too, for the same reason.
 *
 * <p>Immutable once built; safe to share between threads.
 */
public final class Dag {

    /** The kinds of graph the benchmarks are run on. */
    public enum Shape {
        /** Seeded random layers; each service requires 1 to 3 services of earlier layers, one of the layer before. */
        LAYERED,
        /** Each service requires the one before it: no parallelism at all. */
        CHAIN,
        /** One root and every other service requiring only it: all parallelism, one fan-out. */
        WIDE,
        /** A root, a wide middle requiring the root, and one sink requiring the whole middle. */
        DIAMOND;

        /** The shape named {@code name}, case-insensitive. */
        public static Shape parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("Unknown graph shape '" + name + "': use one of "
                        + Arrays.toString(values()).toLowerCase(Locale.ROOT), ex);
            }
        }
    }

    private final String description;
    private final int[][] requires;
    private final int[][] dependents;
    private final String[] names;
    private final int depth;

    private Dag(String description, int[][] requires) {
        this.description = description;
        this.requires = requires;
        int n = requires.length;
        int[] dependentCounts = new int[n];
        for (int[] reqs : requires) {
            for (int r : reqs) {
                dependentCounts[r]++;
            }
        }
        this.dependents = new int[n][];
        for (int i = 0; i < n; i++) {
            dependents[i] = new int[dependentCounts[i]];
        }
        int[] fill = new int[n];
        int[] level = new int[n];
        int longest = 0;
        for (int i = 0; i < n; i++) {
            int lvl = 1;
            for (int r : requires[i]) {
                if (r >= i) {
                    throw new IllegalStateException("Node " + i + " requires " + r + ": not a topological order");
                }
                dependents[r][fill[r]++] = i;
                lvl = Math.max(lvl, level[r] + 1);
            }
            level[i] = lvl;
            longest = Math.max(longest, lvl);
        }
        this.depth = longest;
        this.names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = "s" + i;
        }
    }

    /**
     * A seeded random layered graph. Layer 0 holds {@code firstLayer} services without requirements; the others are
     * spread evenly over the remaining layers. A service of layer {@code L > 0} requires one service of layer
     * {@code L - 1} and up to two more of any earlier layer (1 to 3 in all, uniformly), so the longest path has
     * exactly {@code layers} services.
     *
     * @param size the number of services
     * @param layers the number of layers (the depth)
     * @param firstLayer how many services have no requirement
     * @param seed the random seed
     * @return the graph
     */
    public static Dag layered(int size, int layers, int firstLayer, long seed) {
        if (layers < 1 || firstLayer < 1 || size < firstLayer + (layers - 1)) {
            throw new IllegalArgumentException("A layered graph of " + size + " services cannot have " + layers
                    + " layers with " + firstLayer + " in the first: every layer needs at least one service");
        }
        int[] layerStart = new int[layers + 1];
        layerStart[1] = firstLayer;
        int rest = size - firstLayer;
        for (int l = 1; l < layers; l++) {
            layerStart[l + 1] = firstLayer + (int) ((long) rest * l / (layers - 1));
        }
        layerStart[layers] = size;
        SplittableRandom random = new SplittableRandom(seed);
        int[][] requires = new int[size][];
        for (int l = 0; l < layers; l++) {
            for (int i = layerStart[l]; i < layerStart[l + 1]; i++) {
                if (l == 0) {
                    requires[i] = new int[0];
                    continue;
                }
                int count = Math.min(1 + random.nextInt(3), layerStart[l]);
                int[] reqs = new int[count];
                reqs[0] = layerStart[l - 1] + random.nextInt(layerStart[l] - layerStart[l - 1]);
                for (int k = 1; k < count; k++) {
                    int candidate;
                    do {
                        candidate = random.nextInt(layerStart[l]);
                    } while (contains(reqs, k, candidate));
                    reqs[k] = candidate;
                }
                requires[i] = reqs;
            }
        }
        return new Dag(String.format(Locale.ROOT, "layered(%d services, %d layers, seed %d)", size, layers, seed),
                requires);
    }

    /** A chain of {@code size} services. */
    public static Dag chain(int size) {
        int[][] requires = new int[size][];
        requires[0] = new int[0];
        for (int i = 1; i < size; i++) {
            requires[i] = new int[] {i - 1};
        }
        return new Dag("chain(" + size + ")", requires);
    }

    /** A root and {@code size - 1} services requiring it. */
    public static Dag wide(int size) {
        int[][] requires = new int[size][];
        requires[0] = new int[0];
        for (int i = 1; i < size; i++) {
            requires[i] = new int[] {0};
        }
        return new Dag("wide(" + size + ")", requires);
    }

    /** A root, {@code size - 2} services requiring it, and a sink requiring all of those. */
    public static Dag diamond(int size) {
        if (size < 3) {
            throw new IllegalArgumentException("A diamond needs at least 3 services, was " + size);
        }
        int[][] requires = new int[size][];
        requires[0] = new int[0];
        for (int i = 1; i < size - 1; i++) {
            requires[i] = new int[] {0};
        }
        int[] middle = new int[size - 2];
        for (int i = 0; i < middle.length; i++) {
            middle[i] = i + 1;
        }
        requires[size - 1] = middle;
        return new Dag("diamond(" + size + ")", requires);
    }

    /**
     * A graph of the given shape; {@link Shape#LAYERED} has 10 layers (fewer for tiny sizes) and a tenth of the
     * services in the first.
     */
    public static Dag of(Shape shape, int size, long seed) {
        return switch (shape) {
            case LAYERED -> {
                int layers = Math.max(1, Math.min(10, size / 2));
                yield layered(size, layers, Math.max(1, size / layers), seed);
            }
            case CHAIN -> chain(size);
            case WIDE -> wide(size);
            case DIAMOND -> diamond(size);
        };
    }

    private static boolean contains(int[] values, int length, int value) {
        for (int i = 0; i < length; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    /** The number of services. */
    public int size() {
        return requires.length;
    }

    /** The services node {@code i} requires (all of lower index). Do not modify. */
    public int[] requires(int i) {
        return requires[i];
    }

    /** The services that require node {@code i}. Do not modify. */
    public int[] dependents(int i) {
        return dependents[i];
    }

    /** The name of node {@code i}. */
    public String name(int i) {
        return names[i];
    }

    /** The names of the services node {@code i} requires, in the order of {@link #requires}: a new array. */
    public String[] requiredNames(int i) {
        int[] required = requires[i];
        String[] result = new String[required.length];
        for (int k = 0; k < required.length; k++) {
            result[k] = names[required[k]];
        }
        return result;
    }

    /** The number of services on the longest path of requirements. */
    public int depth() {
        return depth;
    }

    /** The number of edges. */
    public long edges() {
        long edges = 0;
        for (int[] reqs : requires) {
            edges += reqs.length;
        }
        return edges;
    }

    /** Whether node {@code i} and each of its transitive dependents are marked, in an array indexed by node. */
    public boolean[] dependentClosure(int root) {
        return closure(size(), root, i -> dependents[i]);
    }

    /**
     * Whether node {@code root} and each node reachable from it through {@code next} are marked, in an array of
     * {@code size} indexed by node: the dependent closure of any graph given by its dependents.
     */
    public static boolean[] closure(int size, int root, IntFunction<int[]> next) {
        boolean[] marked = new boolean[size];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        marked[root] = true;
        queue.add(root);
        while (!queue.isEmpty()) {
            int node = queue.poll();
            for (int d : next.apply(node)) {
                if (!marked[d]) {
                    marked[d] = true;
                    queue.add(d);
                }
            }
        }
        return marked;
    }

    /** The number of services in {@link #dependentClosure}, the root included. */
    public int dependentClosureSize(int root) {
        int count = 0;
        for (boolean b : dependentClosure(root)) {
            if (b) {
                count++;
            }
        }
        return count;
    }

    @Override
    public String toString() {
        return description + ", depth " + depth + ", " + edges() + " edges";
    }
}
