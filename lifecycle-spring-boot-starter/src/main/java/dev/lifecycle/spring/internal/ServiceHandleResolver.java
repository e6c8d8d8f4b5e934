package dev.lifecycle.spring.internal;

import dev.lifecycle.core.ServiceHandle;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.spring.RequiresService;
import java.lang.annotation.Annotation;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanDefinitionHolder;
import org.springframework.beans.factory.config.DependencyDescriptor;
import org.springframework.beans.factory.support.AutowireCandidateResolver;
import org.springframework.context.annotation.ContextAnnotationAutowireCandidateResolver;

/**
 * Resolves {@link ServiceHandle} injection points, recording which bean asked for which service, and hands every
 * other question to the resolver it replaces. Extends {@link ContextAnnotationAutowireCandidateResolver} only so
 * that code checking for that type still sees one; every method delegates.
 */
final class ServiceHandleResolver extends ContextAnnotationAutowireCandidateResolver {

    private final AutowireCandidateResolver delegate;
    private final InjectedHandles handles;
    private final Supplier<ServiceRegistry> registry;

    ServiceHandleResolver(AutowireCandidateResolver delegate, InjectedHandles handles,
            Supplier<ServiceRegistry> registry) {
        this.delegate = delegate;
        this.handles = handles;
        this.registry = registry;
    }

    @Override
    public @Nullable Object getLazyResolutionProxyIfNecessary(DependencyDescriptor descriptor,
            @Nullable String beanName) {
        if (descriptor.getDependencyType() != ServiceHandle.class) {
            return delegate.getLazyResolutionProxyIfNecessary(descriptor, beanName);
        }
        ServiceKey<?> key = keyOf(descriptor, beanName);
        if (beanName != null) {
            handles.record(beanName, key);
        }
        return new LazyServiceHandle<>(key, registry);
    }

    static ServiceKey<?> keyOf(DependencyDescriptor descriptor, @Nullable String beanName) {
        RequiresService annotation = annotation(descriptor);
        String name = annotation != null ? annotation.value() : descriptor.getDependencyName();
        String where = descriptor.getMethodParameter() != null ? "parameter " + descriptor.getMethodParameter()
                : "field " + descriptor.getField();
        if (name == null) {
            throw new IllegalStateException("Cannot tell which service the ServiceHandle " + where + " of bean '"
                    + beanName + "' refers to: annotate it with @RequiresService(\"name\"), or compile with "
                    + "-parameters so that its name can be read");
        }
        String qualifier = annotation == null || annotation.qualifier().isEmpty() ? null : annotation.qualifier();
        Class<?> type = descriptor.getResolvableType().as(ServiceHandle.class).getGeneric(0).resolve(Object.class);
        try {
            return ServiceKey.of(name, type, qualifier);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalStateException("The ServiceHandle " + where + " of bean '" + beanName
                    + "' names an invalid service: " + ex.getMessage(), ex);
        }
    }

    private static @Nullable RequiresService annotation(DependencyDescriptor descriptor) {
        for (Annotation a : descriptor.getAnnotations()) {
            if (a instanceof RequiresService requires) {
                return requires;
            }
        }
        return null;
    }

    @Override
    public @Nullable Class<?> getLazyResolutionProxyClass(DependencyDescriptor descriptor, @Nullable String beanName) {
        if (descriptor.getDependencyType() == ServiceHandle.class) {
            return null;
        }
        return delegate.getLazyResolutionProxyClass(descriptor, beanName);
    }

    @Override
    public boolean isAutowireCandidate(BeanDefinitionHolder bdHolder, DependencyDescriptor descriptor) {
        return delegate.isAutowireCandidate(bdHolder, descriptor);
    }

    @Override
    public boolean isRequired(DependencyDescriptor descriptor) {
        return delegate.isRequired(descriptor);
    }

    @Override
    public boolean hasQualifier(DependencyDescriptor descriptor) {
        return delegate.hasQualifier(descriptor);
    }

    @Override
    public @Nullable String getSuggestedName(DependencyDescriptor descriptor) {
        return delegate.getSuggestedName(descriptor);
    }

    @Override
    public @Nullable Object getSuggestedValue(DependencyDescriptor descriptor) {
        return delegate.getSuggestedValue(descriptor);
    }

    @Override
    public AutowireCandidateResolver cloneIfNecessary() {
        return new ServiceHandleResolver(delegate.cloneIfNecessary(), handles, registry);
    }
}
