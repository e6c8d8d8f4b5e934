package dev.lifecycle.spring.internal;

import dev.lifecycle.core.LogKeys;
import dev.lifecycle.core.LogText;
import dev.lifecycle.core.Escalation;
import dev.lifecycle.core.LifecycleException;
import dev.lifecycle.core.MissingDependencyException;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceSnapshot;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.core.StartupFailedException;
import dev.lifecycle.core.StartupReport;
import dev.lifecycle.spring.ServiceRegistryLifecycle;
import dev.lifecycle.spring.ServiceStartupException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The start-up of the services with the application, for {@link ServiceRegistryLifecycle#start()}: installs the
 * service beans, starts every service, waits (bounded) for the outcome, and either lets the application start,
 * perhaps degraded, or stops what started and fails the start-up with a {@link ServiceStartupException} naming the
 * services and beans at fault. Escalation {@link Escalation#SHUTDOWN SHUTDOWN} during start-up fails it too.
 *
 * @since 0.1
 */
public final class ServiceStartup {

    /** Logs under the bridge's name: the start-up summary is the bridge's, as users see and configure it. */
    private static final Logger logger = LoggerFactory.getLogger(ServiceRegistryLifecycle.class);

    /** The longest wait for the give-up event of a service that stopped the registry during start-up. */
    private static final Duration GIVE_UP_EVENT_WAIT = Duration.ofSeconds(5);

    private final ServiceRegistry registry;
    private final ServiceBeans serviceBeans;
    private final Duration startupTimeout;
    private final ShutdownGiveUps giveUps = new ShutdownGiveUps();

    /**
     * A start-up of {@code registry}'s services.
     *
     * @param registry the registry to start
     * @param serviceBeans the service beans to install into it
     * @param startupTimeout how long start-up waits for the services; positive
     */
    public ServiceStartup(ServiceRegistry registry, ServiceBeans serviceBeans, Duration startupTimeout) {
        this.registry = registry;
        this.serviceBeans = serviceBeans;
        this.startupTimeout = startupTimeout;
    }

    /**
     * Installs the service beans (once) and starts every service, then waits for the start-up to end, at most the
     * start-up timeout; see {@link ServiceRegistryLifecycle} for what follows. The {@link ServiceStartupObserver}
     * beans are told when it begins and when it ends.
     *
     * @throws ServiceStartupException if a critical service did not start, a service gave up with escalation
     *         SHUTDOWN, or the service beans cannot be installed
     */
    public void run() {
        List<ServiceStartupObserver> observers = serviceBeans.startupObservers();
        observers.forEach(ServiceStartupObserver::startupBegan);
        Throwable failure = null;
        try {
            startServices();
        }
        catch (RuntimeException | Error ex) {
            failure = ex;
            throw ex;
        }
        finally {
            for (ServiceStartupObserver observer : observers) {
                observer.startupEnded(failure);
            }
        }
    }

    private void startServices() {
        serviceBeans.install(registry);
        registry.removeListener(giveUps);
        registry.addListener(giveUps);
        giveUps.clear();
        CompletableFuture<@Nullable Void> started;
        try {
            started = registry.startAll();
        }
        catch (MissingDependencyException ex) {
            throw serviceBeans.missingRequirements(ex);
        }
        boolean timedOut = await(started);
        boolean stoppedByEscalation = stoppedDuringStartup(started);
        // Nearly always every service is RUNNING: the counts say so without a snapshot of each service.
        Map<ServiceState, Integer> counts = registry.countByState();
        int installed = counts.values().stream().mapToInt(Integer::intValue).sum();
        boolean allRunning = counts.get(ServiceState.RUNNING) == installed;
        List<ServiceSnapshot> snapshots = allRunning ? List.of() : registry.snapshot();
        int services = allRunning ? installed : snapshots.size();
        List<ServiceSnapshot> criticalDown = notRunning(snapshots, s -> serviceBeans.isCritical(s.id()));
        List<String> escalated = giveUps.escalated();
        if (!criticalDown.isEmpty() || !escalated.isEmpty() || stoppedByEscalation) {
            ServiceStartupException failure = startupFailure(criticalDown, escalated,
                    stoppedByEscalation || !escalated.isEmpty(), timedOut);
            logger.error("{} Stopping the services that started.", failure.getDescription());
            stopAfterFailedStartup();
            throw failure;
        }
        List<ServiceSnapshot> down = notRunning(snapshots, s -> true);
        if (down.isEmpty()) {
            if (logger.isInfoEnabled()) {
                StartupReport report = registry.startupReport();
                Duration total = report.total();
                LoggingEventBuilder line = logger.atInfo().addKeyValue(LogKeys.SERVICES, services);
                if (total != null) {
                    line.addKeyValue(LogKeys.STARTUP_DURATION, total.toMillis());
                }
                line.log("Started " + services + " services" + (total == null ? "" : " in "
                        + LogText.duration(total)) + "; critical path: " + report.criticalPathSummary());
            }
        }
        else {
            logger.atWarn().addKeyValue(LogKeys.SERVICES, services)
                    .addKeyValue(LogKeys.SERVICES_DOWN, down.size())
                    .log("Application starts degraded: " + down.size() + " of " + services
                            + " services are not RUNNING (none is critical):" + describe(down));
        }
    }

    /**
     * Stops everything after a failed start-up. A stop waits for starts in flight, so those are failed first, which
     * interrupts them, rather than waiting out their start timeouts.
     */
    private void stopAfterFailedStartup() {
        for (ServiceSnapshot s : registry.snapshot()) {
            if (s.state() == ServiceState.STARTING) {
                registry.fail(s.id(), new LifecycleException("Application start-up failed while service '" + s.id()
                        + "' was starting"));
            }
        }
        registry.stopAll().join();
    }

    /** Waits for the start-up, or for a critical service to give up; returns whether the wait timed out. */
    private boolean await(CompletableFuture<@Nullable Void> started) {
        CompletableFuture<@Nullable Void> criticalGaveUp = new CompletableFuture<>();
        for (String id : serviceBeans.criticalIds()) {
            registry.snapshot(id).ifPresent(snapshot -> registry.handle(snapshot.key()).await()
                    .whenComplete((value, ex) -> {
                        if (ex != null) {
                            criticalGaveUp.complete(null);
                        }
                    }));
        }
        try {
            CompletableFuture.anyOf(started, criticalGaveUp, giveUps.shutdown).get(startupTimeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            return false;
        }
        catch (ExecutionException ex) {
            return false;
        }
        catch (TimeoutException ex) {
            return true;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ServiceStartupException("Interrupted while waiting for the services to start.",
                    "Let the application start without interrupting it.", ex);
        }
    }

    /**
     * Whether the registry stopped itself before every service had started: the start-up future then fails with a
     * plain {@link LifecycleException} rather than a {@link StartupFailedException}, and nothing but an escalation
     * SHUTDOWN stops the registry while a start-up runs. The give-up event may reach the listener only after
     * the future has completed, so it is awaited (briefly) to name the service.
     */
    private boolean stoppedDuringStartup(CompletableFuture<@Nullable Void> started) {
        if (!started.isCompletedExceptionally()) {
            return false;
        }
        Throwable failure = started.handle((ok, ex) -> ex).join();
        if (failure instanceof CompletionException wrapped && wrapped.getCause() != null) {
            failure = wrapped.getCause();
        }
        if (failure instanceof StartupFailedException || !(failure instanceof LifecycleException)) {
            return false;
        }
        try {
            giveUps.shutdown.get(GIVE_UP_EVENT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException | TimeoutException ex) {
            // Described without the service's name.
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    private ServiceStartupException startupFailure(List<ServiceSnapshot> criticalDown, List<String> escalated,
            boolean escalation, boolean timedOut) {
        StringBuilder description = new StringBuilder();
        if (escalation && escalated.isEmpty()) {
            description.append("The services were stopped during start-up: a service gave up with escalation "
                    + "SHUTDOWN.");
        }
        if (!escalated.isEmpty()) {
            description.append("Service ").append(escalated.stream().map(serviceBeans::describe)
                    .collect(Collectors.joining(", "))).append(" gave up during start-up with escalation SHUTDOWN.");
        }
        if (!criticalDown.isEmpty()) {
            if (description.length() > 0) {
                description.append(' ');
            }
            description.append(criticalDown.size() == 1 ? "A critical service did not start" : "Critical services "
                    + "did not start").append(timedOut ? " within the start-up timeout of " + startupTimeout : "")
                    .append(':').append(describe(criticalDown));
        }
        String action = "Fix the cause of the failure shown above"
                + (timedOut ? ", or give the services more time (lifecycle.startup-timeout)" : "")
                + (criticalDown.isEmpty() ? "" : ", or, if the application can run without it, mark the service "
                        + "as not critical (lifecycle.services." + criticalDown.get(0).id() + ".critical=false)")
                + (escalation ? ", or set its escalation to NONE (lifecycle.restart.escalation)" : "")
                + ".";
        Throwable cause = criticalDown.stream().map(ServiceSnapshot::lastFailure).filter(f -> f != null)
                .map(f -> f.cause()).findFirst().orElse(null);
        return new ServiceStartupException(description.toString(), action, cause);
    }

    private String describe(List<ServiceSnapshot> snapshots) {
        StringBuilder out = new StringBuilder();
        for (ServiceSnapshot s : snapshots) {
            out.append("\n  - ").append(serviceBeans.describe(s.id())).append(" is ").append(s.state());
            if (s.state() == ServiceState.FAILED && s.lastFailure() != null) {
                out.append(": ").append(s.lastFailure().summary());
            }
            else if (s.rootCause() != null) {
                out.append(" (").append(LogText.escape(s.rootCause())).append(')');
            }
        }
        return out.toString();
    }

    private static List<ServiceSnapshot> notRunning(List<ServiceSnapshot> snapshots, Predicate<ServiceSnapshot> which) {
        List<ServiceSnapshot> result = new ArrayList<>();
        for (ServiceSnapshot s : snapshots) {
            // A service on standby (leader-only, this instance not leading its group) is down by design.
            if (s.state() != ServiceState.RUNNING && !s.standby() && which.test(s)) {
                result.add(s);
            }
        }
        return result;
    }
}
