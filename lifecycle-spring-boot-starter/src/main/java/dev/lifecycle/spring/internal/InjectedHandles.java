package dev.lifecycle.spring.internal;

import dev.lifecycle.core.ServiceHandle;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.spring.RequiresService;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.InjectionPoint;
import org.springframework.beans.factory.config.DependencyDescriptor;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;

/**
 * The {@link ServiceHandle}s injected into beans: makes the handle for each injection point, and remembers which
 * service was injected through which member (constructor, factory method or field), so that a service bean given a
 * handle is known to require that service before the services are installed. Thread-safe.
 *
 * <p>The service is named by {@link RequiresService @RequiresService} on the injection point, else by the parameter
 * or field name; its value type is the handle's type argument ({@code Object} when there is none). The handle looks
 * the registry up on first use. The auto-configuration declares a prototype {@code ServiceHandle<?>} bean whose
 * factory method takes the {@link InjectionPoint} and calls {@link #handleFor}: Spring matches it, as a fallback, to
 * every {@code ServiceHandle<T>} injection point no other bean matches.
 *
 * @since 0.1
 */
public final class InjectedHandles {

    /** The name of the auto-configuration's bean, by which the service beans' discovery finds it. */
    public static final String BEAN_NAME = "lifecycleInjectedHandles";

    private final Supplier<ServiceRegistry> registry;
    /** The injections by the class declaring their member; each list is immutable and replaced on change. */
    private final Map<Class<?>, List<Injection>> byDeclaringClass = new ConcurrentHashMap<>();

    /**
     * Handles reading their values from the registry {@code registry} supplies on first use.
     *
     * @param registry supplies the registry, asked when a handle is first used
     */
    public InjectedHandles(Supplier<ServiceRegistry> registry) {
        this.registry = registry;
    }

    /**
     * The handle to inject at {@code injectionPoint}, remembered by the injection point's member.
     *
     * @param injectionPoint a {@code ServiceHandle} constructor or method parameter or field, or an
     *        {@code ObjectProvider} or {@code Optional} of one
     * @return a handle of the service the injection point names
     * @throws IllegalStateException if the injection point names no service or an invalid one, or is a collection
     */
    public ServiceHandle<?> handleFor(InjectionPoint injectionPoint) {
        ServiceKey<?> key = keyOf(injectionPoint);
        Member member = injectionPoint.getMember();
        Injection injection = new Injection(member, key);
        byDeclaringClass.compute(member.getDeclaringClass(), (type, injections) -> {
            if (injections == null) {
                return List.of(injection);
            }
            if (injections.contains(injection)) {
                return injections;
            }
            List<Injection> more = new ArrayList<>(injections);
            more.add(injection);
            return List.copyOf(more);
        });
        return new LazyServiceHandle<>(key, registry);
    }

    /** Whether no handle has been injected yet. */
    boolean isEmpty() {
        return byDeclaringClass.isEmpty();
    }

    /**
     * The services whose handles were injected into a bean: through {@code factoryMethod} if the bean was made by
     * one, else through a constructor of {@code beanClass}, and through the fields of {@code beanClass} and its
     * superclasses; in the order they were first injected.
     *
     * @param beanClass the bean's class (the target class of a proxy)
     * @param factoryMethod the factory method that made the bean, or {@code null} if a constructor did
     * @return the keys of the services, without duplicates
     */
    List<ServiceKey<?>> of(Class<?> beanClass, @Nullable Method factoryMethod) {
        if (byDeclaringClass.isEmpty()) {
            return List.of();
        }
        List<ServiceKey<?>> keys = new ArrayList<>();
        if (factoryMethod != null) {
            for (Injection injection : byDeclaringClass.getOrDefault(factoryMethod.getDeclaringClass(), List.of())) {
                if (injection.member().equals(factoryMethod)) {
                    add(keys, injection.key());
                }
            }
        }
        for (Class<?> type = beanClass; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Injection injection : byDeclaringClass.getOrDefault(type, List.of())) {
                if (injection.member() instanceof Field
                        || (injection.member() instanceof Constructor && factoryMethod == null && type == beanClass)) {
                    add(keys, injection.key());
                }
            }
        }
        return List.copyOf(keys);
    }

    private static void add(List<ServiceKey<?>> keys, ServiceKey<?> key) {
        if (!keys.contains(key)) {
            keys.add(key);
        }
    }

    /** The key of the service {@code injectionPoint} names. */
    static ServiceKey<?> keyOf(InjectionPoint injectionPoint) {
        String where = describe(injectionPoint);
        Field field = injectionPoint.getField();
        ResolvableType handleType = injectionPoint instanceof DependencyDescriptor descriptor
                ? descriptor.getResolvableType()
                : field != null ? ResolvableType.forField(field)
                        : ResolvableType.forMethodParameter(parameter(injectionPoint));
        if (handleType.toClass() != ServiceHandle.class) {
            throw new IllegalStateException("The " + where + " asks for several ServiceHandles (" + handleType
                    + "): inject one ServiceHandle<T> per service, named by @RequiresService(\"name\") or by its "
                    + "parameter or field name");
        }
        RequiresService annotation = annotation(injectionPoint);
        String name = annotation != null ? annotation.value() : dependencyName(injectionPoint);
        if (name == null) {
            throw new IllegalStateException("Cannot tell which service the ServiceHandle " + where + " refers to: "
                    + "annotate it with @RequiresService(\"name\"), or compile with -parameters so that its name can "
                    + "be read");
        }
        String qualifier = annotation == null || annotation.qualifier().isEmpty() ? null : annotation.qualifier();
        Class<?> type = handleType.as(ServiceHandle.class).getGeneric(0).resolve(Object.class);
        try {
            return ServiceKey.of(name, type, qualifier);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalStateException("The ServiceHandle " + where + " names an invalid service: "
                    + ex.getMessage(), ex);
        }
    }

    private static @Nullable String dependencyName(InjectionPoint injectionPoint) {
        if (injectionPoint instanceof DependencyDescriptor descriptor) {
            return descriptor.getDependencyName();
        }
        Field field = injectionPoint.getField();
        return field != null ? field.getName() : parameter(injectionPoint).getParameterName();
    }

    /** The parameter of an injection point that is not a field. */
    private static MethodParameter parameter(InjectionPoint injectionPoint) {
        return Objects.requireNonNull(injectionPoint.getMethodParameter(), "neither a field nor a parameter");
    }

    private static @Nullable RequiresService annotation(InjectionPoint injectionPoint) {
        for (Annotation a : injectionPoint.getAnnotations()) {
            if (a instanceof RequiresService requires) {
                return requires;
            }
        }
        return null;
    }

    /** Where the injection point is, for messages: {@code field 'config' of com.example.Audit}. */
    private static String describe(InjectionPoint injectionPoint) {
        Field field = injectionPoint.getField();
        if (field != null) {
            return "field '" + field.getName() + "' of " + field.getDeclaringClass().getName();
        }
        MethodParameter parameter = parameter(injectionPoint);
        Method method = parameter.getMethod();
        return "parameter " + parameter.getParameterIndex() + " of "
                + (method != null ? "method '" + method.getName() + "'" : "the constructor") + " of "
                + parameter.getDeclaringClass().getName();
    }

    /** A service injected through a member. */
    private record Injection(Member member, ServiceKey<?> key) {
    }
}
