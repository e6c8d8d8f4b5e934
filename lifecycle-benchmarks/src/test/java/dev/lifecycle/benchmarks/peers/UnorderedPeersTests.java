package dev.lifecycle.benchmarks.peers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.benchmarks.Dag;
import dev.lifecycle.benchmarks.Probe;
import dev.lifecycle.benchmarks.StartWork;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The peers that may break dependency order (Spring's concurrent start-up, Guava's ServiceManager) still start and
 * stop every service exactly once; the harness tests cannot assert it for them when a run broke order.
 */
class UnorderedPeersTests {

    private final Dag dag = Dag.layered(40, 4, 10, 42);
    private final Probe probe = new Probe(dag);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void springConcurrentStartUpStartsAndStopsEveryBean() throws Exception {
        runsEveryService(Peers.byId("spring-concurrent"), StartWork.BLOCKING);
    }

    @Test
    void guavaStartsAndStopsEveryService() throws Exception {
        runsEveryService(Peers.byId("guava"), StartWork.BLOCKING);
    }

    @Test
    void guavaCompletesEveryAsynchronousStart() throws Exception {
        runsEveryService(Peers.byId("guava"), StartWork.ASYNC);
    }

    private void runsEveryService(Peer peer, StartWork work) throws Exception {
        String afterStart;
        try (PeerInstance instance = peer.create(dag, probe, work, timer)) {
            instance.install();
            instance.start();
            afterStart = probe.checkAllUp(null, 0);
            instance.stop();
        }

        assertThat(afterStart).isNull();
        assertThat(probe.checkAllDown(null, 1)).isNull();
    }
}
