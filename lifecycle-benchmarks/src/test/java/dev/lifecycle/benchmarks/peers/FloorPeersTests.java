package dev.lifecycle.benchmarks.peers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.benchmarks.Dag;
import dev.lifecycle.benchmarks.Probe;
import dev.lifecycle.benchmarks.StartWork;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both floors on small graphs of every shape and every kind of start: each service starts after its requirements and
 * stops before them, exactly once, and the cascade takes down and up again exactly the root's dependents. A floor
 * whose adjacency were wrong would break order, miss services or never finish (hence the time limit, which only
 * keeps a broken floor from hanging the build).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class FloorPeersTests {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    static Stream<Arguments> graphs() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (String peer : new String[] {"floor", "floor-by-name"}) {
            for (Dag dag : new Dag[] {Dag.chain(12), Dag.wide(12), Dag.diamond(12), Dag.layered(60, 5, 10, 7)}) {
                for (StartWork work : StartWork.values()) {
                    cases.add(Arguments.of(peer, dag, work));
                }
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("graphs")
    void startsAndStopsEveryServiceInDependencyOrder(String peer, Dag dag, StartWork work) throws Exception {
        Probe probe = new Probe(dag);
        String afterStart;
        try (PeerInstance instance = Peers.byId(peer).create(dag, probe, work, timer)) {
            instance.install();
            instance.start();
            afterStart = probe.checkAllUp(null, 0);
            instance.stop();
        }

        assertThat(afterStart).isNull();
        assertThat(probe.checkAllDown(null, 1)).isNull();
        assertThat(probe.violations()).as("%s", probe.firstViolation()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void cascadeRestartsExactlyTheDependentsOfTheRoot(String peer) throws Exception {
        Dag dag = Dag.layered(60, 5, 10, 7);
        int root = 3;
        boolean[] affected = dag.dependentClosure(root);
        Probe probe = new Probe(dag);
        try (PeerInstance instance = Peers.byId(peer).create(dag, probe, StartWork.NOOP, timer)) {
            instance.install();
            instance.start();
            instance.cascade(root, dag.dependentClosureSize(root));

            // Down once and up again: the affected services; never stopped: the others.
            assertThat(probe.checkAllUp(affected, 1)).isNull();
            assertThat(probe.checkAllUp(complement(affected), 0)).isNull();
        }
        assertThat(probe.violations()).as("%s", probe.firstViolation()).isZero();
        assertThat(dag.dependentClosureSize(root)).isBetween(2, 59);
    }

    static Stream<String> peers() {
        return Stream.of("floor", "floor-by-name");
    }

    @Test
    void byNameFloorIsListedAfterTheFloorWithWhatItDoes() {
        assertThat(Peers.ids(Peers.all())).startsWith("lifecycle,floor,floor-by-name,");
        assertThat(Peers.byId("floor-by-name").title()).startsWith("floor by name (HashMap<String, node>");
    }

    private static boolean[] complement(boolean[] marked) {
        boolean[] rest = new boolean[marked.length];
        for (int i = 0; i < marked.length; i++) {
            rest[i] = !marked[i];
        }
        return rest;
    }
}
