package dev.lifecycle.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.benchmarks.CellResult.Status;
import dev.lifecycle.benchmarks.peers.Peer;
import dev.lifecycle.benchmarks.peers.PeerInstance;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/** How a cell turns a peer's runs into figures, or into a failure instead of a figure. */
class CellRunnerTests {

    private final Cell cell = new Cell(Workload.W1, "test", 20, StartWork.NOOP, 2, 1, 42);

    @Test
    void peerStartingDependentsFirstIsAFailureNotATime() {
        CellResult result = CellRunner.run(cell, new SequentialPeer(true, false));

        assertThat(result.status()).isEqualTo(Status.FAILURE);
        assertThat(result.message()).startsWith("warm-up run 1: ").contains(" dependency-order violations, first: ");
        assertThat(result.metrics()).isEmpty();
    }

    @Test
    void peerSkippingAServiceIsAFailureNamingIt() {
        CellResult result = CellRunner.run(cell, new SequentialPeer(false, true));

        assertThat(result.status()).isEqualTo(Status.FAILURE);
        assertThat(result.message())
                .isEqualTo("warm-up run 1: after start-all, 1 services are not up after 0 stops (first: s19 is down "
                        + "after 0 stops)");
    }

    @Test
    void orderlyPeerIsMeasuredOncePerMeasuredRun() {
        CellResult result = CellRunner.run(cell, new SequentialPeer(false, false));

        assertThat(result.status()).isEqualTo(Status.OK);
        assertThat(result.metrics()).containsKeys("start", "install", "stop", "heap");
        assertThat(result.metrics().get("start")).hasSize(2);
        assertThat(result.metrics().get("depth")).containsExactly(10.0);
    }

    @Test
    void resultsSurviveTheTripFromAForkedJvm() {
        CellResult result = new CellResult(cell, Status.OK, "", "a\tnote", "title", "graph",
                Map.of("start", new double[] {1.5, 2.25}));

        CellResult decoded = CellResult.decode(result.encode());

        assertThat(decoded.cell()).isEqualTo(cell);
        assertThat(decoded.note()).isEqualTo("a note");
        assertThat(decoded.metrics().get("start")).containsExactly(1.5, 2.25);
    }

    /** Starts services one by one on the calling thread, in index order or reversed, optionally skipping the last. */
    private record SequentialPeer(boolean reversed, boolean skipLast) implements Peer {

        @Override
        public String id() {
            return "test";
        }

        @Override
        public String title() {
            return "test peer";
        }

        @Override
        public boolean supports(StartWork work) {
            return work == StartWork.NOOP;
        }

        @Override
        public boolean cascades() {
            return false;
        }

        @Override
        public PeerInstance create(Dag dag, Probe probe, StartWork work, ScheduledExecutorService timer) {
            int count = skipLast ? dag.size() - 1 : dag.size();
            return new PeerInstance() {
                @Override
                public void install() {
                }

                @Override
                public void start() {
                    for (int k = 0; k < count; k++) {
                        int i = reversed ? dag.size() - 1 - k : k;
                        probe.startBegin(i);
                        probe.startEnd(i);
                    }
                }

                @Override
                public void stop() {
                    for (int i = count - 1; i >= 0; i--) {
                        probe.stopBegin(i);
                        probe.stopEnd(i);
                    }
                }

                @Override
                public void cascade(int root, int affected) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
