package dev.lifecycle.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration;
import dev.lifecycle.spring.autoconfigure.health.LifecycleHealthContributorAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * The auto-configurations that build on the registry apply when the context has a {@link ServiceRegistry} bean: the
 * starter's, found by its name, or the application's under any name, here or in a parent context; without one they
 * back off and say why.
 */
class OnServiceRegistryBeanConditionTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LifecycleHealthContributorAutoConfiguration.class));

    @Test
    void theStartersOwnRegistryIsFoundByItsNameAndTheHealthContributorApplies() {
        runner.withConfiguration(AutoConfigurations.of(ServiceRegistryAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).hasBean(OnServiceRegistryBeanCondition.REGISTRY_BEAN_NAME)
                            .hasBean("servicesHealthContributor");
                    assertThat(outcome(context, LifecycleHealthContributorAutoConfiguration.class))
                            .contains("found bean 'lifecycleServiceRegistry'");
                });
    }

    @Test
    void anApplicationsRegistryUnderAnotherNameIsFoundByItsType() {
        try (ServiceRegistry own = ServiceRegistry.builder().build()) {
            runner.withBean("ourRegistry", ServiceRegistry.class, () -> own).run(context -> {
                assertThat(context).hasBean("servicesHealthContributor")
                        .doesNotHaveBean(OnServiceRegistryBeanCondition.REGISTRY_BEAN_NAME);
                assertThat(outcome(context, LifecycleHealthContributorAutoConfiguration.class))
                        .contains("found bean 'ourRegistry'");
            });
        }
    }

    @Test
    void aRegistryInTheParentContextIsFound() {
        try (ServiceRegistry own = ServiceRegistry.builder().build();
                AnnotationConfigApplicationContext parent = new AnnotationConfigApplicationContext()) {
            parent.registerBean("parentRegistry", ServiceRegistry.class, () -> own);
            parent.refresh();
            runner.withParent(parent).run(context -> assertThat(context).hasBean("servicesHealthContributor"));
        }
    }

    @Test
    void withoutAnyRegistryTheHealthContributorBacksOffSayingSo() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean("servicesHealthContributor");
            assertThat(outcome(context, LifecycleHealthContributorAutoConfiguration.class))
                    .contains("did not find any bean of type dev.lifecycle.core.ServiceRegistry");
        });
    }

    private static String outcome(org.springframework.context.ConfigurableApplicationContext context,
            Class<?> configuration) {
        StringBuilder messages = new StringBuilder();
        ConditionEvaluationReport.get(context.getBeanFactory()).getConditionAndOutcomesBySource()
                .get(configuration.getName()).forEach(c -> messages.append(c.getOutcome().getMessage()).append('\n'));
        return messages.toString();
    }
}
