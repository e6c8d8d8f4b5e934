package dev.lifecycle.spring.internal;

import dev.lifecycle.core.Service;
import dev.lifecycle.spring.LifecycleService;
import dev.lifecycle.spring.ServiceRegistryLifecycle;
import dev.lifecycle.spring.ServiceStartupException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.Lifecycle;
import org.springframework.context.LifecycleProcessor;

/**
 * The {@link Lifecycle} beans put under the service graph: those named by {@code lifecycle.adopt}, and those
 * annotated with {@link LifecycleService @LifecycleService} that are not services themselves.
 */
final class AdoptedLifecycleBeans {

    private final ConfigurableListableBeanFactory beanFactory;
    private final List<String> adopt;

    /**
     * The adopted beans of {@code beanFactory}.
     *
     * @param beanFactory where the beans are
     * @param adopt the bean names of {@code lifecycle.adopt}
     */
    AdoptedLifecycleBeans(ConfigurableListableBeanFactory beanFactory, List<String> adopt) {
        this.beanFactory = beanFactory;
        this.adopt = List.copyOf(adopt);
    }

    /** The names of the adopted beans, found from bean definitions without creating beans. */
    Set<String> names() {
        return names(null);
    }

    /**
     * The names of the adopted beans, found from bean definitions without creating beans; {@code serviceNames}, if
     * given, are the service beans, which the bean factory then need not be asked for again.
     */
    Set<String> names(String @Nullable [] serviceNames) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : adopt) {
            names.add(BeanNames.canonical(beanFactory, name));
        }
        names.addAll(annotated(beanFactory, false, serviceNames));
        return names;
    }

    /**
     * The first {@link Lifecycle} bean of {@code beanFactory}, as far as its bean definitions tell, annotated with
     * {@link LifecycleService @LifecycleService} that is not a service itself; creates no bean.
     *
     * @param beanFactory where the bean definitions are
     * @return the bean's name, or {@code null} if there is none
     */
    static @Nullable String firstAnnotated(ConfigurableListableBeanFactory beanFactory) {
        Set<String> names = annotated(beanFactory, true, null);
        return names.isEmpty() ? null : names.iterator().next();
    }

    /**
     * The names of the {@link Lifecycle} beans annotated with {@link LifecycleService @LifecycleService} that are not
     * services themselves, found from bean definitions without creating beans; only the first one if {@code first}.
     */
    private static Set<String> annotated(ConfigurableListableBeanFactory beanFactory, boolean first,
            String @Nullable [] serviceNames) {
        Set<String> names = new LinkedHashSet<>();
        // Few beans are Lifecycle beans, and fewer annotated: the services are looked up only if one is.
        Set<String> services = null;
        for (String name : beanFactory.getBeanNamesForType(Lifecycle.class, false, false)) {
            if (beanFactory.findAnnotationOnBean(name, LifecycleService.class, false) != null) {
                if (services == null) {
                    services = Set.of(serviceNames != null ? serviceNames
                            : beanFactory.getBeanNamesForType(Service.class, false, false));
                }
                if (!services.contains(name)) {
                    names.add(name);
                    if (first) {
                        break;
                    }
                }
            }
        }
        return names;
    }

    /**
     * Checks that each of {@code names} is a bean that can be adopted.
     *
     * @throws ServiceStartupException for a name that is no bean, a bean that is no {@link Lifecycle}, or one
     *         that runs the lifecycle itself
     */
    void check(Set<String> names) {
        for (String name : names) {
            if (!beanFactory.containsBean(name)) {
                throw new ServiceStartupException("lifecycle.adopt names bean '" + name
                        + "', but there is no such bean.", "Correct the bean name in lifecycle.adopt.", null);
            }
            if (!beanFactory.isTypeMatch(name, Lifecycle.class)) {
                throw new ServiceStartupException("Bean '" + name + "' cannot be adopted as a service: it is a "
                        + beanFactory.getType(name) + ", not a " + Lifecycle.class.getName() + ".",
                        "Adopt only Lifecycle or SmartLifecycle beans (lifecycle.adopt, @LifecycleService); a "
                                + "bean of another kind becomes a service by implementing dev.lifecycle.core.Service.",
                        null);
            }
            if (beanFactory.isTypeMatch(name, ServiceRegistryLifecycle.class)
                    || beanFactory.isTypeMatch(name, LifecycleProcessor.class)) {
                throw new ServiceStartupException("Bean '" + name + "' cannot be adopted as a service: it runs "
                        + "the lifecycle itself.", "Remove '" + name + "' from lifecycle.adopt.", null);
            }
        }
    }
}
