package dev.lifecycle.spring.autoconfigure.metrics;

import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration;
import dev.lifecycle.spring.internal.OnServiceRegistryBeanCondition;
import dev.lifecycle.spring.metrics.ServiceMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Auto-configuration for the service metrics ({@link ServiceMetrics}).
 *
 * @since 0.1
 */
@AutoConfiguration(after = ServiceRegistryAutoConfiguration.class,
        afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBooleanProperty(name = "lifecycle.enabled", matchIfMissing = true)
@ConditionalOnBean(MeterRegistry.class)
@Conditional(OnServiceRegistryBeanCondition.class)
public final class LifecycleMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ServiceMetrics lifecycleServiceMetrics(ServiceRegistry registry) {
        return new ServiceMetrics(registry);
    }
}
