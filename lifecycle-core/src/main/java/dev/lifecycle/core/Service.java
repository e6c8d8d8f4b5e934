package dev.lifecycle.core;

import org.jspecify.annotations.Nullable;

/**
 * A long-running part of an application, managed by a {@link ServiceRegistry}.
 *
 * <p>The registry calls the phases in this order; only {@link #start} is mandatory, so a lambda is a service:
 * <table>
 *   <caption>Phases</caption>
 *   <tr><th>phase</th><th>when, how often</th><th>may</th></tr>
 *   <tr><td>{@link #init}</td><td>once, when the service is installed, on the installing thread</td>
 *       <td>declare requirements and ordering; must not start threads, do I/O or call other services</td></tr>
 *   <tr><td>{@link #setup}</td><td>each start cycle, once every requirement is RUNNING</td>
 *       <td>read requirement values, configure</td></tr>
 *   <tr><td>{@link #start}</td><td>right after setup</td>
 *       <td>begin work and return the value published to dependents; may block (it runs on its own thread)</td></tr>
 *   <tr><td>{@link #stop}</td><td>exactly once for every start that succeeded, after every dependent has stopped</td>
 *       <td>signal background work to end, release resources; an exception is recorded, stopping goes on</td></tr>
 *   <tr><td>{@link #join}</td><td>right after stop</td><td>wait for background work to end, within the stop timeout</td></tr>
 * </table>
 *
 * <p>Setup, start, stop and join run on the registry's executor, never while the registry holds its lock; a service
 * may block in them without stalling other services. A service is RUNNING only once start has returned (or its
 * {@link AsyncService#startAsync future} has completed). An exception from setup or start, or a start that outlives
 * its timeout, fails the service. A start that fails is not followed by stop: clean up before throwing.
 *
 * <p><b>Cancelled starts.</b> When the service must stop while its start is in flight (it is stopped, restarted or
 * removed, a requirement leaves RUNNING, the registry stops), the registry cancels the start rather than wait for it:
 * the thread running setup or start is interrupted. A cancelled start that throws (as an interrupted one does) is not
 * a failure of the service, and is not followed by stop. A cancelled start that returns a value anyway has that value
 * stopped: stop and join run, after every dependent has stopped, while its requirements are still readable; the
 * operation that cancelled it completes once they have. A start that outlives its start timeout (cancelled or not) is
 * abandoned: the registry carries on without it, and if it returns a value later, stop and join run for that value
 * when it does, with a context whose {@link ServiceContext#abandoned()} is {@code true}; by then its requirements may
 * have stopped, so such a stop must not rely on them. The service does not start again, under its id, until an abandoned start has returned.
 *
 * <p>Example:
 * <pre>{@code
 * registry.install(ServiceDefinition.of("config", Config.class, ctx -> Config.load(path)));
 * }</pre>
 *
 * @param <T> the type of the value the service publishes; {@link Void} for a service with no value
 * @since 0.1
 */
@FunctionalInterface
public interface Service<T> {

    /**
     * Declares requirements, ordering and options. Called once, when the service is installed.
     *
     * @param init where requirements are declared; valid only during this call
     * @throws Exception to refuse the installation; the registry is left unchanged
     */
    default void init(ServiceInit init) throws Exception {
    }

    /**
     * Prepares a start cycle; every requirement is RUNNING and its value can be read through its handle.
     *
     * @param context this service's context
     * @throws Exception fails the service
     */
    default void setup(ServiceContext context) throws Exception {
    }

    /**
     * Starts the service and returns the value its dependents receive.
     *
     * @param context this service's context
     * @return the value; {@code null} only for a service of type {@link Void}
     * @throws Exception fails the service
     */
    @Nullable T start(ServiceContext context) throws Exception;

    /**
     * Signals the service's work to end and releases its resources. Called exactly once for every start that
     * succeeded (a cancelled start that returned a value included), after every dependent has stopped. Its
     * requirements' values are still readable, except for the stop of a value returned by an abandoned start (see
     * the class description).
     *
     * @param context this service's context
     * @throws Exception recorded as the service's last failure; stopping carries on
     */
    default void stop(ServiceContext context) throws Exception {
    }

    /**
     * Waits for the service's background work to end. Called right after {@link #stop}; bounded by the stop
     * timeout (the registry stops waiting and interrupts the thread past it).
     *
     * @param context this service's context
     * @throws Exception recorded as the service's last failure; stopping carries on
     */
    default void join(ServiceContext context) throws Exception {
    }
}
