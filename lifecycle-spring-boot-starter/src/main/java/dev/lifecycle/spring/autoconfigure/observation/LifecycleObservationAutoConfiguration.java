package dev.lifecycle.spring.autoconfigure.observation;

import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryCustomizer;
import dev.lifecycle.spring.autoconfigure.metrics.LifecycleMetricsAutoConfiguration;
import dev.lifecycle.spring.internal.OnServiceRegistryBeanCondition;
import dev.lifecycle.spring.metrics.LifecycleTimerObservationHandler;
import dev.lifecycle.spring.metrics.ServiceMetrics;
import dev.lifecycle.spring.observation.ServiceObservations;
import dev.lifecycle.spring.observation.ServiceStartObservationConvention;
import dev.lifecycle.spring.observation.ServiceStartTracingObservationHandler;
import dev.lifecycle.spring.observation.ServiceStartupObservationConvention;
import dev.lifecycle.spring.observation.ServiceStopObservationConvention;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.annotation.Order;

/**
 * Auto-configuration for the Micrometer observations of the services ({@link ServiceObservations}), once the
 * application has an {@link ObservationRegistry} (Spring Boot's observation auto-configuration makes one with the
 * actuator): the registry's services are intercepted, so that each start and stop, and the start-up, is an
 * observation. Conventions are replaced by beans of their types, or by {@code GlobalObservationConvention} beans.
 * <ul>
 *   <li>With the service metrics, their {@code lifecycle.service.start} and {@code lifecycle.service.stop} timers are
 *       handed over to the observations ({@link ServiceMetrics#timersFromObservations()}): the
 *       {@link LifecycleTimerObservationHandler} bean records them, ordered before Micrometer's default meter handler
 *       so that Spring Boot's handler group chooses it for these observations.</li>
 *   <li>With Micrometer Tracing, the {@link ServiceStartTracingObservationHandler} bean links each start's span to
 *       the spans of its requirements' starts.</li>
 * </ul>
 * {@code lifecycle.observations.enabled=false} turns it off (the timers are then measured from the registry's events).
 *
 * @since 0.1
 */
@AutoConfiguration(after = { ServiceRegistryAutoConfiguration.class, LifecycleMetricsAutoConfiguration.class },
        afterName = { "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
                "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration" })
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBooleanProperty(name = "lifecycle.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "lifecycle.observations.enabled", matchIfMissing = true)
@ConditionalOnBean(ObservationRegistry.class)
@Conditional(OnServiceRegistryBeanCondition.class)
public final class LifecycleObservationAutoConfiguration {

    /**
     * The order of the starter's observation handlers: before Micrometer's default meter handler and Micrometer
     * Tracing's default tracing handler, which have none and {@code Ordered.LOWEST_PRECEDENCE - 1000}. Each handles
     * only the lifecycle's observations.
     */
    static final int HANDLER_ORDER = 0;

    // The observation registry is looked up at the first start: its handlers (the timers' needs the service metrics,
    // which need the service registry, which needs this) are made once it is. A plain delegate rather than a @Lazy
    // injection point, whose proxy the start-up would have to generate.
    @Bean
    @ConditionalOnMissingBean
    ServiceObservations lifecycleServiceObservations(ObjectProvider<ObservationRegistry> observationRegistry,
            ObjectProvider<ServiceRegistry> registry, ObjectProvider<ServiceStartObservationConvention> startConvention,
            ObjectProvider<ServiceStopObservationConvention> stopConvention,
            ObjectProvider<ServiceStartupObservationConvention> startupConvention) {
        return new ServiceObservations(new DeferredObservationRegistry(observationRegistry::getObject),
                registry::getObject, startConvention.getIfAvailable(), stopConvention.getIfAvailable(),
                startupConvention.getIfAvailable());
    }

    @Bean
    ServiceRegistryCustomizer lifecycleServiceObservationsCustomizer(ServiceObservations observations) {
        return builder -> builder.interceptor(observations);
    }

    /** With the service metrics: their timers come from the observations. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterObservationHandler.class)
    @ConditionalOnBean(ServiceMetrics.class)
    static final class TimerConfiguration {

        // Lazy: made, and the timers handed over, only when the observation registry's handlers are registered.
        @Bean
        @Lazy
        @Order(HANDLER_ORDER)
        @ConditionalOnMissingBean
        LifecycleTimerObservationHandler lifecycleTimerObservationHandler(ServiceMetrics metrics) {
            return metrics.timersFromObservations();
        }
    }

    /** With Micrometer Tracing: a start's span is linked to its requirements'. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Tracer.class)
    @ConditionalOnBean(Tracer.class)
    static final class TracingConfiguration {

        @Bean
        @Order(HANDLER_ORDER)
        @ConditionalOnMissingBean
        ServiceStartTracingObservationHandler lifecycleServiceStartTracingObservationHandler(Tracer tracer) {
            return new ServiceStartTracingObservationHandler(tracer);
        }
    }
}
