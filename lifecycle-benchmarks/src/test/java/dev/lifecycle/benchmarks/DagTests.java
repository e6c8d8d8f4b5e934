package dev.lifecycle.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The graphs the workloads run on. */
class DagTests {

    @Test
    void requiredNamesAreTheNamesOfTheRequirementsInTheirOrder() {
        Dag dag = Dag.layered(1_000, 10, 100, 42);

        for (int i = 0; i < 1_000; i++) {
            int node = i;
            assertThat(dag.requiredNames(node)).containsExactly(
                    Arrays.stream(dag.requires(node)).mapToObj(dag::name).toArray(String[]::new));
        }
    }

    @Test
    void layeredGraphHasOneToThreeEarlierRequirementsOneFromTheLayerBefore() {
        Dag dag = Dag.layered(1_000, 10, 100, 42);

        assertThat(dag.size()).isEqualTo(1_000);
        assertThat(dag.depth()).isEqualTo(10);
        for (int i = 0; i < 100; i++) {
            assertThat(dag.requires(i)).isEmpty();
        }
        for (int i = 100; i < 1_000; i++) {
            int node = i;
            int[] requires = dag.requires(node);
            assertThat(requires.length).isBetween(1, 3);
            assertThat(Arrays.stream(requires).boxed().toList()).allMatch(r -> r < node);
            assertThat(Arrays.stream(requires).distinct().count()).isEqualTo(requires.length);
        }
    }

    @Test
    void sameSeedGivesTheSameGraphAndAnotherSeedAnother() {
        Dag a = Dag.layered(500, 10, 50, 7);
        Dag b = Dag.layered(500, 10, 50, 7);
        Dag c = Dag.layered(500, 10, 50, 8);

        boolean allSame = true;
        boolean anyDifferent = false;
        for (int i = 0; i < 500; i++) {
            allSame &= Arrays.equals(a.requires(i), b.requires(i));
            anyDifferent |= !Arrays.equals(a.requires(i), c.requires(i));
        }

        assertThat(allSame).isTrue();
        assertThat(anyDifferent).isTrue();
    }

    @Test
    void dependentsMirrorRequirements() {
        Dag dag = Dag.layered(300, 5, 30, 1);

        for (int i = 0; i < dag.size(); i++) {
            for (int r : dag.requires(i)) {
                assertThat(dag.dependents(r)).contains(i);
            }
        }
        long dependentEdges = 0;
        for (int i = 0; i < dag.size(); i++) {
            dependentEdges += dag.dependents(i).length;
        }
        assertThat(dependentEdges).isEqualTo(dag.edges());
    }

    @Test
    void cascadeGraphHasEveryServiceDependingOnTheRoot() {
        Dag dag = CellRunner.graph(Workload.W3, 1_000, 42);

        assertThat(dag.size()).isEqualTo(1_001);
        assertThat(dag.dependentClosureSize(0)).isEqualTo(1_001);
    }

    @Test
    void shapesForTheMicrobenchmarks() {
        assertThat(Dag.chain(10).depth()).isEqualTo(10);
        assertThat(Dag.wide(10).depth()).isEqualTo(2);
        assertThat(Dag.wide(10).dependents(0)).hasSize(9);
        assertThat(Dag.diamond(10).depth()).isEqualTo(3);
        assertThat(Dag.diamond(10).requires(9)).hasSize(8);
    }

    @Test
    void impossibleLayeringIsRefusedWithTheReason() {
        assertThatIllegalArgumentException().isThrownBy(() -> Dag.layered(5, 10, 1, 42))
                .withMessage("A layered graph of 5 services cannot have 10 layers with 1 in the first: every layer "
                        + "needs at least one service");
    }
}
