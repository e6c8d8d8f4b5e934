package dev.lifecycle.test;

import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceRegistryBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A registry under test, made deterministic: its time is {@link ManualTime} (nothing happens with time until the
 * test {@link #advance advances} it), its services' code runs on the thread that calls the registry (so every call
 * returns once what it caused has happened), its back-off has no jitter, and it comes with {@link Faults} to inject
 * and a {@link RecordingListener}.
 *
 * <pre>{@code
 * TestLifecycle lifecycle = new TestLifecycle();
 * ServiceRegistry registry = lifecycle.registry();
 * ServiceHandle<String> config = registry.install("config", String.class, ctx -> "v" + version.incrementAndGet());
 * registry.install(ServiceDefinition.builder(ServiceKey.of("db", String.class), ctx -> "db@" + config.get())
 *         .requires(config.key()).build());
 * registry.startAll().join();
 *
 * registry.fail("config", new IOException("config changed")).join();   // db WAITING, config FAILED
 * lifecycle.advance(Duration.ofMillis(100));                            // past the back-off: both RUNNING
 * assertThat(registry).service("db").isRunning().hasValue("db@v2");
 * }</pre>
 *
 * <p>Every call returns once what it caused has happened: the starts, stops and cascades it set off have run. A
 * future that waits for time (a restart after its back-off, a timeout) completes when the test advances time past
 * it, so check the states rather than {@code join()} such a future first. A service whose start blocks blocks the
 * test: make it hang with {@link Faults#hangNextStart} instead, or use an {@link dev.lifecycle.core.AsyncService}.
 *
 * @since 0.1
 */
public final class TestLifecycle implements AutoCloseable {

    /** The recorder of each registry built or attached here, for the assertions. */
    private static final Map<ServiceRegistry, RecordingListener> RECORDERS = new WeakHashMap<>();

    private final ManualTime time;
    private final RecordingListener events = new RecordingListener();
    private final Faults faults;
    private volatile @Nullable ServiceRegistry registry;

    /** A lifecycle on manual time starting at {@link ManualTime#DEFAULT_START}. */
    public TestLifecycle() {
        this(new ManualTime());
    }

    /**
     * A lifecycle on {@code time}.
     *
     * @param time the manual time the registry runs on
     */
    public TestLifecycle(ManualTime time) {
        this.time = Objects.requireNonNull(time, "TestLifecycle(time): time must not be null");
        this.faults = new Faults(time, () -> registry);
    }

    /**
     * Makes a builder deterministic: manual time as its clock and scheduler, services' code on the calling thread,
     * no jitter, the faults and the recorder. What the builder is given afterwards overrides it.
     *
     * @param builder a builder of the registry under test
     * @return {@code builder}
     */
    public ServiceRegistryBuilder applyTo(ServiceRegistryBuilder builder) {
        return builder.clock(time).scheduler(time).executor(Runnable::run).random(() -> 0.0).interceptor(faults)
                .listener(events);
    }

    /**
     * A builder made deterministic (see {@link #applyTo}).
     *
     * @return a new builder on this lifecycle's time, faults and recorder
     */
    public ServiceRegistryBuilder builder() {
        return applyTo(ServiceRegistry.builder());
    }

    /**
     * The registry under test: built from {@link #builder()} the first time, the same one afterwards.
     *
     * @return the registry under test
     */
    public synchronized ServiceRegistry registry() {
        ServiceRegistry built = registry;
        return built != null ? built : attach(builder().build());
    }

    /**
     * Builds the registry under test from {@link #builder()} adjusted by {@code options}.
     *
     * @param options what to change in the deterministic builder, such as timeouts
     * @return the registry under test
     * @throws IllegalStateException if it was built already: call this once, before {@link #registry()}
     */
    public synchronized ServiceRegistry registry(Consumer<ServiceRegistryBuilder> options) {
        if (registry != null) {
            throw new IllegalStateException("TestLifecycle.registry(options): the registry is built already; give "
                    + "the options at the first call");
        }
        ServiceRegistryBuilder builder = builder();
        options.accept(builder);
        return attach(builder.build());
    }

    /**
     * Makes {@code registry}, built elsewhere from a builder this lifecycle was {@link #applyTo applied to}, the one
     * under test: the one {@link Faults#failAfter} fails services in and the assertions read the recorder of.
     *
     * @param registry the registry under test
     * @return {@code registry}
     */
    public ServiceRegistry attach(ServiceRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "TestLifecycle.attach(registry): registry must not be null");
        synchronized (RECORDERS) {
            RECORDERS.put(registry, events);
        }
        return registry;
    }

    /**
     * Moves time forward, running the restarts, timeouts and health checks that fall due (see {@link ManualTime}).
     *
     * @param by how far to move, not negative
     */
    public void advance(Duration by) {
        time.advance(by);
    }

    /**
     * The manual time of the registry under test: its clock and its scheduler.
     *
     * @return the manual time
     */
    public ManualTime time() {
        return time;
    }

    /**
     * Where faults are armed in the services of the registry under test.
     *
     * @return the faults
     */
    public Faults faults() {
        return faults;
    }

    /**
     * Every transition of the registry under test.
     *
     * @return the recorder of the registry under test
     */
    public RecordingListener events() {
        return events;
    }

    /**
     * The recorder of a registry built or attached by a {@code TestLifecycle}, if any.
     *
     * @param registry a registry
     * @return its recorder, or {@code null} if no {@code TestLifecycle} built or attached it
     */
    public static @Nullable RecordingListener recorderOf(ServiceRegistry registry) {
        synchronized (RECORDERS) {
            return RECORDERS.get(registry);
        }
    }

    /** Withdraws the faults not yet happened and closes the registry, if one was built. */
    @Override
    public void close() {
        faults.reset();
        ServiceRegistry built = registry;
        if (built != null) {
            built.close();
        }
    }
}
