package dev.lifecycle.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A thread-safe log of the phases services went through, as {@code "phase:id"} in the order they were called, and
 * services that write to it.
 */
final class PhaseLog {

    private final List<String> calls = new CopyOnWriteArrayList<>();

    void add(String phase, String id) {
        calls.add(phase + ":" + id);
    }

    /** Every call, in order. */
    List<String> calls() {
        return List.copyOf(calls);
    }

    /** The ids of the services that went through {@code phase}, in order. */
    List<String> of(String phase) {
        List<String> ids = new ArrayList<>();
        for (String call : calls) {
            if (call.startsWith(phase + ":")) {
                ids.add(call.substring(phase.length() + 1));
            }
        }
        return ids;
    }

    /** Where {@code phase:id} first happened; -1 if it did not. */
    int indexOf(String phase, String id) {
        return calls.indexOf(phase + ":" + id);
    }

    /** How many times {@code id} went through {@code phase}. */
    long count(String phase, String id) {
        String call = phase + ":" + id;
        return calls.stream().filter(call::equals).count();
    }

    /**
     * A service publishing {@code value} that logs each of its phases, requiring the services named in
     * {@code requires} (by id, without value).
     */
    <T> Service<T> service(String id, T value, String... requires) {
        return new Service<>() {
            @Override
            public void init(ServiceInit init) {
                add("init", id);
                for (String r : requires) {
                    init.dependsOn(r);
                }
            }

            @Override
            public void setup(ServiceContext context) {
                add("setup", id);
            }

            @Override
            public T start(ServiceContext context) {
                add("start", id);
                return value;
            }

            @Override
            public void stop(ServiceContext context) {
                add("stop", id);
            }

            @Override
            public void join(ServiceContext context) {
                add("join", id);
            }
        };
    }

    /** Installs {@link #service} under {@code id} with type String, publishing {@code id}. */
    ServiceHandle<String> install(ServiceRegistry registry, String id, String... requires) {
        return registry.install(id, String.class, service(id, id, requires));
    }

    @Override
    public String toString() {
        return calls.toString();
    }
}
