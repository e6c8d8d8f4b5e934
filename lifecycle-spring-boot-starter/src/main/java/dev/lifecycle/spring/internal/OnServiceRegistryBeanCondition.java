package dev.lifecycle.spring.internal;

import dev.lifecycle.core.ServiceRegistry;
import java.util.List;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the context has a {@link ServiceRegistry} bean, as {@code @ConditionalOnBean(ServiceRegistry.class)}
 * would, for the auto-configurations that build on the registry (endpoints, health, metrics, observations,
 * leadership).
 *
 * <p>Cheaper in the usual case: the auto-configuration's own registry bean, {@value #REGISTRY_BEAN_NAME}, is found by
 * its name. Only when it is missing (the application defines its registry itself, or leaves the starter's
 * auto-configuration out) are the bean definitions of this context and its ancestors read for one of type
 * {@code ServiceRegistry}, which costs a pass over every definition.
 *
 * @since 0.1
 */
public final class OnServiceRegistryBeanCondition extends SpringBootCondition implements ConfigurationCondition {

    /** The name of the auto-configuration's {@link ServiceRegistry} bean. */
    public static final String REGISTRY_BEAN_NAME = "lifecycleServiceRegistry";

    @Override
    public ConfigurationPhase getConfigurationPhase() {
        return ConfigurationPhase.REGISTER_BEAN;
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConditionMessage.Builder message = ConditionMessage.forCondition("ServiceRegistry bean");
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        if (beanFactory == null) {
            return ConditionOutcome.noMatch(message.because("there is no bean factory"));
        }
        if (beanFactory.containsBeanDefinition(REGISTRY_BEAN_NAME)) {
            return ConditionOutcome.match(message.found("bean")
                    .items(ConditionMessage.Style.QUOTE, REGISTRY_BEAN_NAME));
        }
        String[] names = BeanFactoryUtils.beanNamesForTypeIncludingAncestors(beanFactory, ServiceRegistry.class, true,
                false);
        if (names.length > 0) {
            return ConditionOutcome.match(message.found("bean", "beans").items(ConditionMessage.Style.QUOTE,
                    List.of(names)));
        }
        return ConditionOutcome.noMatch(message.didNotFind("any bean of type")
                .items(ServiceRegistry.class.getName()));
    }
}
