package dev.lifecycle.spring;

import dev.lifecycle.core.Escalation;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.spring.internal.ServiceBeans;
import dev.lifecycle.spring.internal.ServiceStartup;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs a {@link ServiceRegistry} inside Spring's lifecycle.
 *
 * <p>{@link #start()} installs the service beans (once) and starts every service, then waits for the start-up to end,
 * at most the start-up timeout:
 * <ul>
 *   <li>every service RUNNING: the application starts;</li>
 *   <li>a critical service is not RUNNING (it gave up, may not restart, waits on one that did, or was still starting
 *       when the wait ended), or a service gave up with escalation {@link Escalation#SHUTDOWN SHUTDOWN}: every
 *       service that started is stopped, in reverse order, and start-up fails with a {@link ServiceStartupException}
 *       naming them;</li>
 *   <li>only non-critical services are not RUNNING: the application starts degraded (logged at WARN); they keep
 *       restarting under their policies, and health and the {@code services} endpoint show them.</li>
 * </ul>
 *
 * <p>{@link #stop(Runnable)} stops every service, dependents first, and runs the callback when the registry's stop
 * has completed, from the registry's thread. The default {@link #DEFAULT_PHASE phase} is below the web server's
 * ({@code WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE}, {@code DEFAULT_PHASE - 2048}): services are
 * RUNNING before the server takes traffic, and stop only after it has stopped, graceful shutdown included.
 *
 * @since 0.1
 */
public final class ServiceRegistryLifecycle implements SmartLifecycle {

    /** The default phase: {@code SmartLifecycle.DEFAULT_PHASE - 4096}, below the web server's. */
    public static final int DEFAULT_PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Logger logger = LoggerFactory.getLogger(ServiceRegistryLifecycle.class);

    private final ServiceRegistry registry;
    private final ServiceStartup startup;
    private final int phase;
    private volatile boolean running;

    /**
     * A bridge for {@code registry}.
     *
     * @param registry the registry to start and stop
     * @param serviceBeans the service beans to install into it
     * @param startupTimeout how long start-up waits for the services
     * @param phase the lifecycle phase
     */
    public ServiceRegistryLifecycle(ServiceRegistry registry, ServiceBeans serviceBeans, Duration startupTimeout,
            int phase) {
        if (startupTimeout.isNegative() || startupTimeout.isZero()) {
            throw new IllegalArgumentException("The start-up timeout must be positive, was " + startupTimeout);
        }
        this.registry = registry;
        this.startup = new ServiceStartup(registry, serviceBeans, startupTimeout);
        this.phase = phase;
    }

    /**
     * Starts the services and waits for the start-up to end, as the class documentation says.
     *
     * @throws ServiceStartupException if the application must not start
     */
    @Override
    public void start() {
        startup.run();
        running = true;
    }

    /** Stops every service and waits for it. */
    @Override
    public void stop() {
        running = false;
        registry.stopAll().join();
    }

    /** Stops every service; runs {@code callback} once they have all stopped. */
    @Override
    public void stop(Runnable callback) {
        running = false;
        registry.stopAll().whenComplete((ok, ex) -> {
            if (ex != null) {
                logger.warn("Stopping the services failed", ex);
            }
            callback.run();
        });
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return phase;
    }

    /** Not pauseable: pausing the context leaves the services running. */
    @Override
    public boolean isPauseable() {
        return false;
    }

    /**
     * The registry this bridge runs.
     *
     * @return the registry whose services start and stop with the context
     */
    public ServiceRegistry getRegistry() {
        return registry;
    }
}
