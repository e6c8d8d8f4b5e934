package dev.lifecycle.spring.autoconfigure;

import dev.lifecycle.core.ServiceRegistryBuilder;

/**
 * Adjusts the builder of the auto-configured {@link dev.lifecycle.core.ServiceRegistry} (its clock, overrides of
 * services for tests, listeners) after the {@code lifecycle.*} properties have been applied. Beans of this type are
 * applied in their order.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ServiceRegistryCustomizer {

    /**
     * Adjusts the builder.
     *
     * @param builder the builder
     */
    void customize(ServiceRegistryBuilder builder);
}
