package dev.lifecycle.spring.internal;

import dev.lifecycle.core.HealthCheck;
import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceDefinition;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.StartMode;
import dev.lifecycle.spring.LifecycleService;
import dev.lifecycle.spring.RequiresService;
import dev.lifecycle.spring.ServiceStartupException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.Lifecycle;
import org.springframework.core.ResolvableType;

/**
 * One pass over a bean factory that finds its service beans and turns each into a {@link ServiceBean}: its id, value
 * type, requirements, health check and options. Creates the service beans (and the adopted ones); used once per
 * {@link ServiceBeans}.
 */
final class ServiceBeanDiscovery {

    private static final Logger logger = LoggerFactory.getLogger(ServiceBeanDiscovery.class);

    private final ConfigurableListableBeanFactory beanFactory;
    private final Map<String, ServiceOptions> options;
    private final AdoptedLifecycleBeans adoptedBeans;
    private final Map<String, ServiceKey<?>> keys = new LinkedHashMap<>();
    private final Map<String, Object> instances = new LinkedHashMap<>();
    private final Map<String, BeanFacts> facts = new HashMap<>();
    private final Map<String, String> beanById = new LinkedHashMap<>();
    /** What the annotations and types say, by the shape of the bean they were read from: most beans share one. */
    private final Map<BeanShape, ShapeFacts> shapes = new HashMap<>();

    ServiceBeanDiscovery(ConfigurableListableBeanFactory beanFactory, Map<String, ServiceOptions> options,
            AdoptedLifecycleBeans adoptedBeans) {
        this.beanFactory = beanFactory;
        this.options = options;
        this.adoptedBeans = adoptedBeans;
    }

    /**
     * The service beans, in the order the context registered them, without those disabled by their options.
     *
     * @throws ServiceStartupException if a bean cannot be a service or cannot be adopted
     */
    List<ServiceBean> run() {
        List<String> serviceNames = List.of(beanFactory.getBeanNamesForType(Service.class, false, true));
        Set<String> adopted = adoptedBeans.names();
        adopted.removeAll(serviceNames);
        adoptedBeans.check(adopted);
        for (String name : serviceNames) {
            identify(name, false);
        }
        for (String name : adopted) {
            identify(name, true);
        }
        InjectedHandles handles = beanFactory.getBeanProvider(InjectedHandles.class).getIfAvailable();
        List<ServiceBean> beans = new ArrayList<>();
        for (Map.Entry<String, ServiceKey<?>> entry : keys.entrySet()) {
            String name = entry.getKey();
            ServiceKey<?> key = entry.getValue();
            ServiceOptions option = options.getOrDefault(key.id(), ServiceOptions.none());
            if (Boolean.FALSE.equals(option.enabled())) {
                logger.info("Service {} is disabled (lifecycle.services.{}.enabled=false); not installing it",
                        key.id(), key.id());
                continue;
            }
            BeanFacts bean = facts.get(name);
            LifecycleService annotation = bean.shape().annotation();
            Object instance = instances.get(name);
            Service<?> service = instance instanceof Service<?> s ? s
                    : new LifecycleBeanService(name, (Lifecycle) instance);
            StartMode mode = option.mode() != null ? option.mode()
                    : annotation != null ? annotation.mode() : StartMode.ACTIVE;
            String leader = option.leader() != null ? option.leader().strip()
                    : annotation != null ? annotation.leader() : "";
            beans.add(new ServiceBean(name, key, annotation != null && annotation.critical(),
                    definition(key, service, dependsOn(name, bean), injected(handles, bean, instance), option,
                            mode, leader, instance instanceof HealthCheck check ? check : null),
                    restartOnChange(name, key.id(), annotation, option)));
        }
        return List.copyOf(beans);
    }

    private void identify(String name, boolean adopted) {
        Object instance = beanFactory.getBean(name);
        RootBeanDefinition definition = beanFactory.containsBeanDefinition(name)
                && beanFactory.getMergedBeanDefinition(name) instanceof RootBeanDefinition root ? root : null;
        BeanShape shape = new BeanShape(instance.getClass(), beanFactory.getType(name),
                definition != null && definition.hasBeanClass() ? definition.getBeanClass() : null,
                definition != null ? definition.getResolvedFactoryMethod() : null,
                definition != null ? definition.getResolvableType() : null);
        ShapeFacts found = shapes.get(shape);
        if (found == null) {
            found = shapeFacts(name, instance, definition);
            shapes.put(shape, found);
        }
        LifecycleService annotation = found.annotation();
        String serviceName = annotation != null && !annotation.name().isEmpty() ? annotation.name() : name;
        String qualifier = annotation != null && !annotation.qualifier().isEmpty() ? annotation.qualifier() : null;
        ServiceKey<?> key;
        Class<?> type = adopted ? Void.class : found.valueType();
        try {
            key = ServiceKey.of(serviceName, type, qualifier);
        }
        catch (IllegalArgumentException ex) {
            throw new ServiceStartupException("Bean '" + name + "' cannot be a service: " + ex.getMessage() + ".",
                    "Give the service a valid name with @LifecycleService(name = \"...\") on the bean.", ex);
        }
        String other = beanById.putIfAbsent(key.id(), name);
        if (other != null) {
            throw new ServiceStartupException("Beans '" + other + "' and '" + name + "' are both service '"
                    + key.id() + "'.", "Give one of them another name or a qualifier with "
                            + "@LifecycleService(name = ..., qualifier = ...).", null);
        }
        keys.put(name, key);
        instances.put(name, instance);
        facts.put(name, new BeanFacts(found, definition != null ? definition.getDependsOn() : null,
                definition != null ? definition.getResolvedFactoryMethod() : null));
    }

    /**
     * What the bean factory says of the bean {@code name}: its annotations (on its type, its bean class and its
     * factory method, as {@code findAnnotationOnBean} finds them) and its value type. Read for the first bean of each
     * {@link BeanShape}; every bean of that shape has the same.
     */
    private ShapeFacts shapeFacts(String name, Object instance, @Nullable RootBeanDefinition definition) {
        LifecycleService annotation = beanFactory.findAnnotationOnBean(name, LifecycleService.class);
        // Most beans have none: a look-up for one is cheaper than collecting all.
        List<RequiresService> requires = beanFactory.findAnnotationOnBean(name, RequiresService.class, false) == null
                ? List.of() : List.copyOf(beanFactory.findAllAnnotationsOnBean(name, RequiresService.class, false));
        return new ShapeFacts(annotation, requires, valueType(definition, instance));
    }

    /**
     * The services whose handles were injected into the bean: through its factory method or constructor, and its
     * fields.
     */
    private List<ServiceKey<?>> injected(@Nullable InjectedHandles handles, BeanFacts bean, Object instance) {
        if (handles == null || handles.isEmpty()) {
            return List.of();
        }
        return handles.of(AopProxyUtils.ultimateTargetClass(instance), bean.factoryMethod());
    }

    /** The type argument of {@code Service<T>} on the bean's declared type, else on its class, else Object. */
    private static Class<?> valueType(@Nullable RootBeanDefinition definition, Object instance) {
        Class<?> type = null;
        if (definition != null) {
            type = definition.getResolvableType().as(Service.class).getGeneric(0).resolve();
        }
        if (type == null) {
            type = ResolvableType.forClass(instance.getClass()).as(Service.class).getGeneric(0).resolve();
        }
        return type != null ? type : Object.class;
    }

    /** The ids required without value: the annotations', and the services among the beans of {@code @DependsOn}. */
    private List<String> dependsOn(String name, BeanFacts bean) {
        Set<String> ids = new LinkedHashSet<>();
        LifecycleService annotation = bean.shape().annotation();
        if (annotation != null) {
            for (String id : annotation.requires()) {
                ids.add(checkedId(name, id, null));
            }
        }
        for (RequiresService requires : bean.shape().requires()) {
            ids.add(checkedId(name, requires.value(), requires.qualifier()));
        }
        String[] springDependsOn = bean.springDependsOn();
        if (springDependsOn != null) {
            for (String other : springDependsOn) {
                // Most names are bean names already; an alias or a '&' name is resolved first.
                ServiceKey<?> key = keys.get(other);
                if (key == null) {
                    key = keys.get(BeanNames.canonical(beanFactory, other));
                }
                if (key != null) {
                    ids.add(key.id());
                }
            }
        }
        return List.copyOf(ids);
    }

    private static String checkedId(String beanName, String id, @Nullable String qualifier) {
        try {
            if (qualifier != null && !qualifier.isEmpty()) {
                return ServiceKey.of(id, Object.class, qualifier).id();
            }
            int colon = id.indexOf(':');
            return colon < 0 ? ServiceKey.of(id, Object.class).id()
                    : ServiceKey.of(id.substring(0, colon), Object.class, id.substring(colon + 1)).id();
        }
        catch (IllegalArgumentException ex) {
            throw new ServiceStartupException("Bean '" + beanName + "' requires an invalid service id '" + id
                    + "': " + ex.getMessage() + ".", "Correct the requirement: a service id is a name, or "
                            + "name:qualifier, without whitespace.", ex);
        }
    }

    /** The key prefixes the annotation and the options declare, each checked. */
    private static List<KeyPrefix> restartOnChange(String beanName, String id, @Nullable LifecycleService annotation,
            ServiceOptions option) {
        List<KeyPrefix> prefixes = new ArrayList<>();
        if (annotation != null) {
            for (String prefix : annotation.restartOnChange()) {
                prefixes.add(KeyPrefix.of(prefix, () -> "@LifecycleService(restartOnChange) of bean '" + beanName
                        + "'"));
            }
        }
        for (String prefix : option.restartOnChange()) {
            prefixes.add(KeyPrefix.of(prefix, () -> "lifecycle.services." + id + ".restart-on-change"));
        }
        return List.copyOf(prefixes);
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static ServiceDefinition<?> definition(ServiceKey<?> key, Service<?> service, List<String> dependsOn,
            List<ServiceKey<?>> requires, ServiceOptions option, StartMode mode, String leader,
            @Nullable HealthCheck healthCheck) {
        ServiceDefinition.Builder builder = ServiceDefinition.builder((ServiceKey) key, (Service) service);
        builder.dependsOn(dependsOn.toArray(String[]::new));
        builder.requires(requires.toArray(ServiceKey<?>[]::new));
        builder.mode(mode);
        if (!leader.isEmpty()) {
            try {
                builder.leader(leader);
            }
            catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("Invalid leader group of service '" + key.id() + "' (set by "
                        + "@LifecycleService(leader) or lifecycle.services." + key.id() + ".leader): "
                        + ex.getMessage(), ex);
            }
        }
        option.applyTo(builder);
        if (healthCheck != null) {
            builder.healthCheck(healthCheck);
        }
        return builder.build();
    }

    /**
     * What decides a bean's annotations and value type: its instance's class, the type the bean factory gives it, its
     * bean class, its factory method and its declared type. Beans of one shape (the same class, or the same factory
     * method) are read once.
     */
    private record BeanShape(Class<?> instanceClass, @Nullable Class<?> type, @Nullable Class<?> beanClass,
            @Nullable Method factoryMethod, @Nullable ResolvableType declaredType) {
    }

    /** The annotations and value type of the beans of one {@link BeanShape}. */
    private record ShapeFacts(@Nullable LifecycleService annotation, List<RequiresService> requires,
            Class<?> valueType) {
    }

    /** A service bean as read: its shape's facts, its Spring {@code dependsOn} and the factory method that made it. */
    private record BeanFacts(ShapeFacts shape, String @Nullable [] springDependsOn, @Nullable Method factoryMethod) {
    }
}
