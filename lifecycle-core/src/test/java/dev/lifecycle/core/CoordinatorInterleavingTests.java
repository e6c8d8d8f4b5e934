package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.test.ManualTime;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * An exhaustive interleaving test of the coordinator that merges requests: on the chain {@code a <- b <- c}, every
 * sequence of up to {@link #DEPTH} steps, where a step is an operation (fail, restart, stop, start or remove of a
 * service, or installing a removed one again), the completion or failure of a start in flight, or the firing of the
 * next timer. Every start is asynchronous and completes only when a step completes it, every call runs on the test's
 * thread (the executor runs tasks where they are handed over) and time moves only by hand: each sequence replays
 * exactly, so the choices are all the nondeterminism there is. The starts of {@code b} ignore their cancellation, as
 * a start that ignores the interrupt does: a request that cancels one waits for the step that completes it. Beside the
 * chain, {@code x} depends on nothing and nothing depends on it; its start is stuck until a step completes it, and
 * once it runs a step may restart it (its start then stuck again).
 *
 * <p>After each step: no service is RUNNING while a requirement is not; an operation's future done in this step left
 * the services it certainly concerns settled (neither STARTING nor STOPPING): the service it names, and the dependents
 * that were up when a fail, restart or stop took that service down; and a future not done is held by a service it may
 * concern starting or stopping (for the chain, one of {@code a}, {@code b}, {@code c}; for {@code x}, {@code x}), never
 * by an unrelated one. After the sequence, the remaining starts are completed and the timers fired until nothing is
 * pending, and then: every operation's future is done, every transition is an edge of the state graph that leaves the
 * state the previous one entered, every instance had one stop per accepted start (one fewer if it is RUNNING), and
 * each service ends where a sequential reading of the operations puts it: removed, STOPPED, RUNNING, or WAITING when a
 * requirement is not meant to run.
 *
 * <p>{@code -Dlifecycle.stress=long} (the {@code stress} profile) explores one step deeper.
 */
class CoordinatorInterleavingTests {

    private static final int DEPTH = "long".equals(System.getProperty("lifecycle.stress")) ? 5 : 4;
    private static final List<String> IDS = List.of("a", "b", "c");
    /** The service that nothing connects to the chain. */
    private static final String UNRELATED = "x";
    private static final Map<String, String> REQUIREMENT = Map.of("b", "a", "c", "b");
    private static final Map<String, List<String>> DEPENDENTS = Map.of("a", List.of("b", "c"), "b", List.of("c"));

    @Test
    void everyInterleavingOfRequestsAndCompletionsOnAChainEndsWhereTheSequentialModelSays() {
        AtomicInteger sequences = new AtomicInteger();
        explore(new ArrayList<>(), sequences);
        assertThat(sequences).hasValueGreaterThan(1_000);
        System.out.println("Explored " + sequences + " sequences of up to " + DEPTH + " steps");
    }

    private void explore(List<String> prefix, AtomicInteger sequences) {
        List<String> next;
        try (Run run = new Run()) {
            next = run.replay(prefix);
            run.drainAndCheck();
        } catch (AssertionError | RuntimeException failure) {
            throw new AssertionError("The sequence " + prefix + " broke an invariant", failure);
        }
        sequences.incrementAndGet();
        if (prefix.size() == DEPTH) {
            return;
        }
        for (String step : next) {
            prefix.add(step);
            explore(prefix, sequences);
            prefix.remove(prefix.size() - 1);
        }
    }

    /** A start future that ignores cancellation: it completes only when the test completes it. */
    private static final class Stubborn<T> extends CompletableFuture<T> {
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }
    }

    /** One asynchronous instance of a service: its starts in flight and what it was asked to do. */
    private static final class Instance implements AsyncService<String> {
        final String id;
        final List<CompletableFuture<@Nullable String>> starts = new ArrayList<>();
        int accepted;
        int stops;

        Instance(String id) {
            this.id = id;
        }

        @Override
        public CompletionStage<@Nullable String> startAsync(ServiceContext context) {
            CompletableFuture<@Nullable String> future = id.equals("b") ? new Stubborn<>() : new CompletableFuture<>();
            starts.add(future);
            return future;
        }

        @Override
        public void stop(ServiceContext context) {
            stops++;
        }

        @Nullable CompletableFuture<@Nullable String> inFlight() {
            if (starts.isEmpty()) {
                return null;
            }
            CompletableFuture<@Nullable String> last = starts.get(starts.size() - 1);
            return last.isDone() ? null : last;
        }
    }

    /**
     * An operation's future, with the services it certainly concerns (they have settled when it completes) and those
     * it may concern (one of them is starting or stopping while it is not complete).
     */
    private record Operation(String step, CompletableFuture<?> future, List<String> certainly, List<String> possibly) {
    }

    /** One replay: a fresh registry, the steps, the sequential model. */
    private static final class Run implements AutoCloseable {

        final ManualTime time = new ManualTime();
        final TransitionLog log = new TransitionLog();
        final ServiceRegistry registry = ServiceRegistry.builder().executor(Runnable::run).clock(time)
                .scheduler(time).random(() -> 0.0).startTimeout(Duration.ofHours(1)).listener(log)
                .restartPolicy(RestartPolicy.defaults().withIntensity(100, Duration.ofSeconds(60))).build();
        final Map<String, List<Instance>> instances = new HashMap<>();
        final List<CompletableFuture<?>> futures = new ArrayList<>();
        /** The operations whose future was not done after the previous step. */
        final List<Operation> pending = new ArrayList<>();
        /** What the operations so far ask of each service: "run", "stopped" or "removed". */
        final Map<String, String> desired = new LinkedHashMap<>();

        Run() {
            IDS.forEach(this::install);
            install(UNRELATED);
            futures.add(registry.startAll());
            for (String id : IDS) {
                complete(id, true);
            }
            assertThat(states()).containsEntry("a", ServiceState.RUNNING).containsEntry("b", ServiceState.RUNNING)
                    .containsEntry("c", ServiceState.RUNNING).containsEntry(UNRELATED, ServiceState.STARTING);
        }

        private void install(String id) {
            Instance instance = new Instance(id);
            instances.computeIfAbsent(id, k -> new ArrayList<>()).add(instance);
            ServiceDefinition.Builder<String> definition = ServiceDefinition.builder(ServiceKey.of(id, String.class),
                    instance);
            String requirement = REQUIREMENT.get(id);
            if (requirement != null) {
                definition.dependsOn(requirement);
            }
            registry.install(definition.build());
            desired.put(id, "run");
        }

        private Instance current(String id) {
            List<Instance> all = instances.get(id);
            return all.get(all.size() - 1);
        }

        private void complete(String id, boolean succeed) {
            CompletableFuture<@Nullable String> start = current(id).inFlight();
            assertThat(start).as("a start of %s in flight", id).isNotNull();
            if (succeed) {
                if (start.complete(id)) {
                    current(id).accepted++;
                }
            } else {
                start.completeExceptionally(new IOException(id + " could not start"));
            }
        }

        /** Applies the steps and returns the steps possible next. */
        List<String> replay(List<String> steps) {
            statesBefore = states();
            for (String step : steps) {
                apply(step);
                Map<String, ServiceState> states = states();
                checkNoneRunsWithoutItsRequirement(states);
                checkOperationsWaitForTheirServicesOnly(states);
            }
            return possibleSteps();
        }

        private List<String> possibleSteps() {
            List<String> steps = new ArrayList<>();
            for (String id : IDS) {
                if (registry.snapshot(id).isEmpty()) {
                    steps.add("install " + id);
                    continue;
                }
                for (String operation : List.of("fail", "restart", "stop", "start", "remove")) {
                    steps.add(operation + " " + id);
                }
                if (current(id).inFlight() != null) {
                    steps.add("complete " + id);
                    steps.add("break " + id);
                }
            }
            // One step for x at a time: completing its start while it is stuck, or restarting it (stuck again).
            steps.add((current(UNRELATED).inFlight() != null ? "complete " : "restart ") + UNRELATED);
            if (!time.pendingTimers().isEmpty()) {
                steps.add("tick");
            }
            return steps;
        }

        private void apply(String step) {
            String[] parts = step.split(" ");
            String action = parts[0];
            String id = parts.length > 1 ? parts[1] : "";
            try {
                switch (action) {
                    case "fail" -> operation(step, id, true, registry.fail(id, new IOException("failed by hand")));
                    case "restart" -> {
                        operation(step, id, true, registry.restart(id));
                        desired.put(id, "run");
                    }
                    case "stop" -> {
                        operation(step, id, true, registry.stop(id));
                        desired.put(id, "stopped");
                    }
                    case "start" -> {
                        operation(step, id, false, registry.start(id));
                        desired.put(id, "run");
                    }
                    case "remove" -> {
                        futures.add(registry.remove(id));
                        desired.put(id, "removed");
                    }
                    case "install" -> install(id);
                    case "complete" -> complete(id, true);
                    case "break" -> complete(id, false);
                    case "tick" -> time.advance(Duration.between(time.instant(), time.pendingTimers().get(0)));
                    default -> throw new IllegalArgumentException(step);
                }
            } catch (UnknownServiceException | IllegalStateException refused) {
                // Refused operations change nothing; the model keeps what it had.
            }
        }

        /**
         * Records an operation on {@code id}, called once the call has returned; {@code takesItDown} for a fail,
         * restart or stop, which stops the dependents that are up when the service is, so that they certainly concern
         * it.
         */
        private void operation(String step, String id, boolean takesItDown, CompletableFuture<?> future) {
            futures.add(future);
            List<String> certainly = new ArrayList<>(List.of(id));
            List<String> possibly = id.equals(UNRELATED) ? List.of(UNRELATED) : IDS;
            pending.add(new Operation(step, future, certainly, possibly));
            Map<String, ServiceState> before = statesBefore;
            if (takesItDown && isUp(before.get(id))) {
                for (String dependent : DEPENDENTS.getOrDefault(id, List.of())) {
                    if (isUp(before.get(dependent))) {
                        certainly.add(dependent);
                    }
                }
            }
        }

        /** The states before the step being applied. */
        private Map<String, ServiceState> statesBefore = Map.of();

        private static boolean isUp(@Nullable ServiceState state) {
            return state == ServiceState.STARTING || state == ServiceState.RUNNING || state == ServiceState.STOPPING;
        }

        private static boolean inMotion(@Nullable ServiceState state) {
            return state == ServiceState.STARTING || state == ServiceState.STOPPING;
        }

        /**
         * A future done in this step left the services it certainly concerns settled; one not done is held by a
         * service it may concern that is starting or stopping.
         */
        private void checkOperationsWaitForTheirServicesOnly(Map<String, ServiceState> states) {
            for (java.util.Iterator<Operation> it = pending.iterator(); it.hasNext(); ) {
                Operation operation = it.next();
                if (operation.future().isDone()) {
                    for (String id : operation.certainly()) {
                        assertThat(inMotion(states.get(id))).as("%s completed while %s is %s", operation.step(), id,
                                states.get(id)).isFalse();
                    }
                    it.remove();
                } else {
                    assertThat(operation.possibly()).as("%s is not complete, so one of the services it may concern "
                            + "is starting or stopping: %s", operation.step(), states)
                            .anyMatch(id -> inMotion(states.get(id)));
                }
            }
            statesBefore = states;
        }

        private void checkNoneRunsWithoutItsRequirement(Map<String, ServiceState> states) {
            REQUIREMENT.forEach((id, requirement) -> {
                if (states.get(id) == ServiceState.RUNNING) {
                    assertThat(states.get(requirement)).as("%s is RUNNING, so its requirement %s", id, requirement)
                            .isEqualTo(ServiceState.RUNNING);
                }
            });
        }

        private Map<String, ServiceState> states() {
            Map<String, ServiceState> states = new HashMap<>();
            registry.snapshot().forEach(s -> states.put(s.id(), s.state()));
            return states;
        }

        /** Completes what is in flight and fires what is due until nothing is, then checks the end state. */
        void drainAndCheck() {
            for (int round = 0; round < 100; round++) {
                boolean moved = false;
                // Starts return in the end, those of removed instances too.
                for (List<Instance> all : instances.values()) {
                    for (Instance instance : all) {
                        CompletableFuture<@Nullable String> start = instance.inFlight();
                        if (start != null) {
                            if (start.complete(instance.id)) {
                                instance.accepted++;
                            }
                            moved = true;
                        }
                    }
                }
                if (!time.pendingTimers().isEmpty()) {
                    time.advance(Duration.between(time.instant(), time.pendingTimers().get(0)));
                    moved = true;
                }
                if (!moved) {
                    break;
                }
            }
            assertThat(time.pendingTimers()).as("timers left after draining").isEmpty();
            assertThat(futures).as("every operation's future is done").allMatch(CompletableFuture::isDone);
            log.assertAllLegal();
            assertThat(log.replay(Map.of("b", List.of("a"), "c", List.of("b")),
                    Map.of("a", List.of("b"), "b", List.of("c")), 10)).as("the event log").isEmpty();
            Map<String, ServiceState> states = states();
            for (String id : List.of("a", "b", "c", UNRELATED)) {
                Instance instance = current(id);
                ServiceState expected = expected(id);
                assertThat(states.get(id)).as("the state of %s", id).isEqualTo(expected);
                int running = expected == ServiceState.RUNNING ? 1 : 0;
                for (Instance earlier : instances.get(id)) {
                    int stillRunning = earlier == instance ? running : 0;
                    assertThat(earlier.stops).as("stops of an instance of %s", id)
                            .isEqualTo(earlier.accepted - stillRunning);
                }
            }
        }

        /** Where the sequential model puts {@code id} once everything has settled. */
        private @Nullable ServiceState expected(String id) {
            switch (desired.get(id)) {
                case "removed":
                    return null;
                case "stopped":
                    return ServiceState.STOPPED;
                default:
                    String requirement = REQUIREMENT.get(id);
                    return requirement == null || expected(requirement) == ServiceState.RUNNING
                            ? ServiceState.RUNNING : ServiceState.WAITING;
            }
        }

        @Override
        public void close() {
            registry.close();
        }
    }
}
