package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * A seeded randomized stress test. A random layered graph of a few hundred services (each requiring up to three of
 * the earlier layers), with random start and stop failures, health checks and small delays, on the registry's
 * default executor; a tenth of the services have a short start timeout, and their starts now and then hang past it
 * (a synchronous one ignoring the interrupt and returning its value late, or not; an asynchronous one never
 * completing). Several threads issue random fails, restarts, stops, starts, installs and removes (of services with
 * dependents too), awaits, health checks and reads; then the chaos ends, everything is brought back and stopped,
 * and the invariants are checked on the ordered event log and on counters kept inside the services:
 * <ol>
 *   <li>no service was ever RUNNING while one of its requirements was not (the log replayed);</li>
 *   <li>every successful start got exactly one stop before the next start, start and stop never overlapped,
 *       requirements were RUNNING during the start and readable during the stop (checked by the services);</li>
 *   <li>every transition is an edge of the state graph and leaves the state the previous one entered;</li>
 *   <li>nothing deadlocks: every operation's future completes and everything comes back, within a generous bound;
 *       every await completes once everything is back;</li>
 *   <li>no operation waits for a service it does not concern: beside the graph, a service that nothing requires is
 *       stuck in its start (ignoring the interrupt) from the beginning to the end of the chaos, and every operation's
 *       future completes while it is still starting (the whole-registry waits, {@code stopAll()} and
 *       {@code settled()}, wait for it); and none completes before the services it concerns have settled (the engine
 *       asserts it as each completes, and assertions are on);</li>
 *   <li>after the final stop every start of every instance, removed ones included, has its stop: no value returned
 *       late by a cancelled or abandoned start is left running.</li>
 * </ol>
 * Short by default (a few seeds, a few thousand operations); {@code -Dlifecycle.stress=long} (the {@code stress}
 * profile) runs many seeds and many more operations. A failure names its seed; {@code -Dlifecycle.stress.seed=N}
 * replays it (the threads interleave differently, the random choices are the same).
 */
class StressTests {

    private static final String SEED_PROPERTY = "lifecycle.stress.seed";
    private static final boolean LONG = "long".equals(System.getProperty("lifecycle.stress"));
    private static final Duration QUIET = LONG ? Duration.ofMinutes(3) : Duration.ofSeconds(60);

    static LongStream seeds() {
        String fixed = System.getProperty(SEED_PROPERTY);
        if (fixed != null) {
            return LongStream.of(Long.parseLong(fixed.trim()));
        }
        if (LONG) {
            return new SplittableRandom().longs(Integer.getInteger("lifecycle.stress.seeds", 20), 0, Long.MAX_VALUE);
        }
        return LongStream.of(20261121L, 7L, 424242L);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomOperationsFromManyThreadsKeepEveryInvariant(long seed) throws Exception {
        Logger engineLog = (Logger) LoggerFactory.getLogger("dev.lifecycle.core");
        Level level = engineLog.getLevel();
        engineLog.setLevel(Level.OFF);
        Run run = new Run(seed, LONG ? new Shape(400, 10, 60_000, 6) : new Shape(200, 8, 3_000, 4));
        try {
            run.execute();
        } catch (Throwable failure) {
            throw new AssertionError("The stress run with seed " + seed + " failed; replay it with -D"
                    + SEED_PROPERTY + "=" + seed + "\n" + run.describe(), failure);
        } finally {
            run.close();
            engineLog.setLevel(level);
        }
    }

    /** The size of one run. */
    record Shape(int services, int layers, int operations, int threads) {
    }

    /**
     * A service nothing requires whose first start blocks, ignoring interrupts, until {@link #release()}; it counts
     * the starts that returned a value and the stops.
     */
    private static final class StuckStart implements Service<String> {

        static final String ID = "stuck";

        private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
        private final AtomicInteger starts = new AtomicInteger();
        private final AtomicInteger stops = new AtomicInteger();
        private volatile boolean returned;

        @Override
        public String start(ServiceContext context) {
            boolean interrupted = false;
            while (released.getCount() > 0) {
                try {
                    released.await();
                } catch (InterruptedException ex) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            returned = true;
            starts.incrementAndGet();
            return ID;
        }

        @Override
        public void stop(ServiceContext context) {
            stops.incrementAndGet();
        }

        void release() {
            released.countDown();
        }

        boolean returned() {
            return returned;
        }

        int starts() {
            return starts.get();
        }

        int stops() {
            return stops.get();
        }
    }

    /** One seeded run. */
    private static final class Run {

        private final long seed;
        private final Shape shape;
        private final List<String> ids = new ArrayList<>();
        private final Map<String, List<String>> requirements = new HashMap<>();
        private final Map<String, List<String>> dependents = new HashMap<>();
        private final Set<String> asynchronous = new HashSet<>();
        private final Set<String> neverRestarted = new HashSet<>();
        private final Set<String> healthChecked = new HashSet<>();
        private final Set<String> timed = new HashSet<>();
        private final AtomicBoolean chaos = new AtomicBoolean(true);
        private final Queue<String> violations = new ConcurrentLinkedQueue<>();
        private final Map<String, AtomicInteger> live = new ConcurrentHashMap<>();
        private final Map<String, List<StressService>> instances = new ConcurrentHashMap<>();
        private final Queue<CompletableFuture<?>> futures = new ConcurrentLinkedQueue<>();
        /** The futures of {@code stopAll()}: they wait for the whole registry, the stuck start included. */
        private final Queue<CompletableFuture<?>> registryWide = new ConcurrentLinkedQueue<>();
        /** The service nothing requires whose start is stuck until the chaos is over. */
        private final StuckStart stuck = new StuckStart();
        /** Awaits: they complete (with the value, or failing) once everything is back. */
        private final Queue<CompletableFuture<?>> awaits = new ConcurrentLinkedQueue<>();
        private final Map<String, AtomicInteger> operations = new ConcurrentHashMap<>();
        private final TransitionLog log = new TransitionLog();
        private final ScheduledExecutorService completer = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "stress-completer");
            thread.setDaemon(true);
            return thread;
        });
        private final ServiceRegistry registry;
        private long took;

        Run(long seed, Shape shape) {
            this.seed = seed;
            this.shape = shape;
            this.registry = ServiceRegistry.builder()
                    .restartPolicy(RestartPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(20), 2)
                            .withIntensity(8, Duration.ofSeconds(1)))
                    .healthCheckInterval(Duration.ofMillis(100)).listener(log).build();
            buildGraph(new Random(seed));
        }

        /** A layered DAG: each service outside the first layer requires up to three of the earlier layers. */
        private void buildGraph(Random random) {
            int perLayer = shape.services() / shape.layers();
            for (int i = 0; i < shape.services(); i++) {
                String id = String.format("s%03d", i);
                int layer = Math.min(i / perLayer, shape.layers() - 1);
                List<String> required = new ArrayList<>();
                int earlier = layer * perLayer;
                int count = layer == 0 ? 0 : random.nextInt(4);
                while (required.size() < Math.min(count, earlier)) {
                    String r = ids.get(random.nextInt(earlier));
                    if (!required.contains(r)) {
                        required.add(r);
                    }
                }
                ids.add(id);
                requirements.put(id, required);
                required.forEach(r -> dependents.computeIfAbsent(r, k -> new ArrayList<>()).add(id));
                if (random.nextBoolean()) {
                    asynchronous.add(id);
                }
                if (random.nextInt(20) == 0) {
                    neverRestarted.add(id);
                }
                if (random.nextInt(10) == 0) {
                    healthChecked.add(id);
                }
                if (random.nextInt(10) == 0) {
                    timed.add(id);
                }
                live.put(id, new AtomicInteger());
                instances.put(id, new CopyOnWriteArrayList<>());
            }
        }

        private static ServiceKey<String> key(String id) {
            return ServiceKey.of(id, String.class);
        }

        /** A new instance of {@code id}; every installation gets its own, with its own counters. */
        private ServiceDefinition<String> definition(String id) {
            List<StressService> mine = instances.get(id);
            List<ServiceHandle<String>> handles = new ArrayList<>();
            requirements.get(id).forEach(r -> handles.add(registry.handle(key(r))));
            StressService instance = new StressService(id, handles, seed * 1_000_003L + id.hashCode() * 31L
                    + mine.size(), chaos, violations, live.get(id), asynchronous.contains(id) ? completer : null,
                    timed.contains(id));
            mine.add(instance);
            ServiceDefinition.Builder<String> builder = ServiceDefinition.builder(key(id), instance.service());
            requirements.get(id).forEach(r -> builder.requires(key(r)));
            if (neverRestarted.contains(id)) {
                builder.restartPolicy(RestartPolicy.never());
            }
            if (healthChecked.contains(id)) {
                builder.healthCheck(instance::healthy).failAfterUnhealthyChecks(2);
            }
            if (timed.contains(id)) {
                builder.startTimeout(Duration.ofNanos(StressService.HANG_NANOS / 2));
            }
            return builder.build();
        }

        void execute() throws Exception {
            long began = System.nanoTime();
            ids.forEach(id -> registry.install(definition(id)));
            registry.install(ServiceDefinition.builder(key(StuckStart.ID), stuck).startTimeout(Duration.ofHours(1))
                    .build());
            registry.startAll();

            List<Thread> operators = new ArrayList<>();
            for (int t = 0; t < shape.threads(); t++) {
                Random random = new Random(seed * 7919L + t);
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < shape.operations() / shape.threads(); i++) {
                        operate(random);
                        if (random.nextBoolean()) {
                            LockSupport.parkNanos(random.nextInt(1_000_000));
                        }
                    }
                }, "stress-operator-" + t);
                thread.setUncaughtExceptionHandler((th, ex) -> violations.add(th.getName() + " threw " + ex));
                operators.add(thread);
                thread.start();
            }
            for (Thread thread : operators) {
                thread.join(QUIET.toMillis());
                if (thread.isAlive()) {
                    throw new AssertionError(thread.getName() + " did not finish its operations within " + QUIET
                            + "\n" + threadDump());
                }
            }

            chaos.set(false);
            within("every operation's future to complete while an unrelated start is stuck",
                    CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])));
            assertThat(registry.snapshot(StuckStart.ID).orElseThrow().state()).as("the stuck service")
                    .isEqualTo(ServiceState.STARTING);
            assertThat(stuck.returned()).as("the stuck start returned").isFalse();
            stuck.release();
            within("every stop-all to complete",
                    CompletableFuture.allOf(registryWide.toArray(new CompletableFuture<?>[0])));
            within("the registry to settle", registry.settled());
            bringEverythingBack();
            within("every await to complete", CompletableFuture.allOf(awaits.toArray(new CompletableFuture<?>[0])));
            assertThat(violations).as("broken promises seen by the services").isEmpty();
            for (String id : ids) {
                assertThat(live.get(id)).as("running instances of " + id).hasValue(1);
            }

            within("the final stop", registry.stopAll());
            assertThat(registry.snapshot()).extracting(ServiceSnapshot::state).containsOnly(ServiceState.STOPPED);
            for (String id : ids) {
                for (StressService instance : instances.get(id)) {
                    assertThat(instance.running()).as(id + " still running").isFalse();
                    assertThat(instance.stops()).as("stops of an instance of " + id).isEqualTo(instance.starts());
                }
            }
            assertThat(stuck.stops()).as("stops of the stuck service").isEqualTo(stuck.starts());
            org.awaitility.Awaitility.await("the last transitions to be delivered").atMost(QUIET)
                    .until(() -> log.states().values().stream().allMatch(s -> s == ServiceState.STOPPED)
                            && log.states().size() == ids.size() + 1);
            assertThat(violations).as("broken promises seen by the services").isEmpty();
            assertThat(log.replay(requirements, dependents, 20)).as("the replayed event log").isEmpty();
            took = System.nanoTime() - began;
            System.out.println(describe());
        }

        /** Reinstalls what was removed, starts what was stopped or gave up, and waits until all is RUNNING. */
        private void bringEverythingBack() throws Exception {
            for (String id : ids) {
                if (registry.snapshot(id).isEmpty()) {
                    registry.install(definition(id));
                }
            }
            registry.startAll();
            for (ServiceSnapshot s : registry.snapshot()) {
                if (s.state() == ServiceState.STOPPED || s.state() == ServiceState.FAILED) {
                    registry.start(s.id());
                }
            }
            try {
                org.awaitility.Awaitility.await("every service RUNNING").atMost(QUIET)
                        .pollInterval(Duration.ofMillis(10))
                        .until(() -> registry.snapshot().stream().allMatch(s -> s.state() == ServiceState.RUNNING));
            } catch (org.awaitility.core.ConditionTimeoutException ex) {
                throw new AssertionError("Not every service came back:\n" + registry.snapshot().stream()
                        .filter(s -> s.state() != ServiceState.RUNNING)
                        .map(s -> s.id() + " " + s.state() + " " + s.reason() + " " + s.rootCause() + " next restart "
                                + s.nextRestartAt())
                        .collect(Collectors.joining("\n")) + "\n" + threadDump(), ex);
            }
            within("the registry to settle", registry.settled());
        }

        private void operate(Random random) {
            String id = ids.get(random.nextInt(ids.size()));
            int dice = random.nextInt(1000);
            String kind = "";
            try {
                if (dice < 250) {
                    kind = "fail";
                    futures.add(registry.fail(id, new IOException("failed by an operator: " + id)));
                } else if (dice < 300) {
                    kind = "fail through its context";
                    List<StressService> mine = instances.get(id);
                    ServiceContext context = mine.get(mine.size() - 1).context();
                    if (context != null) {
                        context.fail(new IOException(id + " reports its work died"));
                    }
                } else if (dice < 450) {
                    kind = "restart";
                    futures.add(registry.restart(id));
                } else if (dice < 550) {
                    kind = "stop";
                    futures.add(registry.stop(id));
                } else if (dice < 700) {
                    kind = "start";
                    futures.add(registry.start(id));
                } else if (dice < 760) {
                    kind = "remove";
                    futures.add(registry.remove(id));
                } else if (dice < 860) {
                    kind = "install";
                    if (registry.snapshot(id).isEmpty()) {
                        registry.install(definition(id));
                    }
                } else if (dice < 870) {
                    kind = "await";
                    awaits.add(registry.await(key(id)).handle((value, failure) -> null));
                } else if (dice < 880) {
                    kind = "check health";
                    futures.add(registry.checkHealth());
                } else if (dice < 997) {
                    kind = "read";
                    registry.snapshot(id);
                    registry.handle(key(id)).get();
                } else {
                    kind = "stop all and start all";
                    registryWide.add(registry.stopAll());
                    registry.startAll();
                }
                count(kind);
            } catch (UnknownServiceException | ServiceNotRunningException | IllegalStateException ex) {
                count(kind + " (refused: " + ex.getClass().getSimpleName() + ")");
            }
        }

        private void count(String kind) {
            operations.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        }

        private static void within(String what, CompletableFuture<?> future) throws Exception {
            try {
                future.get(QUIET.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException ex) {
                throw new AssertionError("Timed out after " + QUIET + " waiting for " + what + "\n" + threadDump(),
                        ex);
            }
        }

        String describe() {
            int total = operations.values().stream().mapToInt(AtomicInteger::get).sum();
            int starts = instances.values().stream().flatMap(List::stream).mapToInt(StressService::starts).sum();
            int late = instances.values().stream().flatMap(List::stream).mapToInt(StressService::abandonedStops).sum();
            return "seed " + seed + ": " + shape.services() + " services, " + total + " operations from "
                    + shape.threads() + " threads, " + log.size() + " transitions, " + starts + " successful starts, "
                    + instances.values().stream().mapToInt(List::size).sum() + " instances installed, " + late
                    + " values of abandoned starts stopped"
                    + (took == 0 ? "" : ", " + TimeUnit.NANOSECONDS.toMillis(took) + " ms")
                    + "\n  operations: " + new TreeMap<>(operations)
                    + "\n  transitions: " + log.transitions().stream().collect(Collectors.groupingBy(
                            t -> t.from() + "->" + t.to(), TreeMap::new, Collectors.counting()))
                    + (violations.isEmpty() ? "" : "\n  violations: " + violations.stream().limit(20).toList());
        }

        private static String threadDump() {
            StringBuilder dump = new StringBuilder("Threads:\n");
            Thread.getAllStackTraces().forEach((thread, stack) -> {
                if (thread.getName().startsWith("lifecycle") || thread.getName().startsWith("stress")) {
                    dump.append(thread.getName()).append(' ').append(thread.getState()).append('\n');
                    for (StackTraceElement frame : stack) {
                        dump.append("    at ").append(frame).append('\n');
                    }
                }
            });
            return dump.toString();
        }

        /** Closes the registry unless it cannot stop (then a failure is already reported). */
        void close() {
            try {
                registry.stopAll().get(QUIET.toMillis(), TimeUnit.MILLISECONDS);
                registry.close();
            } catch (Exception ex) {
                System.out.println("The registry of seed " + seed + " could not be stopped: " + ex);
            } finally {
                completer.shutdownNow();
            }
        }
    }
}
