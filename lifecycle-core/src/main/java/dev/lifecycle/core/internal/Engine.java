package dev.lifecycle.core.internal;

import dev.lifecycle.core.Scheduler;
import dev.lifecycle.core.ServiceInterceptor;
import dev.lifecycle.core.ServiceRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One registry's engine: its configuration and the parts that run it, each a class of its own, wired here and
 * reaching each other through this object.
 *
 * <ul>
 *   <li>state: {@link RegistryState} (the registry's knowledge) and {@link ServiceRecord} (each service's);</li>
 *   <li>changes: {@link ChangeLoop} (the lock, "decide under it, act after it"), {@link Change} (what one change
 *       decided);</li>
 *   <li>decisions: {@link Evaluator}, {@link Transitions}, {@link Starts}, {@link Cascade}, {@link Stops},
 *       {@link Supervisor}, {@link Requests}, {@link Progress}, {@link Operations}, {@link Demand},
 *       {@link LeaderGroups};</li>
 *   <li>the graph: {@link Installer}, {@link ServiceLookup};</li>
 *   <li>time and threads: {@link RegistryClock}, {@link RunTimeouts}, {@link WorkerPool}, {@link HealthCheckRunner};</li>
 *   <li>what can be seen: {@link EventDelivery}, {@link Views}, {@link StartupTimeline}.</li>
 * </ul>
 */
final class Engine {

    static final Logger log = LoggerFactory.getLogger(ServiceRegistry.class);

    final Executor executor;
    final Scheduler scheduler;
    final RegistryClock clock;
    final DoubleSupplier random;
    /** The settings of the services installed without their own. */
    final ServiceSettings defaultSettings;
    final Duration healthCheckInterval;
    /** How long {@code close()} waits for the listeners to receive the last events. */
    final Duration eventDeliveryTimeout;
    /** What wraps every installed service, in order. */
    final List<ServiceInterceptor> interceptors;
    /** Fixed values replacing services, by id. */
    final Map<String, ValueOverride<?>> overrides;

    final RegistryState state = new RegistryState();
    final ChangeLoop loop = new ChangeLoop(this);
    final EventDelivery events = new EventDelivery();
    final Evaluator evaluator = new Evaluator(this);
    final Transitions transitions = new Transitions(this);
    final Starts starts = new Starts(this);
    final Cascade cascade = new Cascade(this);
    final Stops stops = new Stops(this);
    final Supervisor supervisor = new Supervisor(this);
    final Requests requests = new Requests(this);
    final Progress progress = new Progress(this);
    final Operations operations = new Operations(this);
    final Demand demand = new Demand(this);
    final LeaderGroups leadership = new LeaderGroups(this);
    final Installer installer = new Installer(this);
    final ServiceLookup lookup = new ServiceLookup(this);
    final Views views = new Views(this);
    final StartupTimeline timeline = new StartupTimeline(this);
    final RunTimeouts timeouts = new RunTimeouts(this);
    final HealthCheckRunner health = new HealthCheckRunner(this);
    final WorkerPool workers;

    Engine(RegistryOptions options) {
        this.executor = options.executor() != null ? options.executor()
                : SharedThreads.userCode(options.virtualThreads());
        this.scheduler = options.scheduler() != null ? options.scheduler() : SharedThreads.scheduler();
        this.workers = new WorkerPool(this, executor);
        this.clock = new RegistryClock(options.clock());
        DoubleSupplier given = options.random();
        this.random = given != null ? given : () -> ThreadLocalRandom.current().nextDouble();
        this.defaultSettings = ServiceSettings.defaults(options.startTimeout(), options.stopTimeout(),
                options.restartPolicy());
        this.healthCheckInterval = options.healthCheckInterval();
        this.eventDeliveryTimeout = options.eventDeliveryTimeout();
        this.overrides = options.overrides();
        this.interceptors = options.interceptors();
        options.listeners().forEach(events::add);
    }
}
