package dev.lifecycle.benchmarks.jmh;

import dev.lifecycle.benchmarks.Dag;
import dev.lifecycle.benchmarks.Probe;
import dev.lifecycle.benchmarks.StartWork;
import dev.lifecycle.benchmarks.peers.Peer;
import dev.lifecycle.benchmarks.peers.PeerInstance;
import dev.lifecycle.benchmarks.peers.Peers;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole life of a container of no-op services: build it, install the graph, start every service, stop every
 * service, close it. Each system's own defaults, thread pools included (which is what a user pays for a small
 * container). The probe checks dependency order; a run that breaks it fails the trial.
 *
 * <pre>
 * java -jar lifecycle-benchmarks.jar jmh StartStopBenchmark -p system=lifecycle,floor -p size=1000
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class StartStopBenchmark {

    /** The system compared: a peer id. */
    @Param({"lifecycle", "floor", "jboss-msc", "spring", "guava"})
    public String system = "lifecycle";

    /** The graph's shape: chain, wide or diamond. */
    @Param({"chain", "wide", "diamond"})
    public String shape = "chain";

    /** The number of services. */
    @Param({"10", "100", "1000"})
    public int size = 10;

    private Peer peer = Peers.byId("floor");
    private Dag dag = Dag.chain(3);
    private Probe probe = new Probe(dag);
    private ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    /** Builds the graph once per trial. */
    @Setup(Level.Trial)
    public void buildGraph() {
        peer = Peers.byId(system);
        dag = Dag.of(Dag.Shape.parse(shape), size, 42);
        probe = new Probe(dag);
        timer = Executors.newSingleThreadScheduledExecutor();
    }

    /** Fails the trial if a run broke dependency order. */
    @TearDown(Level.Trial)
    public void checkOrder() {
        timer.shutdownNow();
        if (peer.declaresDependencies() && probe.violations() > 0) {
            throw new IllegalStateException(system + " broke dependency order: " + probe.firstViolation());
        }
    }

    /** One container's life. */
    @Benchmark
    public int startAndStop() throws Exception {
        probe.reset();
        try (PeerInstance instance = peer.create(dag, probe, StartWork.NOOP, timer)) {
            instance.install();
            instance.start();
            instance.stop();
        }
        return probe.violations();
    }
}
