package dev.lifecycle.spring.internal;

import dev.lifecycle.core.Service;
import dev.lifecycle.spring.LifecycleService;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * Describes a cycle of {@code @DependsOn} declarations, which Spring refuses while it creates the beans ("Circular
 * depends-on relationship between 'b' and 'a'"), before the service registry could report the cycle itself. The
 * description gives the whole path, {@code 'a' (bean 'a') -> 'b' (bean 'b') -> 'a' (bean 'a')}, found from the bean
 * factory's depends-on declarations, and names service beans as services (their id and bean); the action says how to
 * break the cycle. Any beans' cycle is described, not only one of service beans.
 */
final class DependsOnCycleFailureAnalyzer implements FailureAnalyzer {

    private static final String CYCLE = "Circular depends-on relationship between '";

    private final @Nullable ConfigurableListableBeanFactory beanFactory;
    private final Environment environment;

    DependsOnCycleFailureAnalyzer(BeanFactory beanFactory, Environment environment) {
        this.beanFactory = beanFactory instanceof ConfigurableListableBeanFactory factory ? factory : null;
        this.environment = environment;
    }

    @Override
    public @Nullable FailureAnalysis analyze(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BeanCreationException ex && ex.getBeanName() != null) {
                String dependency = dependency(ex.getBeanName(), ex.getMessage());
                if (dependency != null) {
                    return analyze(ex, ex.getBeanName(), dependency);
                }
            }
        }
        return null;
    }

    /** The bean that {@code beanName} depends on, closing the cycle Spring's {@code message} reports, if it is one. */
    private static @Nullable String dependency(String beanName, @Nullable String message) {
        String marker = CYCLE + beanName + "' and '";
        int at = message != null ? message.lastIndexOf(marker) : -1;
        if (at < 0 || !message.endsWith("'")) {
            return null;
        }
        return message.substring(at + marker.length(), message.length() - 1);
    }

    private FailureAnalysis analyze(BeanCreationException ex, String beanName, String dependency) {
        List<String> path = path(beanName, dependency);
        Map<String, String> services = new HashMap<>();
        Set<String> adopted = adopted();
        for (String bean : path) {
            String id = serviceId(bean, adopted);
            if (id != null) {
                services.put(bean, id);
            }
        }
        boolean allServices = services.size() == path.stream().distinct().count();
        String cycle = path.stream().map(bean -> describe(bean, services.get(bean), allServices))
                .collect(Collectors.joining(" -> "));
        if (allServices) {
            return new FailureAnalysis("Services require each other in a cycle of @DependsOn: " + cycle + ".",
                    "Break the cycle: remove one of these @DependsOn declarations, so that each requirement goes one "
                            + "way only (a service starts after the services it requires and stops before them). A "
                            + "service that only has to start after another, without requiring it, can say so with "
                            + "ServiceInit.wants(...) in its init().", ex);
        }
        return new FailureAnalysis("Beans depend on each other in a cycle of @DependsOn: " + cycle + ".",
                "Break the cycle: remove one of these @DependsOn declarations (or depends-on attributes of their bean "
                        + "definitions), so that each dependency goes one way only.", ex);
    }

    private static String describe(String bean, @Nullable String serviceId, boolean allServices) {
        if (serviceId == null) {
            return "bean '" + bean + "'";
        }
        return (allServices ? "'" : "service '") + serviceId + "' (bean '" + bean + "')";
    }

    /**
     * The cycle from {@code beanName} through {@code dependency} back to {@code beanName}, following the shortest
     * chain of depends-on declarations from {@code dependency}; just the two beans when the declarations do not show
     * a chain.
     */
    private List<String> path(String beanName, String dependency) {
        if (dependency.equals(beanName)) {
            return List.of(beanName, beanName);
        }
        Map<String, String> reachedFrom = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(dependency));
        reachedFrom.put(dependency, dependency);
        while (!queue.isEmpty()) {
            String bean = queue.poll();
            for (String next : dependsOn(bean)) {
                if (next.equals(beanName)) {
                    List<String> chain = new ArrayList<>();
                    for (String step = bean; !step.equals(dependency); step = reachedFrom.get(step)) {
                        chain.add(step);
                    }
                    chain.add(dependency);
                    Collections.reverse(chain);
                    List<String> path = new ArrayList<>(chain.size() + 2);
                    path.add(beanName);
                    path.addAll(chain);
                    path.add(beanName);
                    return path;
                }
                if (reachedFrom.putIfAbsent(next, bean) == null) {
                    queue.add(next);
                }
            }
        }
        return List.of(beanName, dependency, beanName);
    }

    /** The beans {@code bean}'s definition declares it depends on, by the names they were registered under. */
    private List<String> dependsOn(String bean) {
        if (beanFactory == null || !beanFactory.containsBeanDefinition(bean)) {
            return List.of();
        }
        String[] names = beanFactory.getMergedBeanDefinition(bean).getDependsOn();
        if (names == null) {
            return List.of();
        }
        List<String> canonical = new ArrayList<>(names.length);
        for (String name : names) {
            canonical.add(BeanNames.canonical(beanFactory, name));
        }
        return canonical;
    }

    /**
     * The service id of {@code bean} if it is a service bean (a {@link Service}, a bean annotated with
     * {@link LifecycleService}, or one named in {@code lifecycle.adopt}), else {@code null}.
     */
    private @Nullable String serviceId(String bean, Set<String> adopted) {
        if (beanFactory == null || !beanFactory.containsBeanDefinition(bean)) {
            return null;
        }
        try {
            LifecycleService annotation = beanFactory.findAnnotationOnBean(bean, LifecycleService.class, false);
            Class<?> type = beanFactory.getType(bean, false);
            boolean service = annotation != null || (type != null && Service.class.isAssignableFrom(type))
                    || adopted.contains(bean);
            if (!service) {
                return null;
            }
            String name = annotation != null && !annotation.name().isEmpty() ? annotation.name() : bean;
            return annotation != null && !annotation.qualifier().isEmpty() ? name + ":" + annotation.qualifier()
                    : name;
        }
        catch (RuntimeException ex) {
            // The bean's type cannot be told from its definition: describe it as a bean.
            return null;
        }
    }

    /** The names in {@code lifecycle.adopt}. */
    private Set<String> adopted() {
        return Set.copyOf(Binder.get(environment).bind("lifecycle.adopt", Bindable.listOf(String.class))
                .orElse(List.of()));
    }
}
