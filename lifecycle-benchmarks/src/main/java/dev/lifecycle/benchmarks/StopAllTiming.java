package dev.lifecycle.benchmarks;

import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceContext;
import dev.lifecycle.core.ServiceDefinition;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceRegistryBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The engine's {@code stopAll()} alone, timed with what execution samples do not show: W1's layered graph of no-op
 * services (the harness's {@link Dag}) installed and started in a fresh registry, a full collection, then
 * {@code stopAll()} timed on its own, per stop. Besides the time it counts the context switches of every thread of
 * the process during the stop (from {@code /proc/self/task}, on Linux), the threads that ran a service's stop, the
 * collections, and with {@code --threads counting} the worker loops handed to the executor and the threads it made.
 * With {@code --perf-control FIFO,ACK} it writes {@code enable} and {@code disable} to {@code perf record
 * --control fifo:FIFO,ACK} around each stop, so that a profile holds the stops alone.
 *
 * <pre>
 * java -jar lifecycle-benchmarks.jar stop-all --size 100000 --runs 10 --warmup 3 --threads default
 * </pre>
 */
final class StopAllTiming {

    /** The options' usage. */
    static final String USAGE = """
            Usage: java -jar lifecycle-benchmarks.jar stop-all [options]
              --size N              services of the layered graph (default 100000)
              --runs N              stops measured (default 10)
              --warmup N            stops before them, not printed (default 3)
              --seed N              seed of the graph (default 42)
              --threads KIND        default (the engine's own), platform (virtualThreads(false)), or counting
                                    (a pool like the engine's on Java 17 that counts its hand-offs and threads)
              --perf-control F,A    write enable/disable to perf's control FIFO F, waiting for its ack on A
            """;

    /** Which threads run the services' code. */
    enum Threads {
        DEFAULT, PLATFORM, COUNTING
    }

    /**
     * One measured stop.
     *
     * @param millis how long {@code stopAll()} took until its future completed
     * @param stopped services whose {@code stop} ran
     * @param threadsThatStopped distinct threads that ran a service's {@code stop}
     * @param voluntarySwitches voluntary context switches of the process's threads, -1 where not known
     * @param involuntarySwitches involuntary ones, -1 where not known
     * @param handOffs worker loops handed to the executor (counting threads only, else -1)
     * @param threadsMade threads the executor made (counting threads only, else -1)
     * @param collections garbage collections during the stop
     */
    record Stop(double millis, int stopped, int threadsThatStopped, long voluntarySwitches, long involuntarySwitches,
            long handOffs, int threadsMade, long collections) {

        String line() {
            return String.format(Locale.ROOT, "stop-all %.1f ms, %d services stopped on %d threads, context switches "
                    + "%s voluntary / %s involuntary, hand-offs %s, threads made %s, collections %d", millis, stopped,
                    threadsThatStopped, known(voluntarySwitches), known(involuntarySwitches), known(handOffs),
                    known(threadsMade), collections);
        }

        private static String known(long count) {
            return count < 0 ? "n/a" : Long.toString(count);
        }
    }

    private final Dag dag;
    private final Threads threads;
    private final @Nullable PerfControl perf;
    private final AtomicInteger stopped = new AtomicInteger();
    private final Set<Thread> stoppingThreads = ConcurrentHashMap.newKeySet();
    private final AtomicLong handOffs = new AtomicLong();
    private final AtomicInteger threadsMade = new AtomicInteger();
    private final ThreadPoolExecutor pool;
    private volatile boolean stopping;

    StopAllTiming(Dag dag, Threads threads, @Nullable Path perfControl, @Nullable Path perfAck) {
        this.dag = dag;
        this.threads = threads;
        this.perf = perfControl != null && perfAck != null ? new PerfControl(perfControl, perfAck) : null;
        this.pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                task -> {
                    threadsMade.incrementAndGet();
                    Thread thread = new Thread(task, "counting-worker");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Runs the stops: {@code warmup} unmeasured, then {@code runs} measured, each printed as it ends. */
    static void main(List<String> arguments, PrintStream out) throws InterruptedException {
        int size = 100_000;
        int runs = 10;
        int warmup = 3;
        long seed = 42;
        Threads threads = Threads.DEFAULT;
        Path control = null;
        Path ack = null;
        for (int i = 0; i < arguments.size(); i++) {
            String option = arguments.get(i);
            if (i + 1 >= arguments.size()) {
                throw new IllegalArgumentException("Option " + option + " needs a value.");
            }
            String value = arguments.get(++i);
            switch (option) {
                case "--size" -> size = positive(option, value);
                case "--runs" -> runs = positive(option, value);
                case "--warmup" -> warmup = notNegative(option, value);
                case "--seed" -> seed = HarnessOptions.number(option, value);
                case "--threads" -> threads = threads(value);
                case "--perf-control" -> {
                    String[] fifos = value.split(",", -1);
                    if (fifos.length != 2 || fifos[0].isEmpty() || fifos[1].isEmpty()) {
                        throw new IllegalArgumentException("--perf-control takes the control FIFO and the ack FIFO, "
                                + "comma-separated (as given to perf record --control fifo:CTL,ACK), not '" + value
                                + "'.");
                    }
                    control = Path.of(fifos[0]);
                    ack = Path.of(fifos[1]);
                }
                default -> throw new IllegalArgumentException("Unknown option " + option + ".");
            }
        }
        StopAllTiming timing = new StopAllTiming(Dag.of(Dag.Shape.LAYERED, size, seed), threads, control, ack);
        out.printf(Locale.ROOT, "# stop-all of %s, threads %s, %s%n", timing.dag,
                threads.name().toLowerCase(Locale.ROOT),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        try {
            for (int run = 0; run < warmup + runs; run++) {
                Stop stop = timing.measure();
                if (run >= warmup) {
                    out.println(stop.line());
                }
            }
        } finally {
            if (timing.perf != null) {
                timing.perf.close();
            }
        }
    }

    /** Installs and starts the graph in a new registry, then times its {@code stopAll()}. */
    Stop measure() throws InterruptedException {
        ServiceRegistryBuilder builder = ServiceRegistry.builder().shutdownHook(false);
        if (threads == Threads.PLATFORM) {
            builder.virtualThreads(false);
        } else if (threads == Threads.COUNTING) {
            Executor counting = task -> {
                handOffs.incrementAndGet();
                pool.execute(task);
            };
            builder.executor(counting);
        }
        try (ServiceRegistry registry = builder.build()) {
            install(registry);
            registry.startAll().join();
            System.gc();
            stopped.set(0);
            stoppingThreads.clear();
            long handOffsBefore = handOffs.get();
            int madeBefore = threadsMade.get();
            long[] switchesBefore = contextSwitches();
            long collectionsBefore = collections();
            stopping = true;
            if (perf != null) {
                perf.send("enable");
            }
            long began = System.nanoTime();
            registry.stopAll().join();
            long took = System.nanoTime() - began;
            if (perf != null) {
                perf.send("disable");
            }
            stopping = false;
            long[] switchesAfter = contextSwitches();
            boolean counting = threads == Threads.COUNTING;
            return new Stop(took / 1e6, stopped.get(), stoppingThreads.size(),
                    difference(switchesBefore[0], switchesAfter[0]), difference(switchesBefore[1], switchesAfter[1]),
                    counting ? handOffs.get() - handOffsBefore : -1, counting ? threadsMade.get() - madeBefore : -1,
                    collections() - collectionsBefore);
        }
    }

    private void install(ServiceRegistry registry) {
        Service<Void> service = new Service<>() {
            @Override
            public @Nullable Void start(ServiceContext context) {
                return null;
            }

            @Override
            public void stop(ServiceContext context) {
                if (stopping) {
                    stopped.incrementAndGet();
                    stoppingThreads.add(Thread.currentThread());
                }
            }
        };
        for (int i = 0; i < dag.size(); i++) {
            registry.install(ServiceDefinition.builder(ServiceKey.of(dag.name(i), Void.class), service)
                    .dependsOn(dag.requiredNames(i)).build());
        }
    }

    /** The voluntary and involuntary context switches of every thread of this process; -1 each where not known. */
    static long[] contextSwitches() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return new long[] {-1, -1};
        }
        long voluntary = 0;
        long involuntary = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                List<String> status;
                try {
                    status = Files.readAllLines(thread.resolve("status"));
                } catch (IOException ex) {
                    continue; // the thread ended meanwhile
                }
                for (String line : status) {
                    if (line.startsWith("voluntary_ctxt_switches:")) {
                        voluntary += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                    } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                        involuntary += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                    }
                }
            }
        } catch (IOException ex) {
            return new long[] {-1, -1};
        }
        return new long[] {voluntary, involuntary};
    }

    private static long difference(long before, long after) {
        return before < 0 || after < 0 ? -1 : after - before;
    }

    private static long collections() {
        long count = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, collector.getCollectionCount());
        }
        return count;
    }

    private static Threads threads(String value) {
        for (Threads kind : Threads.values()) {
            if (kind.name().equalsIgnoreCase(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("--threads is one of default, platform, counting, not '" + value + "'.");
    }

    private static int positive(String option, String value) {
        int number = HarnessOptions.number(option, value);
        if (number < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, not " + value + ".");
        }
        return number;
    }

    private static int notNegative(String option, String value) {
        int number = HarnessOptions.number(option, value);
        if (number < 0) {
            throw new IllegalArgumentException(option + " must be 0 or more, not " + value + ".");
        }
        return number;
    }
}
