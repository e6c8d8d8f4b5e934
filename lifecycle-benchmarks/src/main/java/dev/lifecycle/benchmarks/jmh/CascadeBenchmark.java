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
import org.jspecify.annotations.Nullable;
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
 * The cascade on a running container: fail the root (every other service depends on it in these shapes), and wait
 * until everything runs again. The container is built and started once per trial, so this measures the engine's
 * failure, stop and restart path alone. Only the systems that can restart a service with its dependents.
 *
 * <pre>
 * java -jar lifecycle-benchmarks.jar jmh CascadeBenchmark -p shape=wide
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class CascadeBenchmark {

    /** The system compared: a peer id. */
    @Param({"lifecycle", "floor", "jboss-msc"})
    public String system = "lifecycle";

    /** The graph's shape: chain, wide or diamond. */
    @Param({"chain", "wide", "diamond"})
    public String shape = "chain";

    /** The number of services. */
    @Param({"10", "100", "1000"})
    public int size = 10;

    private Dag dag = Dag.chain(3);
    private Probe probe = new Probe(dag);
    private @Nullable PeerInstance instance;
    private ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    /** Builds and starts the container once per trial. */
    @Setup(Level.Trial)
    public void start() throws Exception {
        Peer peer = Peers.byId(system);
        dag = Dag.of(Dag.Shape.parse(shape), size, 42);
        probe = new Probe(dag);
        timer = Executors.newSingleThreadScheduledExecutor();
        PeerInstance started = peer.create(dag, probe, StartWork.NOOP, timer);
        started.install();
        started.start();
        instance = started;
    }

    /** Closes the container; fails the trial if a cascade broke dependency order. */
    @TearDown(Level.Trial)
    public void close() {
        if (instance != null) {
            instance.close();
        }
        timer.shutdownNow();
        if (probe.violations() > 0) {
            throw new IllegalStateException(system + " broke dependency order: " + probe.firstViolation());
        }
    }

    /** Fails the root and waits until it and all its dependents run again. */
    @Benchmark
    public void failRootAndRecover() throws Exception {
        PeerInstance running = instance;
        if (running == null) {
            throw new IllegalStateException("Not started");
        }
        running.cascade(0, dag.size());
    }
}
