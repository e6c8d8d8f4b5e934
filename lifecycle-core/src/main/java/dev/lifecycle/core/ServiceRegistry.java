package dev.lifecycle.core;

import dev.lifecycle.core.event.ServiceListener;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A container of services: installs them, starts them in dependency order (independent ones in parallel), stops
 * dependents before their dependencies, and restarts a failed service with everything that depends on it.
 *
 * <pre>{@code
 * try (ServiceRegistry registry = ServiceRegistry.builder().build()) {
 *     ServiceHandle<Config> config = registry.install("config", Config.class, ctx -> Config.load());
 *     registry.install(ServiceDefinition.builder(ServiceKey.of("db", Db.class), ctx -> Db.connect(config.get()))
 *             .requires(config.key()).build());
 *     registry.startAll().join();
 * }
 * }</pre>
 *
 * <p><b>Threading.</b> Every method is thread-safe and may be called from any thread, a listener or a service's own
 * code included. Changes of state are serialised by one lock per registry, never held while user code or listeners
 * run.
 *
 * <p><b>When an operation's future completes.</b> The future of {@link #fail}, {@link #restart}, {@link #stop},
 * {@link #start} and {@link #restartForConfiguration} completes once the services the operation concerns have
 * settled, and never later because of a service it does not concern. A service has <em>settled</em> when no setup,
 * start, stop or join of it is in flight that the registry waits for: it is RUNNING, WAITING, STOPPED, FAILED (a
 * restart waiting out its back-off does not count) or REMOVED. An operation concerns:
 * <ul>
 *   <li>the services it names;</li>
 *   <li>the dependents its cascade takes down: those RUNNING when a service it concerns stops (transitively), and
 *       those whose start is cancelled because a service it concerns leaves RUNNING;</li>
 *   <li>the dependents that start because a service it concerns became RUNNING and was the last of their
 *       requirements not RUNNING: the ones its cascade stopped, the ones that were waiting for it, and one installed
 *       while the operation runs;</li>
 *   <li>while a service it names waits to start, the requirements it waits for that are starting or stopping (and the
 *       waiting requirements in between), but not their other dependents: an operation on a service that requires one
 *       stuck in its start waits for that start.</li>
 * </ul>
 * An {@link StartMode#ON_DEMAND ON_DEMAND} requirement that stops because no dependent needs it any more is not
 * concerned: its stop (at once with an idle delay of zero, once the delay is over otherwise) may end after the
 * operation's future has completed; {@link #settled()} waits for it.
 * So a service stuck in a long start holds back the operations on itself, on the services that require it and wait
 * for it, and on the services whose cascade cancelled its start; an operation on any other service completes without
 * it. A start that the registry abandoned (its start timeout ran out; see {@link ServiceSnapshot#abandonedStart()})
 * is no longer waited for: a service held back until it returns has settled, WAITING with the reason in its snapshot.
 * Asked for from a service's own setup, start, stop or join, such a future does not wait for that very code, nor for
 * the services that only wait for it to end: a start may fail its own requirement and wait for the cascade.
 * {@link #settled()} and {@link #stopAll()} are about the whole registry: their futures complete once nothing at all is
 * in flight. {@link #remove} completes once the service is gone. A listener may receive the events of a change after
 * the future that change completed (see {@link dev.lifecycle.core.event.ServiceListener}).
 *
 * <p>The outcome of a service's code (a start or stop that returned) is applied by whichever thread takes the lock
 * next: a thread calling the registry may apply, before its call returns, the outcomes that other threads reported
 * while it held the lock, and deliver their events. A listener receives the events of a change before the change's
 * futures complete, unless another thread is delivering to that listener at the time; then it receives them from
 * that thread, soon after. The timers a change decides on (back-offs, timeouts) are handed to the {@link Scheduler}
 * once the lock is released, and before anything else of the change can be seen: its starts and stops, its events,
 * its futures, or a later call's snapshot.
 *
 * <p>Once {@link #close() closed}, the registry refuses every operation that would change it
 * ({@link IllegalStateException} naming the call); {@link #snapshot()}, {@link #get}, {@link #graph()} and
 * {@link #startupReport()} keep answering. An operation naming a service being removed, or one removed, throws
 * {@link UnknownServiceException} saying so.
 *
 * @since 0.1
 */
public interface ServiceRegistry extends AutoCloseable {

    /**
     * A builder with the defaults: see {@link ServiceRegistryBuilder}.
     *
     * @return a new builder
     */
    static ServiceRegistryBuilder builder() {
        return new ServiceRegistryBuilder();
    }

    /**
     * Installs a service: runs its {@link Service#init}, checks its requirements and links it into the graph. If the
     * registry has been started, the service starts as soon as its requirements are RUNNING; a requirement that is
     * not installed yet keeps it WAITING until it is.
     *
     * @param definition the service
     * @param <T> the value type
     * @return a handle to it; the existing service's handle if the key is already installed with the same type
     * @throws ServiceTypeClashException if the id is taken by a service of another type, or a requirement's type
     *         does not match the installed service's
     * @throws DependencyCycleException if the service would close a cycle of requirements
     * @throws LifecycleException if its init throws; nothing is installed
     */
    <T> ServiceHandle<T> install(ServiceDefinition<T> definition);

    /**
     * Installs services in the order given, as {@link #install(ServiceDefinition)} would one after the other, with the
     * same checks and the same exceptions, in one change of the registry rather than one per service: cheaper for
     * many services (an application's start-up). Every {@link Service#init init} runs first, then the services are
     * checked and linked into the graph together. The first service that cannot be installed ends the call with its
     * exception: the services before it stay installed; it and those after it are not (their inits may have run).
     * The default implementation installs them one after the other.
     *
     * @param definitions the services, in installation order; a key installed already (or earlier in the list) gives
     *        the existing service's handle, as {@link #install(ServiceDefinition)} does
     * @return a handle to each service, in the order of {@code definitions}
     * @throws ServiceTypeClashException if an id is taken by a service of another type, or a requirement's type
     *         does not match the installed service's
     * @throws DependencyCycleException if a service would close a cycle of requirements
     * @throws LifecycleException if an init throws
     */
    default List<ServiceHandle<?>> installAll(List<? extends ServiceDefinition<?>> definitions) {
        List<ServiceHandle<?>> handles = new ArrayList<>(definitions.size());
        for (ServiceDefinition<?> definition : definitions) {
            handles.add(install(definition));
        }
        return Collections.unmodifiableList(handles);
    }

    /**
     * Installs a service with no options; see {@link #install(ServiceDefinition)}.
     *
     * @param name the service name
     * @param type the value type
     * @param service the implementation
     * @param <T> the value type
     * @return a handle to it
     */
    default <T> ServiceHandle<T> install(String name, Class<T> type, Service<T> service) {
        return install(ServiceDefinition.of("ServiceRegistry.install(name, type, service)", name, type, service));
    }

    /**
     * A handle to {@code key}, installed or not: its {@link ServiceHandle#get()} works once it is installed and
     * RUNNING.
     *
     * @param key the service's key
     * @param <T> the value type
     * @return a live handle to the service
     */
    <T> ServiceHandle<T> handle(ServiceKey<T> key);

    /**
     * Starts every installed service, in dependency order, independent ones in parallel.
     *
     * @return a future completing when every service is RUNNING (or was stopped by an operator), or failing with a
     *         {@link StartupFailedException} once the services that are not RUNNING can no longer start (they gave
     *         up, may not restart, or wait on one that did); what started keeps running either way
     * @throws MissingDependencyException if a requirement is not installed, listing every missing one and who needs
     *         it; nothing is started
     */
    CompletableFuture<@Nullable Void> startAll();

    /**
     * Stops every service, dependents before their dependencies, independent ones in parallel, each bounded by its
     * stop timeout. An error or a timeout is recorded as the service's last failure and stopping goes on. A start in
     * flight is cancelled (its thread interrupted, its future cancelled): the service ends STOPPED, after its stop if
     * the start succeeded anyway. Scheduled restarts are cancelled; no service starts until {@link #startAll()} is
     * called again.
     *
     * @return a future completing when every service has stopped: the whole registry has settled (see
     *         {@link #settled()})
     */
    CompletableFuture<@Nullable Void> stopAll();

    /**
     * The value of a RUNNING service; see {@link ServiceHandle#get()}. It is {@code null} only for a service of type
     * {@link Void}, which publishes no value; every other failure to give a value is an exception.
     *
     * @param key the service's key
     * @param <T> the value type
     * @return the value published by the service's current start cycle
     * @throws ServiceNotRunningException if it has no value (it is not RUNNING, nor stopping its dependents), saying
     *         its state and why
     * @throws UnknownServiceException if it is not installed
     * @throws ServiceTypeClashException if it is installed with another type
     */
    <T> @Nullable T get(ServiceKey<T> key);

    /**
     * A future completing with the service's value once it is RUNNING (at once if it is); it fails with a
     * {@link ServiceFailedException} once the service gives up or is removed. The service need not be installed yet.
     *
     * @param key the service's key
     * @param <T> the value type
     * @return a future of the value the service publishes when it is RUNNING
     */
    <T> CompletableFuture<@Nullable T> await(ServiceKey<T> key);

    /**
     * Fails a service: its dependents are stopped (dependents first), it is stopped (stop and join run) and becomes
     * FAILED, and its restart policy applies; the dependents start again once it is RUNNING. A fail while it starts
     * cancels the start; fails in a row are merged into one. A service that is not starting or running is left as
     * it is.
     *
     * @param id the service id
     * @param cause why it failed
     * @return a future completing once it and the dependents its cascade stopped have settled (see the class's
     *         "When an operation's future completes"): FAILED, or RUNNING again if its restart is due at once
     * @throws UnknownServiceException if it is not installed
     */
    CompletableFuture<@Nullable Void> fail(String id, Throwable cause);

    /**
     * Restarts a service by hand: stops its dependents and it, starts it and then its dependents; no back-off, and
     * not counted as a failure. A FAILED service (even one that gave up) or a STOPPED one is started. How it counts
     * towards the restart-intensity limit: see {@link RestartPolicy}.
     *
     * @param id the service id
     * @return a future completing once it and its dependents have started again, or settled otherwise (see the
     *         class's "When an operation's future completes")
     * @throws UnknownServiceException if it is not installed
     * @throws IllegalStateException if the registry has not been started, the service is disabled, or it is
     *         leader-only and this instance does not lead its group
     */
    CompletableFuture<@Nullable Void> restart(String id);

    /**
     * Restarts the services that read configuration that changed: each stops, with its dependents first, and starts
     * again, its dependents after it, all in one change, so that a dependent of two of them restarts once. Every
     * transition of the cycle of each of those services (to STOPPING, WAITING, STARTING and RUNNING) carries the reason
     * {@link TransitionReason#CONFIGURATION} and the keys as its detail (at most five are named); their dependents'
     * carry {@link TransitionReason#DEPENDENCY}. It is not a failure, and has no back-off. A service that failed starts
     * at once; one stopped by an operator, or not started yet, is left as it is: it reads the configuration when it
     * starts.
     *
     * @param ids the services that read the changed configuration
     * @param changedKeys the keys that changed, for the transitions
     * @return a future completing once those services and their dependents have settled (see the class's "When an
     *         operation's future completes")
     * @throws UnknownServiceException if one of {@code ids} is not installed; nothing is restarted
     */
    CompletableFuture<@Nullable Void> restartForConfiguration(Collection<String> ids,
            Collection<String> changedKeys);

    /**
     * Stops a service and its dependents; they stay down until it is {@link #start started} again. A leader-only
     * service stopped while this instance does not lead its group stays stopped once leadership is granted, until
     * it is started.
     *
     * @param id the service id
     * @return a future completing once it is STOPPED and its dependents have stopped (see the class's "When an
     *         operation's future completes"); a start in flight that ignores its cancellation holds it until the start
     *         returns or its start timeout abandons it
     * @throws UnknownServiceException if it is not installed
     */
    CompletableFuture<@Nullable Void> stop(String id);

    /**
     * Starts a service that was stopped by hand, that gave up or whose restart policy never restarts it, or one that
     * failed and waits out its back-off (it starts now); its waiting dependents follow. A service that is up is left
     * as it is. How it counts towards the restart-intensity limit: see {@link RestartPolicy}. A service whose earlier
     * start was abandoned and has not returned yet waits (WAITING, its snapshot saying so) and starts once it has.
     *
     * <p>{@link #startAll()} leaves the services stopped by hand and those that stay FAILED as they are. To start
     * again everything that is down, start each of them:
     * <pre>{@code
     * for (ServiceSnapshot s : registry.snapshot()) {
     *     if (s.mode() != StartMode.NEVER && (s.state() == ServiceState.STOPPED || s.state() == ServiceState.FAILED)) {
     *         registry.start(s.id());
     *     }
     * }
     * }</pre>
     *
     * @param id the service id
     * @return a future completing once it and the dependents that follow it have started, or settled otherwise (see
     *         the class's "When an operation's future completes"); while it waits for a requirement that is starting,
     *         it waits for that start too
     * @throws UnknownServiceException if it is not installed
     * @throws IllegalStateException if the registry has not been started, the service is disabled
     *         ({@link StartMode#NEVER}), or it is leader-only and this instance does not lead its group (it starts
     *         once {@link Leadership#grant leadership is granted}; the message names the group)
     */
    CompletableFuture<@Nullable Void> start(String id);

    /**
     * Removes a service: stops its transitive dependents and it, then removes it. The dependents stay installed,
     * WAITING on a missing requirement, and start again if a service with that id is installed.
     *
     * @param id the service id
     * @return a future completing once the service is gone
     * @throws UnknownServiceException if it is not installed (for example, removed already)
     */
    CompletableFuture<@Nullable Void> remove(String id);

    /**
     * Waits for the whole registry. Unlike an operation's future, it waits for every service, one stuck in a long start
     * included.
     *
     * @return a future completing once the whole registry has settled: no setup, start, stop or join of any service is
     *         in flight (a restart waiting out its back-off, and a start the registry abandoned, do not count)
     */
    CompletableFuture<@Nullable Void> settled();

    /**
     * Runs every RUNNING service's health check now; the future completes when all have answered.
     *
     * @return a future completing when every check has answered
     */
    CompletableFuture<@Nullable Void> checkHealth();

    /**
     * A snapshot of every service, in installation order.
     *
     * @return one snapshot per installed service
     */
    List<ServiceSnapshot> snapshot();

    /**
     * How many installed services are in each state now: a cheap check, such as "is every service RUNNING", that
     * needs no {@link #snapshot() snapshot} of each service.
     *
     * @return every state, each with its count (zero included), in the order of {@link ServiceState}; unmodifiable
     */
    default Map<ServiceState, Integer> countByState() {
        Map<ServiceState, Integer> counts = new EnumMap<>(ServiceState.class);
        for (ServiceState state : ServiceState.values()) {
            counts.put(state, 0);
        }
        for (ServiceSnapshot s : snapshot()) {
            counts.merge(s.state(), 1, Integer::sum);
        }
        return Collections.unmodifiableMap(counts);
    }

    /**
     * A snapshot of one service, if it is installed.
     *
     * @param id the service id
     * @return its snapshot, or empty if no service is installed under {@code id}
     */
    Optional<ServiceSnapshot> snapshot(String id);

    /**
     * The dependency graph, for export to Mermaid or DOT.
     *
     * @return the services and their requirements now
     */
    ServiceGraph graph();

    /**
     * The timeline of the last {@link #startAll()} and its critical path.
     *
     * @return the report; before the first start, one without a start time and without services
     */
    StartupReport startupReport();

    /**
     * Where an election engine, or a test, tells the registry whether this instance leads each group of
     * {@linkplain ServiceDefinition.Builder#leader(String) leader-only services}.
     *
     * @return the registry's leadership, the same object at every call
     */
    Leadership leadership();

    /**
     * Adds a listener; it receives the events that happen from now on.
     *
     * @param listener the listener
     */
    void addListener(ServiceListener listener);

    /**
     * Removes a listener.
     *
     * @param listener the listener, as it was added
     */
    void removeListener(ServiceListener listener);

    /**
     * Stops every service (as {@link #stopAll()}) and waits for it, then fails the futures awaiting services (none
     * will start now), and waits for the listeners to have received every transition, at most the builder's
     * {@link ServiceRegistryBuilder#eventDeliveryTimeout event delivery timeout} (a listener that blocks longer is
     * logged and left behind; from a listener, it does not wait). Each stop is bounded by the service's stop timeout,
     * so close completes. Calling it again does nothing. The default threads, shared by the registries of the JVM,
     * end by themselves when idle.
     */
    @Override
    void close();
}
