package dev.lifecycle.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The phases services went through, as {@code "phase id"} in the order they were called, and services that record
 * into it. Thread-safe.
 *
 * <p>Two kinds of service record into it: {@link #service(String) service} records its start, stop and join (what
 * a test of starts and stops reads), {@link #everyPhase everyPhase} records init and setup as well.
 */
final class PhaseLog {

    /** What an {@link #everyPhase} service does after recording a phase, for example throw. */
    @FunctionalInterface
    interface AfterPhase {

        /** Called with the phase just recorded: init, setup, start, stop or join. */
        void run(String phase) throws Exception;
    }

    private final List<String> calls = new CopyOnWriteArrayList<>();

    /** Records that {@code id} went through {@code phase}. */
    void add(String phase, String id) {
        calls.add(phase + " " + id);
    }

    /** Every call so far, in order. */
    List<String> calls() {
        return List.copyOf(calls);
    }

    /** The calls that name {@code id}, in order. */
    List<String> callsOf(String id) {
        return calls.stream().filter(call -> call.endsWith(" " + id)).toList();
    }

    /** The ids of the services that went through {@code phase}, in order. */
    List<String> of(String phase) {
        List<String> ids = new ArrayList<>();
        for (String call : calls) {
            if (call.startsWith(phase + " ")) {
                ids.add(call.substring(phase.length() + 1));
            }
        }
        return ids;
    }

    /** Where {@code phase id} first happened; -1 if it did not. */
    int indexOf(String phase, String id) {
        return calls.indexOf(phase + " " + id);
    }

    /** How many times {@code id} went through {@code phase}. */
    long count(String phase, String id) {
        String call = phase + " " + id;
        return calls.stream().filter(call::equals).count();
    }

    /** How many times {@code id}'s start was called. */
    int starts(String id) {
        return (int) count("start", id);
    }

    /** A service publishing {@code id#n}, where n counts its starts, that records its start, stop and join. */
    Service<String> service(String id) {
        return service(id, () -> id + "#" + starts(id));
    }

    /**
     * A service that records its start, stop and join, and publishes what {@code value} returns (called after the
     * start is recorded).
     */
    <T> Service<T> service(String id, Callable<@Nullable T> value) {
        return new Recording<>(id, value, false, phase -> {});
    }

    /**
     * A service publishing {@code value} that records each of its phases, init and setup included, requiring the
     * services named in {@code requires} (by id, without value).
     */
    <T> Service<T> everyPhase(String id, @Nullable T value, String... requires) {
        return everyPhase(id, value, phase -> {}, requires);
    }

    /** {@link #everyPhase(String, Object, String...)} that runs {@code after} once it has recorded each phase. */
    <T> Service<T> everyPhase(String id, @Nullable T value, AfterPhase after, String... requires) {
        return new Recording<>(id, () -> value, true, after, requires);
    }

    /** A definition of {@link #everyPhase} under {@code id} with type String, publishing {@code id}, for options. */
    ServiceDefinition.Builder<String> definition(String id) {
        return ServiceDefinition.builder(ServiceKey.of(id, String.class), everyPhase(id, id));
    }

    /** Installs {@link #everyPhase} under {@code id} with type String, publishing {@code id}. */
    ServiceHandle<String> install(ServiceRegistry registry, String id, String... requires) {
        return registry.install(id, String.class, everyPhase(id, id, requires));
    }

    @Override
    public String toString() {
        return calls.toString();
    }

    /** A service that records its phases into this log. */
    private final class Recording<T> implements Service<T> {

        private final String id;
        private final Callable<@Nullable T> value;
        private final boolean initAndSetup;
        private final AfterPhase after;
        private final String[] requires;

        Recording(String id, Callable<@Nullable T> value, boolean initAndSetup, AfterPhase after,
                String... requires) {
            this.id = id;
            this.value = value;
            this.initAndSetup = initAndSetup;
            this.after = after;
            this.requires = requires;
        }

        @Override
        public void init(ServiceInit init) throws Exception {
            if (initAndSetup) {
                add("init", id);
                for (String r : requires) {
                    init.dependsOn(r);
                }
                after.run("init");
            }
        }

        @Override
        public void setup(ServiceContext context) throws Exception {
            if (initAndSetup) {
                record("setup");
            }
        }

        @Override
        public @Nullable T start(ServiceContext context) throws Exception {
            record("start");
            return value.call();
        }

        @Override
        public void stop(ServiceContext context) throws Exception {
            record("stop");
        }

        @Override
        public void join(ServiceContext context) throws Exception {
            record("join");
        }

        private void record(String phase) throws Exception {
            add(phase, id);
            after.run(phase);
        }
    }
}
