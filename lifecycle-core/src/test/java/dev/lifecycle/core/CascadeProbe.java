package dev.lifecycle.core;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The calls services received, as {@code "start id"}, {@code "stop id"}, {@code "join id"}, in the order they were
 * made, and services that record into it. Thread-safe.
 */
final class CascadeProbe {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> starts = new ConcurrentHashMap<>();

    /** Records a call. */
    void record(String call) {
        calls.add(call);
    }

    /** Every call so far, in order. */
    List<String> calls() {
        return List.copyOf(calls);
    }

    /** The calls that name {@code id}, in order. */
    List<String> callsOf(String id) {
        return calls.stream().filter(call -> call.endsWith(" " + id)).toList();
    }

    /** How many times {@code id}'s start was called. */
    int starts(String id) {
        AtomicInteger count = starts.get(id);
        return count == null ? 0 : count.get();
    }

    /**
     * A service that records its start, stop and join, and publishes what {@code value} returns (called after the
     * start is recorded).
     */
    <T> Service<T> service(String id, Callable<@Nullable T> value) {
        return new Service<>() {
            @Override
            public @Nullable T start(ServiceContext context) throws Exception {
                starts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                record("start " + id);
                return value.call();
            }

            @Override
            public void stop(ServiceContext context) {
                record("stop " + id);
            }

            @Override
            public void join(ServiceContext context) {
                record("join " + id);
            }
        };
    }

    /** A recording service publishing {@code id#n}, where n counts its starts. */
    Service<String> service(String id) {
        return service(id, () -> id + "#" + starts(id));
    }
}
