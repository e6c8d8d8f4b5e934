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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.Lifecycle;
import org.springframework.core.ResolvableType;

/**
 * One pass over a bean factory that finds its service beans and turns each into a {@link ServiceBean}: its id, value
 * type, requirements, health check and options. Creates the service beans (and the adopted ones); used once per
 * {@link ServiceBeans}.
 *
 * <p>The bean factory is scanned once for the service beans and once for the {@link Lifecycle} beans that may be
 * adopted; every bean is then read once ({@link #identify}) and turned into its definition once all ids are known (a
 * Spring {@code dependsOn} may name a bean registered later). What the annotations and types say is read once per
 * {@link BeanShape}: beans of one class, or of one factory method, share it.
 */
final class ServiceBeanDiscovery {

    private static final Logger logger = LoggerFactory.getLogger(ServiceBeanDiscovery.class);
    private static final String[] NO_IDS = {};
    private static final ServiceKey<?>[] NO_KEYS = {};

    private final ConfigurableListableBeanFactory beanFactory;
    private final Map<String, ServiceOptions> options;
    private final AdoptedLifecycleBeans adoptedBeans;
    /** The beans read so far, in the order the context registered them. */
    private final List<Identified> identified = new ArrayList<>();
    /** The same by bean name, for Spring's {@code dependsOn}. */
    private final Map<String, Identified> byName = new HashMap<>();
    /** The bean of each service id, to refuse two beans of one id. */
    private final Map<String, String> beanById = new HashMap<>();
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
        String[] serviceNames = beanFactory.getBeanNamesForType(Service.class, false, true);
        Set<String> adopted = adoptedBeans.names(serviceNames);
        if (!adopted.isEmpty()) {
            adopted.removeAll(Arrays.asList(serviceNames));
            adoptedBeans.check(adopted);
        }
        for (String name : serviceNames) {
            identify(name, false);
        }
        for (String name : adopted) {
            identify(name, true);
        }
        // By name: a look-up by type would read every bean definition.
        InjectedHandles handles = beanFactory.containsBean(InjectedHandles.BEAN_NAME)
                ? beanFactory.getBean(InjectedHandles.BEAN_NAME, InjectedHandles.class) : null;
        boolean anyHandles = handles != null && !handles.isEmpty();
        List<ServiceBean> beans = new ArrayList<>(identified.size());
        for (Identified bean : identified) {
            ServiceKey<?> key = bean.key();
            String id = key.id();
            ServiceOptions option = options.isEmpty() ? ServiceOptions.none()
                    : options.getOrDefault(id, ServiceOptions.none());
            if (Boolean.FALSE.equals(option.enabled())) {
                logger.info("Service {} is disabled (lifecycle.services.{}.enabled=false); not installing it", id, id);
                continue;
            }
            LifecycleService annotation = bean.shape().annotation();
            Object instance = bean.instance();
            Service<?> service = instance instanceof Service<?> s ? s
                    : new LifecycleBeanService(bean.name(), (Lifecycle) instance);
            StartMode mode = option.mode() != null ? option.mode()
                    : annotation != null ? annotation.mode() : StartMode.ACTIVE;
            String leader = option.leader() != null ? option.leader().strip()
                    : annotation != null ? annotation.leader() : "";
            ServiceKey<?>[] injected = anyHandles ? injected(handles, bean) : NO_KEYS;
            beans.add(new ServiceBean(bean.name(), key, annotation != null && annotation.critical(),
                    definition(key, service, dependsOn(bean), injected, option, mode, leader,
                            instance instanceof HealthCheck check ? check : null),
                    restartOnChange(bean.name(), id, annotation, option)));
        }
        return List.copyOf(beans);
    }

    /**
     * Reads the bean {@code name}: its instance, its shape's facts and its key. A singleton that is not a
     * {@link FactoryBean} is its own instance, and its type is its class: the bean factory is asked for them only for
     * the other beans.
     */
    private void identify(String name, boolean adopted) {
        Object singleton = beanFactory.getSingleton(name);
        boolean plain = singleton != null && !(singleton instanceof FactoryBean<?>);
        Object instance = plain ? singleton : beanFactory.getBean(name);
        RootBeanDefinition definition = beanFactory.containsBeanDefinition(name)
                && beanFactory.getMergedBeanDefinition(name) instanceof RootBeanDefinition root ? root : null;
        Method factoryMethod = definition != null ? definition.getResolvedFactoryMethod() : null;
        ResolvableType declaredType = definition != null ? definition.getResolvableType() : null;
        // A declared type that is a plain class (most are) decides no more than the class: it is the key, not its
        // ResolvableType, which would be hashed for every bean.
        Object declared = declaredType != null && declaredType.getType() instanceof Class<?> declaredClass
                ? declaredClass : declaredType;
        BeanShape shape = new BeanShape(instance.getClass(), plain ? null : beanFactory.getType(name),
                definition != null && definition.hasBeanClass() ? definition.getBeanClass() : null, factoryMethod,
                declared);
        ShapeFacts found = shapes.get(shape);
        if (found == null) {
            found = shapeFacts(name, instance, declaredType);
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
        Identified bean = new Identified(name, key, instance, found,
                definition != null ? definition.getDependsOn() : null, factoryMethod);
        identified.add(bean);
        byName.put(name, bean);
    }

    /**
     * What the bean factory says of the bean {@code name}: its annotations (on its type, its bean class and its
     * factory method, as {@code findAnnotationOnBean} finds them) and its value type. Read for the first bean of each
     * {@link BeanShape}; every bean of that shape has the same.
     */
    private ShapeFacts shapeFacts(String name, Object instance, @Nullable ResolvableType declaredType) {
        LifecycleService annotation = beanFactory.findAnnotationOnBean(name, LifecycleService.class);
        // Most beans have none: a look-up for one is cheaper than collecting all.
        List<RequiresService> requires = beanFactory.findAnnotationOnBean(name, RequiresService.class, false) == null
                ? List.of() : List.copyOf(beanFactory.findAllAnnotationsOnBean(name, RequiresService.class, false));
        return new ShapeFacts(annotation, requires, valueType(declaredType, instance));
    }

    /**
     * The services whose handles were injected into the bean: through its factory method or constructor, and its
     * fields.
     */
    private static ServiceKey<?>[] injected(InjectedHandles handles, Identified bean) {
        List<ServiceKey<?>> keys = handles.of(AopProxyUtils.ultimateTargetClass(bean.instance()),
                bean.factoryMethod());
        return keys.isEmpty() ? NO_KEYS : keys.toArray(ServiceKey<?>[]::new);
    }

    /** The type argument of {@code Service<T>} on the bean's declared type, else on its class, else Object. */
    private static Class<?> valueType(@Nullable ResolvableType declaredType, Object instance) {
        Class<?> type = null;
        if (declaredType != null) {
            type = declaredType.as(Service.class).getGeneric(0).resolve();
        }
        if (type == null) {
            type = ResolvableType.forClass(instance.getClass()).as(Service.class).getGeneric(0).resolve();
        }
        return type != null ? type : Object.class;
    }

    /**
     * The ids required without value, each once, in this order: the annotation's, the {@code @RequiresService}s', and
     * the services among the beans of Spring's {@code @DependsOn}.
     */
    private String[] dependsOn(Identified bean) {
        LifecycleService annotation = bean.shape().annotation();
        String[] springDependsOn = bean.springDependsOn();
        int most = (annotation != null ? annotation.requires().length : 0) + bean.shape().requires().size()
                + (springDependsOn != null ? springDependsOn.length : 0);
        if (most == 0) {
            return NO_IDS;
        }
        String[] ids = new String[most];
        int count = 0;
        if (annotation != null) {
            for (String id : annotation.requires()) {
                count = addOnce(ids, count, checkedId(bean.name(), id, null));
            }
        }
        for (RequiresService requires : bean.shape().requires()) {
            count = addOnce(ids, count, checkedId(bean.name(), requires.value(), requires.qualifier()));
        }
        if (springDependsOn != null) {
            for (String other : springDependsOn) {
                // Most names are bean names already; an alias or a '&' name is resolved first.
                Identified required = byName.get(other);
                if (required == null) {
                    required = byName.get(BeanNames.canonical(beanFactory, other));
                }
                if (required != null) {
                    count = addOnce(ids, count, required.key().id());
                }
            }
        }
        return count == ids.length ? ids : Arrays.copyOf(ids, count);
    }

    /** Adds {@code id} to the first {@code count} of {@code ids} unless it is there; the new count. */
    private static int addOnce(String[] ids, int count, String id) {
        for (int i = 0; i < count; i++) {
            if (ids[i].equals(id)) {
                return count;
            }
        }
        ids[count] = id;
        return count + 1;
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
        if ((annotation == null || annotation.restartOnChange().length == 0) && option.restartOnChange().isEmpty()) {
            return List.of();
        }
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
    private static ServiceDefinition<?> definition(ServiceKey<?> key, Service<?> service, String[] dependsOn,
            ServiceKey<?>[] requires, ServiceOptions option, StartMode mode, String leader,
            @Nullable HealthCheck healthCheck) {
        ServiceDefinition.Builder builder = ServiceDefinition.builder((ServiceKey) key, (Service) service);
        if (dependsOn.length > 0) {
            builder.dependsOn(dependsOn);
        }
        if (requires.length > 0) {
            builder.requires(requires);
        }
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
     * What decides a bean's annotations and value type: its instance's class, the type the bean factory gives it (for
     * a bean that is not its own plain singleton), its bean class, its factory method and its declared type (its
     * class, or its {@link ResolvableType} when generic). Beans of one shape (the same class, or the same factory
     * method) are read once.
     */
    private record BeanShape(Class<?> instanceClass, @Nullable Class<?> type, @Nullable Class<?> beanClass,
            @Nullable Method factoryMethod, @Nullable Object declaredType) {
    }

    /** The annotations and value type of the beans of one {@link BeanShape}. */
    private record ShapeFacts(@Nullable LifecycleService annotation, List<RequiresService> requires,
            Class<?> valueType) {
    }

    /**
     * A service bean as read: its name, key, instance, its shape's facts, its Spring {@code dependsOn} and the factory
     * method that made it.
     */
    private record Identified(String name, ServiceKey<?> key, Object instance, ShapeFacts shape,
            String @Nullable [] springDependsOn, @Nullable Method factoryMethod) {
    }
}
