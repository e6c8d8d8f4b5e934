package dev.lifecycle.spring.autoconfigure.leader;

import dev.lifecycle.spring.LifecycleService;
import dev.lifecycle.spring.autoconfigure.ServiceProperties;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the application has leader-only services: a {@code lifecycle.services.<id>.leader} property names a
 * group, or a bean definition is annotated with {@link LifecycleService @LifecycleService} whose {@code leader} is not
 * empty (on its class or its {@code @Bean} method). Only then does the application need a lock registry and its
 * {@code INT_LOCK} table: an application with Spring Integration's JDBC module and a {@code DataSource} but no
 * leader-only service is left as it is.
 *
 * <p>Decided from the properties and the bean definitions registered so far (the application's own come before any
 * auto-configuration's), without creating a bean.
 */
final class OnLeaderOnlyServicesCondition extends SpringBootCondition implements ConfigurationCondition {

    @Override
    public ConfigurationPhase getConfigurationPhase() {
        return ConfigurationPhase.REGISTER_BEAN;
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConditionMessage.Builder message = ConditionMessage.forCondition("Leader-only services");
        Map<String, ServiceProperties> services = Binder.get(context.getEnvironment())
                .bind("lifecycle.services", Bindable.mapOf(String.class, ServiceProperties.class)).orElse(Map.of());
        for (Map.Entry<String, ServiceProperties> service : services.entrySet()) {
            String leader = service.getValue().getLeader();
            if (leader != null && !leader.isBlank()) {
                return ConditionOutcome.match(message.found("property")
                        .items("lifecycle.services." + service.getKey() + ".leader"));
            }
        }
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        String annotated = beanFactory != null ? firstLeaderOnly(beanFactory) : null;
        if (annotated != null) {
            return ConditionOutcome.match(message.found("bean annotated with @LifecycleService(leader)")
                    .items(annotated));
        }
        return ConditionOutcome.noMatch(message.because("no lifecycle.services.<id>.leader property is set and no bean "
                + "is annotated with @LifecycleService(leader)"));
    }

    private static @Nullable String firstLeaderOnly(ConfigurableListableBeanFactory beanFactory) {
        for (String name : beanFactory.getBeanDefinitionNames()) {
            if (beanFactory.getBeanDefinition(name).isAbstract()) {
                continue;
            }
            LifecycleService annotation = beanFactory.findAnnotationOnBean(name, LifecycleService.class, false);
            if (annotation != null && !annotation.leader().isEmpty()) {
                return name;
            }
        }
        return null;
    }
}
