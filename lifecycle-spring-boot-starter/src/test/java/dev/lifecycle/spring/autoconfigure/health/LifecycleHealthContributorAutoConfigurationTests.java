package dev.lifecycle.spring.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.Service;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration;
import dev.lifecycle.spring.health.ServicesHealthContributor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Conditions of {@link LifecycleHealthContributorAutoConfiguration}. */
class LifecycleHealthContributorAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(ServiceRegistryAutoConfiguration.class, LifecycleHealthContributorAutoConfiguration.class));

    @Test
    void contributorIsNamedServicesAndHasOneChildPerService() {
        runner.withBean("config", Service.class, () -> ctx -> "value").run(context -> {
            assertThat(context).hasSingleBean(ServicesHealthContributor.class).hasBean("servicesHealthContributor");
            assertThat(context.getBean(ServicesHealthContributor.class).stream().map(HealthContributors.Entry::name))
                    .containsExactly("config");
        });
    }

    @Test
    void contributorIsNotCreatedWhenDisabled() {
        runner.withPropertyValues("management.health.services.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ServicesHealthContributor.class));
    }

    @Test
    void userContributorWithTheSameNameWins() {
        CompositeHealthContributor own = CompositeHealthContributor.fromMap(java.util.Map.of());
        runner.withBean("servicesHealthContributor", HealthContributor.class, () -> own).run(context -> {
            assertThat(context).doesNotHaveBean(ServicesHealthContributor.class);
            assertThat(context.getBean("servicesHealthContributor")).isSameAs(own);
        });
    }

    @Test
    void contributorIsNotCreatedWithoutSpringBootHealth() {
        runner.withClassLoader(new FilteredClassLoader(HealthContributor.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ServicesHealthContributor.class));
    }
}
