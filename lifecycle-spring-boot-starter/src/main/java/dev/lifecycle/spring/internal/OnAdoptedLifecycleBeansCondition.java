package dev.lifecycle.spring.internal;

import dev.lifecycle.spring.LifecycleService;
import java.util.List;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.Lifecycle;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the application adopts {@link Lifecycle} beans as services: {@code lifecycle.adopt} names some, or a
 * bean definition declares a {@code Lifecycle} bean annotated with {@link LifecycleService @LifecycleService} that is
 * not a service itself. Only then does the context need the {@link ServiceAwareLifecycleProcessor}.
 *
 * <p>Decided from the property and the bean definitions registered so far (the application's own come before any
 * auto-configuration's), without creating a bean: the property first; then the bean names of type {@code Lifecycle},
 * whose types the bean factory predicts and keeps for the rest of the start-up (every {@code @ConditionalOnMissingBean}
 * by type needs them too), and the annotation on those few beans only.
 *
 * @since 0.1
 */
public final class OnAdoptedLifecycleBeansCondition extends SpringBootCondition implements ConfigurationCondition {

    private static final String ADOPT_PROPERTY = "lifecycle.adopt";

    @Override
    public ConfigurationPhase getConfigurationPhase() {
        return ConfigurationPhase.REGISTER_BEAN;
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConditionMessage.Builder message = ConditionMessage.forCondition("Adopted Lifecycle beans");
        List<String> adopt = Binder.get(context.getEnvironment())
                .bind(ADOPT_PROPERTY, Bindable.listOf(String.class)).orElse(List.of());
        if (!adopt.isEmpty()) {
            return ConditionOutcome.match(message.found("property").items(ADOPT_PROPERTY));
        }
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        String annotated = beanFactory != null ? AdoptedLifecycleBeans.firstAnnotated(beanFactory) : null;
        if (annotated != null) {
            return ConditionOutcome.match(message.found("Lifecycle bean annotated with @"
                    + LifecycleService.class.getSimpleName()).items(annotated));
        }
        return ConditionOutcome.noMatch(message.because("no Lifecycle bean is annotated with @"
                + LifecycleService.class.getSimpleName() + " and " + ADOPT_PROPERTY + " is empty"));
    }
}
