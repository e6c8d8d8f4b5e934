package dev.lifecycle.spring;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records calls made by test services and beans, in order, from any thread. */
final class Calls {

    private final List<String> calls = new CopyOnWriteArrayList<>();

    void add(String call) {
        calls.add(call);
    }

    List<String> all() {
        return List.copyOf(calls);
    }

    /** The calls that start with {@code prefix}, in order. */
    List<String> starting(String prefix) {
        return calls.stream().filter(c -> c.startsWith(prefix)).toList();
    }

    long count(String call) {
        return calls.stream().filter(call::equals).count();
    }
}
