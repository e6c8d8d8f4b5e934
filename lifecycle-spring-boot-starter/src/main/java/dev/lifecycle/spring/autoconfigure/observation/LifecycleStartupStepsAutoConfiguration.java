package dev.lifecycle.spring.autoconfigure.observation;

import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryCustomizer;
import dev.lifecycle.spring.internal.OnServiceRegistryBeanCondition;
import dev.lifecycle.spring.observation.ServiceStartupSteps;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.metrics.ApplicationStartup;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Auto-configuration for the start-up steps of the services ({@link ServiceStartupSteps}), when the application's
 * {@link ApplicationStartup} records steps (any but Spring's default, which records nothing: a
 * {@code BufferingApplicationStartup} for the {@code startup} actuator endpoint, a
 * {@code FlightRecorderApplicationStartup}): the registry's services are intercepted, so that each start during the
 * start-up is a step. {@code lifecycle.observations.startup-steps=false} turns it off.
 *
 * @since 0.1
 */
@AutoConfiguration(after = ServiceRegistryAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "lifecycle.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "lifecycle.observations.startup-steps", matchIfMissing = true)
@Conditional({ LifecycleStartupStepsAutoConfiguration.RecordingApplicationStartupCondition.class,
        OnServiceRegistryBeanCondition.class })
public final class LifecycleStartupStepsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ServiceStartupSteps lifecycleServiceStartupSteps(ConfigurableListableBeanFactory beanFactory,
            ObjectProvider<ServiceRegistry> registry) {
        return new ServiceStartupSteps(beanFactory.getApplicationStartup(), registry::getObject);
    }

    @Bean
    ServiceRegistryCustomizer lifecycleServiceStartupStepsCustomizer(ServiceStartupSteps steps) {
        return builder -> builder.interceptor(steps);
    }

    /**
     * Whether the application's {@link ApplicationStartup} records steps: it is not Spring's default. Asked before the
     * bean conditions, which read every bean definition: most applications record no steps.
     */
    @Order(Ordered.HIGHEST_PRECEDENCE + 50)
    static final class RecordingApplicationStartupCondition extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            ConditionMessage.Builder message = ConditionMessage.forCondition("ApplicationStartup");
            ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
            ApplicationStartup startup = beanFactory != null ? beanFactory.getApplicationStartup()
                    : ApplicationStartup.DEFAULT;
            if (startup == ApplicationStartup.DEFAULT) {
                return ConditionOutcome.noMatch(message.because("the application startup is the default one, which "
                        + "records no steps"));
            }
            return ConditionOutcome.match(message.because("the application startup is a "
                    + startup.getClass().getName()));
        }
    }
}
