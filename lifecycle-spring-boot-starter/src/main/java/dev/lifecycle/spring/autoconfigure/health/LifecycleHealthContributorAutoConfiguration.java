package dev.lifecycle.spring.autoconfigure.health;

import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration;
import dev.lifecycle.spring.health.ServicesHealthContributor;
import dev.lifecycle.spring.internal.OnServiceRegistryBeanCondition;
import dev.lifecycle.spring.internal.ServiceBeans;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Auto-configuration for the {@code services} health contributor ({@link ServicesHealthContributor}).
 *
 * @since 0.1
 */
@AutoConfiguration(after = ServiceRegistryAutoConfiguration.class,
        beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass({ HealthContributor.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBooleanProperty(name = "lifecycle.enabled", matchIfMissing = true)
@Conditional(OnServiceRegistryBeanCondition.class)
@ConditionalOnEnabledHealthIndicator("services")
public final class LifecycleHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "servicesHealthContributor")
    ServicesHealthContributor servicesHealthContributor(ServiceRegistry registry,
            ObjectProvider<ServiceBeans> serviceBeans) {
        return new ServicesHealthContributor(registry, id -> {
            ServiceBeans beans = serviceBeans.getIfAvailable();
            return beans != null && beans.isCritical(id);
        }, id -> {
            ServiceBeans beans = serviceBeans.getIfAvailable();
            return beans == null || beans.hasHealthCheck(id);
        });
    }
}
