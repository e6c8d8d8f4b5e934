package dev.lifecycle.core.internal;

import dev.lifecycle.core.Leadership;
import dev.lifecycle.core.ServiceDefinition;
import dev.lifecycle.core.ServiceGraph;
import dev.lifecycle.core.ServiceHandle;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceSnapshot;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.core.StartMode;
import dev.lifecycle.core.StartupReport;
import dev.lifecycle.core.event.ServiceListener;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ServiceRegistry} the builder makes: checks each call's arguments, finds the service it names and runs
 * it as one change of the {@link Engine}.
 */
public final class DefaultServiceRegistry implements ServiceRegistry {

    private final Engine engine;
    private final @Nullable Thread shutdownHook;

    private DefaultServiceRegistry(RegistryOptions options) {
        this.engine = new Engine(options);
        if (options.shutdownHook()) {
            this.shutdownHook = new Thread(this::close, "lifecycle-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } else {
            this.shutdownHook = null;
        }
    }

    /** A registry with these options. */
    public static ServiceRegistry create(RegistryOptions options) {
        FlightEvents.load();
        return new DefaultServiceRegistry(options);
    }

    /** The engine behind this registry. */
    Engine engine() {
        return engine;
    }

    @Override
    public <T> ServiceHandle<T> install(ServiceDefinition<T> definition) {
        return engine.installer.install(definition);
    }

    @Override
    public List<ServiceHandle<?>> installAll(List<? extends ServiceDefinition<?>> definitions) {
        return engine.installer.installAll(definitions);
    }

    @Override
    public <T> ServiceHandle<T> handle(ServiceKey<T> key) {
        return new LiveHandle<>(engine, Checks.notNull(key, "ServiceRegistry.handle(key)", "key"));
    }

    @Override
    public CompletableFuture<@Nullable Void> startAll() {
        return engine.loop.locked(change -> {
            engine.lookup.checkOpen("startAll", null);
            return engine.requests.requestStartAll(change);
        });
    }

    @Override
    public CompletableFuture<@Nullable Void> stopAll() {
        return engine.loop.locked(change -> {
            engine.requests.requestStopAll(change);
            return engine.progress.settledFuture();
        });
    }

    @Override
    public <T> @Nullable T get(ServiceKey<T> key) {
        return new LiveHandle<>(engine, Checks.notNull(key, "ServiceRegistry.get(key)", "key")).get();
    }

    @Override
    public <T> CompletableFuture<@Nullable T> await(ServiceKey<T> key) {
        return engine.progress.awaitValue(Checks.notNull(key, "ServiceRegistry.await(key)", "key"));
    }

    @Override
    public CompletableFuture<@Nullable Void> fail(String id, Throwable cause) {
        Checks.notNull(cause, "ServiceRegistry.fail(id, cause)", "cause");
        return operate("fail", "ServiceRegistry.fail(id, cause)", id, false,
                (c, change) -> engine.requests.requestFailure(c, Requests.ANY_CYCLE, cause, change));
    }

    @Override
    public CompletableFuture<@Nullable Void> restart(String id) {
        return operate("restart", "ServiceRegistry.restart(id)", id, true, engine.requests::requestRestart);
    }

    @Override
    public CompletableFuture<@Nullable Void> stop(String id) {
        return operate("stop", "ServiceRegistry.stop(id)", id, false, engine.requests::requestStop);
    }

    @Override
    public CompletableFuture<@Nullable Void> start(String id) {
        return operate("start", "ServiceRegistry.start(id)", id, true, engine.requests::requestStart);
    }

    /**
     * Runs an operator's request on the service {@code id} as one change.
     *
     * @param call the operation's name, for a refusal
     * @param signature the operation as the user wrote it, for a null argument
     * @param startsIt whether the request may start the service: refused before start-all and after stop-all
     * @return a future completing once the services the operation concerns have settled (see {@link Operations})
     */
    private CompletableFuture<@Nullable Void> operate(String call, String signature, String id, boolean startsIt,
            BiConsumer<ServiceRecord, Change> request) {
        Checks.notNull(id, signature, "id");
        return engine.loop.locked(change -> {
            ServiceRecord c = engine.lookup.operable(call, id);
            if (startsIt) {
                checkStarted(id);
                if (c.settings.mode == StartMode.NEVER) {
                    throw new IllegalStateException("Cannot " + call + " '" + id + "': it is disabled (mode NEVER); "
                            + "install it with another mode to start it");
                }
                if (c.settings.leaderGroup != null && engine.leadership.onStandby(c)) {
                    String group = c.settings.leaderGroup;
                    throw new IllegalStateException("Cannot " + call + " '" + id + "': it is leader-only for group '"
                            + group + "', and this instance does not lead it ("
                            + engine.leadership.stateOf(c) + "); it starts once leadership of '" + group
                            + "' is granted (registry.leadership().grant(\"" + group + "\"))");
                }
            }
            CompletableFuture<@Nullable Void> done = engine.operations.begin(List.of(c));
            request.accept(c, change);
            return done;
        });
    }

    @Override
    public CompletableFuture<@Nullable Void> restartForConfiguration(Collection<String> ids,
            Collection<String> changedKeys) {
        String call = "ServiceRegistry.restartForConfiguration(ids, changedKeys)";
        List<String> services = List.copyOf(Checks.notNull(ids, call, "ids"));
        String detail = configurationChanged(List.copyOf(Checks.notNull(changedKeys, call, "changedKeys")));
        return engine.loop.locked(change -> {
            List<ServiceRecord> records = new java.util.ArrayList<>(services.size());
            for (String id : services) {
                records.add(engine.lookup.operable("restartForConfiguration", id));
            }
            CompletableFuture<@Nullable Void> done = engine.operations.begin(records);
            records.forEach(c -> engine.requests.requestReconfiguration(c, detail, change));
            return done;
        });
    }

    /** The detail of a restart for configuration: the keys, at most five of them. */
    private static String configurationChanged(List<String> keys) {
        int named = Math.min(keys.size(), 5);
        String listed = String.join(", ", keys.subList(0, named));
        return "configuration changed: " + (keys.isEmpty() ? "(keys not given)" : listed)
                + (keys.size() > named ? " and " + (keys.size() - named) + " more" : "");
    }

    @Override
    public CompletableFuture<@Nullable Void> remove(String id) {
        Checks.notNull(id, "ServiceRegistry.remove(id)", "id");
        return engine.loop.locked(change -> {
            engine.lookup.checkOpen("remove", id);
            // A second remove while the first is under way gets the same future.
            return engine.requests.requestRemoval(engine.lookup.require(id), change);
        });
    }

    private void checkStarted(String id) {
        RegistryState state = engine.state;
        if (!state.started || state.shuttingDown) {
            throw new IllegalStateException("Cannot start '" + id + "': the registry is "
                    + (state.shuttingDown ? "stopped" : "not started") + "; call startAll() first");
        }
    }

    @Override
    public CompletableFuture<@Nullable Void> settled() {
        return engine.loop.locked(change -> engine.progress.settledFuture());
    }

    @Override
    public CompletableFuture<@Nullable Void> checkHealth() {
        return engine.health.runAll();
    }

    @Override
    public List<ServiceSnapshot> snapshot() {
        return engine.loop.locked(change -> engine.views.snapshots());
    }

    @Override
    public Map<ServiceState, Integer> countByState() {
        int[] counts = engine.loop.locked(change -> engine.views.countByState());
        Map<ServiceState, Integer> byState = new EnumMap<>(ServiceState.class);
        for (ServiceState state : ServiceState.values()) {
            byState.put(state, counts[state.ordinal()]);
        }
        return Collections.unmodifiableMap(byState);
    }

    @Override
    public Optional<ServiceSnapshot> snapshot(String id) {
        Checks.notNull(id, "ServiceRegistry.snapshot(id)", "id");
        return engine.loop.locked(change -> {
            ServiceRecord c = engine.state.services.get(id);
            return c == null ? Optional.empty() : Optional.of(engine.views.snapshot(c, new HashMap<>()));
        });
    }

    @Override
    public ServiceGraph graph() {
        return engine.loop.locked(change -> engine.views.graph());
    }

    @Override
    public StartupReport startupReport() {
        return engine.loop.locked(change -> engine.timeline.startupReport());
    }

    @Override
    public Leadership leadership() {
        return engine.leadership;
    }

    @Override
    public void addListener(ServiceListener listener) {
        engine.events.add(Checks.notNull(listener, "ServiceRegistry.addListener(listener)", "listener"));
    }

    @Override
    public void removeListener(ServiceListener listener) {
        engine.events.remove(listener);
    }

    @Override
    public void close() {
        boolean first = engine.loop.locked(change -> {
            boolean wasOpen = !engine.state.closed;
            engine.state.closed = true;
            return wasOpen;
        });
        if (!first) {
            return;
        }
        stopAll().join();
        // Nothing starts any more: whoever awaits a service would wait for ever.
        engine.loop.lockedRun(engine.progress::failEveryAwaiter);
        // Whatever thread is delivering events, the last transitions reach the listeners before close returns,
        // unless a listener blocks past the delivery timeout.
        engine.events.deliverAll(engine.eventDeliveryTimeout);
        engine.events.close();
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException ex) {
                // The JVM is already shutting down.
            }
        }
        engine.workers.close();
    }

    @Override
    public String toString() {
        return "ServiceRegistry[" + engine.state.services.size() + " services]";
    }
}
