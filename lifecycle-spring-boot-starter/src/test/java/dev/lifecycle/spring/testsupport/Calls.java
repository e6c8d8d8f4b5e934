package dev.lifecycle.spring.testsupport;

import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records calls made by test services and beans, in order, from any thread. */
public final class Calls {

    private final List<String> calls = new CopyOnWriteArrayList<>();

    /** Records a call. */
    public void add(String call) {
        calls.add(call);
    }

    /** Every call, in order. */
    public List<String> all() {
        return List.copyOf(calls);
    }

    /** The calls that start with {@code prefix}, in order. */
    public List<String> starting(String prefix) {
        return calls.stream().filter(c -> c.startsWith(prefix)).toList();
    }

    /** How many times {@code call} was made. */
    public long count(String call) {
        return calls.stream().filter(call::equals).count();
    }

    /** A service that records {@code start:<name>} and {@code stop:<name>} here, and publishes {@code value}. */
    public <T> Service<T> service(String name, T value) {
        return new Service<>() {
            @Override
            public T start(ServiceContext context) {
                add("start:" + name);
                return value;
            }

            @Override
            public void stop(ServiceContext context) {
                add("stop:" + name);
            }
        };
    }
}
