package dev.lifecycle.spring.internal;

import dev.lifecycle.core.DependencyCycleException;
import dev.lifecycle.core.HealthCheck;
import dev.lifecycle.core.LifecycleException;
import dev.lifecycle.core.MissingDependencyException;
import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceDefinition;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceTypeClashException;
import dev.lifecycle.core.event.ServiceListener;
import dev.lifecycle.spring.LifecycleService;
import dev.lifecycle.spring.RequiresService;
import dev.lifecycle.spring.ServiceStartupException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.Lifecycle;

/**
 * The service beans of an application context: found once, installed into a registry, and asked which services are
 * critical and which bean is behind a service.
 *
 * <p>A service is a singleton bean implementing {@link Service}, or a {@link Lifecycle} bean adopted with
 * {@link LifecycleService @LifecycleService} or the {@code lifecycle.adopt} property. For each one:
 * <ul>
 *   <li>its id is the bean name, or the name and qualifier of its {@code @LifecycleService};</li>
 *   <li>its value type is the type argument of {@code Service<T>} on the bean's declared type ({@code @Bean} method
 *       return type or class), else on the instance's class, else {@code Object}; adopted beans publish
 *       {@code Void};</li>
 *   <li>it requires (without value) the ids of its {@code @LifecycleService(requires)} and
 *       {@link RequiresService @RequiresService}, and the services among the beans named by Spring's
 *       {@code @DependsOn};</li>
 *   <li>it requires, with value, the services of the {@link dev.lifecycle.core.ServiceHandle}s injected into its
 *       constructor or factory method and its fields (see {@link InjectedHandles});</li>
 *   <li>a bean that also implements {@link HealthCheck} is its own health check;</li>
 *   <li>{@link ServiceOptions} by service id override timeouts, restart policy, criticality and liveness, or leave
 *       the bean out ({@code enabled = false}).</li>
 * </ul>
 * Beans are installed in the order the context registered them. Problems (a cycle, a missing requirement, a bean
 * that cannot be a service) are reported as a {@link ServiceStartupException} that names the beans.
 *
 * @since 0.1
 */
public final class ServiceBeans {

    private static final Logger logger = LoggerFactory.getLogger(ServiceBeans.class);

    private final ConfigurableListableBeanFactory beanFactory;
    private final Map<String, ServiceOptions> options;
    private final AdoptedLifecycleBeans adoptedBeans;
    private final Object lock = new Object();
    /** The service beans once found; written under {@link #lock}, read without it. */
    private volatile @Nullable Discovered discovered;
    /** Registries the beans were installed into. Guarded by {@link #lock}. */
    private final Set<ServiceRegistry> installedInto = Collections.newSetFromMap(new IdentityHashMap<>());

    /**
     * Service beans of {@code beanFactory}.
     *
     * @param beanFactory where the beans are
     * @param options settings by service id
     * @param adopt names of further {@link Lifecycle} beans to put under the graph
     */
    public ServiceBeans(ConfigurableListableBeanFactory beanFactory, Map<String, ServiceOptions> options,
            List<String> adopt) {
        this.beanFactory = beanFactory;
        this.options = Map.copyOf(options);
        this.adoptedBeans = new AdoptedLifecycleBeans(beanFactory, adopt);
    }

    /**
     * The names of the {@link Lifecycle} beans that are put under the graph; found from bean definitions, without
     * creating beans. Spring's lifecycle processor must not start or stop them itself.
     *
     * @return the bean names
     */
    public Set<String> adoptedBeanNames() {
        return adoptedBeans.names();
    }

    /**
     * Installs the service beans into {@code registry}, and adds every {@link ServiceListener} bean to it as a
     * listener; does nothing the second time for the same registry.
     *
     * @param registry the registry
     * @throws ServiceStartupException if a bean cannot be a service, or installing one would close a cycle
     */
    public void install(ServiceRegistry registry) {
        synchronized (lock) {
            if (installedInto.contains(registry)) {
                return;
            }
            List<ServiceBean> beans = discovered().beans();
            beanFactory.getBeanProvider(ServiceListener.class).orderedStream().forEach(registry::addListener);
            install(registry, beans);
            installedInto.add(registry);
            for (Map.Entry<String, ServiceOptions> option : options.entrySet()) {
                String id = option.getKey();
                if (!Boolean.FALSE.equals(option.getValue().enabled()) && registry.snapshot(id).isEmpty()) {
                    logger.warn("lifecycle.services.{} configures a service that is not installed; installed: {}",
                            id, registry.snapshot().stream().map(s -> s.id()).collect(Collectors.joining(", ")));
                }
            }
        }
    }

    /**
     * The {@link ServiceStartupObserver} beans, in their order.
     *
     * @return the observers of the start-up
     */
    public List<ServiceStartupObserver> startupObservers() {
        return beanFactory.getBeanProvider(ServiceStartupObserver.class).orderedStream().toList();
    }

    /** Installs the beans' services in one change of the registry; a refusal names the bean refused. */
    private void install(ServiceRegistry registry, List<ServiceBean> beans) {
        List<ServiceDefinition<?>> definitions = new ArrayList<>(beans.size());
        for (ServiceBean bean : beans) {
            definitions.add(bean.definition());
        }
        try {
            registry.installAll(definitions);
        }
        catch (DependencyCycleException ex) {
            throw new ServiceStartupException("Services require each other in a cycle: "
                    + ex.path().stream().map(this::describe).collect(Collectors.joining(" -> ")) + ".",
                    "Break the cycle: remove one of these requirements (@RequiresService, @LifecycleService(requires), "
                            + "@DependsOn, a ServiceHandle injection point, or ServiceInit.requires/dependsOn in "
                            + "init()), or make it an optional ordering with ServiceInit.wants(...).", ex);
        }
        catch (ServiceTypeClashException ex) {
            throw new ServiceStartupException("Service " + describeRefused(registry, beans) + " cannot be installed: "
                    + ex.getMessage(), "Make the value types agree: the type argument of the ServiceHandle or "
                            + "ServiceKey that requires a service must be a supertype of that service's value type.",
                    ex);
        }
        catch (LifecycleException ex) {
            ServiceBean refused = refused(registry, beans);
            throw new ServiceStartupException("Service " + describeRefused(registry, beans) + " cannot be installed: "
                    + ex.getMessage(), "Fix the init() method of bean '"
                            + (refused != null ? refused.beanName() : "?") + "'.", ex);
        }
    }

    /**
     * The bean whose service the registry refused: the first one not installed with its own key. Those before it
     * were installed; it was not, or its id is taken by a service of another type.
     */
    private static @Nullable ServiceBean refused(ServiceRegistry registry, List<ServiceBean> beans) {
        for (ServiceBean bean : beans) {
            if (!registry.snapshot(bean.key().id()).map(s -> s.key().equals(bean.key())).orElse(false)) {
                return bean;
            }
        }
        return null;
    }

    private String describeRefused(ServiceRegistry registry, List<ServiceBean> beans) {
        ServiceBean refused = refused(registry, beans);
        return refused != null ? describe(refused.key().id()) : "of a service bean";
    }

    /**
     * Whether a service is critical: its {@code lifecycle.services.<id>.critical} property, else its
     * {@link LifecycleService#critical()}, else {@code false}.
     *
     * @param id the service id
     * @return whether it is critical
     */
    public boolean isCritical(String id) {
        return discovered().critical().contains(id);
    }

    /**
     * Whether a service that gives up marks the application's liveness BROKEN by its own setting: its
     * {@code lifecycle.services.<id>.liveness} property, {@code null} when it is unset (the global
     * {@code lifecycle.availability.liveness} then decides, for critical services).
     *
     * @param id the service id
     * @return its own setting, or {@code null}
     */
    public @Nullable Boolean liveness(String id) {
        ServiceOptions option = options.get(id);
        return option != null ? option.liveness() : null;
    }

    /**
     * Whether a service has a health check: for a service bean, whether it implements {@link HealthCheck}. A service
     * the application installed into the registry itself is not a bean the starter knows; its health check cannot be
     * seen, so it is taken to have one and the registry's last result of it is reported.
     *
     * @param id the service id
     * @return whether it has, or may have, a health check
     */
    public boolean hasHealthCheck(String id) {
        ServiceBean bean = discovered().byId().get(id);
        return bean == null || bean.definition().healthCheck() != null;
    }

    /**
     * The ids of the services that are critical (see {@link #isCritical}), installed or not: those whose
     * {@code critical} property is {@code true}, and the service beans whose annotation marks them critical unless
     * the property says otherwise. Found once, with the service beans.
     *
     * @return the ids, unmodifiable
     */
    public Set<String> criticalIds() {
        return discovered().critical();
    }

    /**
     * A service and the bean behind it, for messages: {@code 'database' (bean 'dataSourceService')}.
     *
     * @param id the service id
     * @return the description
     */
    public String describe(String id) {
        ServiceBean bean = discovered().byId().get(id);
        return bean != null ? "'" + id + "' (bean '" + bean.beanName() + "')" : "'" + id + "'";
    }

    /**
     * Turns the registry's report of missing requirements into one that names the beans, and for a misspelled one the
     * installed service (and bean) it was probably meant to be.
     *
     * @param ex the registry's exception
     * @return the exception to fail start-up with
     */
    public ServiceStartupException missingRequirements(MissingDependencyException ex) {
        StringBuilder description = new StringBuilder("Services require services that do not exist:");
        ex.missing().forEach((id, requiredBy) -> {
            description.append("\n  - '").append(id).append("' is required by ")
                    .append(requiredBy.stream().map(this::describe).collect(Collectors.joining(", ")));
            ServiceOptions option = options.get(id);
            if (option != null && Boolean.FALSE.equals(option.enabled())) {
                description.append(" (it is disabled: lifecycle.services.").append(id).append(".enabled=false)");
            }
            String suggestion = ex.suggestions().get(id);
            if (suggestion != null) {
                description.append("; did you mean ").append(describe(suggestion)).append('?');
            }
        });
        return new ServiceStartupException(description.toString(),
                "Declare a bean implementing dev.lifecycle.core.Service for each missing service (named after it, or "
                        + "with @LifecycleService(name = ...)), or correct the requirement: @RequiresService, "
                        + "@LifecycleService(requires), @DependsOn, the ServiceHandle injection point, or "
                        + "ServiceInit.requires/dependsOn in init().", ex);
    }

    /** The service beans, in installation order. */
    List<ServiceBean> beans() {
        return discovered().beans();
    }

    /**
     * The service beans and their index by service id, found once. Read on every transition (by
     * {@link #isCritical}), so the found beans are read without the lock.
     */
    private Discovered discovered() {
        Discovered found = discovered;
        if (found != null) {
            return found;
        }
        synchronized (lock) {
            found = discovered;
            if (found == null) {
                found = new Discovered(new ServiceBeanDiscovery(beanFactory, options, adoptedBeans).run(), options);
                discovered = found;
            }
            return found;
        }
    }

    /**
     * The service beans in installation order, the same by service id, and the ids of the critical services. Asked on
     * every transition whether a service is critical, the set answers without reading the beans.
     */
    private record Discovered(List<ServiceBean> beans, Map<String, ServiceBean> byId, Set<String> critical) {

        Discovered(List<ServiceBean> beans, Map<String, ServiceOptions> options) {
            this(beans, index(beans), critical(beans, options));
        }

        /** The beans by service id; the ids are distinct. */
        private static Map<String, ServiceBean> index(List<ServiceBean> beans) {
            Map<String, ServiceBean> byId = new HashMap<>(beans.size() * 2);
            for (ServiceBean bean : beans) {
                byId.put(bean.key().id(), bean);
            }
            return Collections.unmodifiableMap(byId);
        }

        /**
         * The ids of the critical services, installed or not: a service's {@code critical} property, else its
         * annotation's, else not critical.
         */
        private static Set<String> critical(List<ServiceBean> beans, Map<String, ServiceOptions> options) {
            Set<String> ids = new LinkedHashSet<>();
            for (ServiceBean bean : beans) {
                ServiceOptions option = options.get(bean.key().id());
                if (option != null && option.critical() != null ? option.critical() : bean.critical()) {
                    ids.add(bean.key().id());
                }
            }
            options.forEach((id, option) -> {
                if (Boolean.TRUE.equals(option.critical())) {
                    ids.add(id);
                }
            });
            return Collections.unmodifiableSet(ids);
        }
    }
}
