package dev.lifecycle.spring.autoconfigure.endpoint;

import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.spring.actuate.endpoint.ServiceEventsEndpoint;
import dev.lifecycle.spring.actuate.endpoint.ServiceEventsEndpointWebExtension;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryProperties;
import dev.lifecycle.spring.history.ServiceTransitionHistory;
import dev.lifecycle.spring.internal.OnServiceRegistryBeanCondition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Auto-configuration for the {@link ServiceEventsEndpoint} and the {@link ServiceTransitionHistory} it serves, which
 * keeps the last {@code lifecycle.history.size} transitions: the history exists only while the endpoint is available,
 * and the registry gives it the transitions from the start, as it does every {@code ServiceListener} bean.
 *
 * @since 0.1
 */
@AutoConfiguration(after = ServiceRegistryAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBooleanProperty(name = "lifecycle.enabled", matchIfMissing = true)
@Conditional(OnServiceRegistryBeanCondition.class)
@ConditionalOnAvailableEndpoint(ServiceEventsEndpoint.class)
public final class ServiceEventsEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ServiceTransitionHistory serviceTransitionHistory(ObjectProvider<ServiceRegistryProperties> properties) {
        return new ServiceTransitionHistory(properties.getIfAvailable(ServiceRegistryProperties::new).getHistory()
                .getSize());
    }

    @Bean
    @ConditionalOnMissingBean
    ServiceEventsEndpoint serviceEventsEndpoint(ServiceRegistry registry, ServiceTransitionHistory history) {
        return new ServiceEventsEndpoint(registry, history);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
    ServiceEventsEndpointWebExtension serviceEventsEndpointWebExtension(ServiceEventsEndpoint endpoint) {
        return new ServiceEventsEndpointWebExtension(endpoint);
    }
}
