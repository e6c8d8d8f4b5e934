package dev.lifecycle.spring.autoconfigure.endpoint;

import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.spring.actuate.endpoint.ServicesEndpoint;
import dev.lifecycle.spring.actuate.endpoint.ServicesEndpointWebExtension;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryProperties;
import dev.lifecycle.spring.internal.OnServiceRegistryBeanCondition;
import dev.lifecycle.spring.internal.ServiceBeans;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Auto-configuration for the {@link ServicesEndpoint}.
 *
 * @since 0.1
 */
@AutoConfiguration(after = ServiceRegistryAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBooleanProperty(name = "lifecycle.enabled", matchIfMissing = true)
@Conditional(OnServiceRegistryBeanCondition.class)
@ConditionalOnAvailableEndpoint(ServicesEndpoint.class)
public final class ServicesEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ServicesEndpoint servicesEndpoint(ServiceRegistry registry, ObjectProvider<ServiceBeans> serviceBeans,
            ObjectProvider<ServiceRegistryProperties> properties, ObjectProvider<ApplicationAvailability> availability) {
        ServiceRegistryProperties settings = properties.getIfAvailable(ServiceRegistryProperties::new);
        return new ServicesEndpoint(registry, id -> {
            ServiceBeans beans = serviceBeans.getIfAvailable();
            return beans != null && beans.isCritical(id);
        }, id -> {
            ServiceBeans beans = serviceBeans.getIfAvailable();
            return beans == null || beans.hasHealthCheck(id);
        }, operationTimeout(settings), settings.getEndpoint().getMaxReasonLength(), availability.getIfAvailable());
    }

    /**
     * How long a write operation of the endpoint waits: {@code lifecycle.endpoint.operation-timeout}, else the start
     * timeout plus the stop timeout (a restart stops a service and starts it again).
     */
    private static Duration operationTimeout(ServiceRegistryProperties properties) {
        Duration timeout = properties.getEndpoint().getOperationTimeout();
        return timeout != null ? timeout : properties.getStartTimeout().plus(properties.getStopTimeout());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
    ServicesEndpointWebExtension servicesEndpointWebExtension(ServicesEndpoint endpoint) {
        return new ServicesEndpointWebExtension(endpoint);
    }
}
