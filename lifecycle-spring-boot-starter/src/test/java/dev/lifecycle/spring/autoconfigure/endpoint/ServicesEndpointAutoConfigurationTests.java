package dev.lifecycle.spring.autoconfigure.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.spring.actuate.endpoint.ServicesEndpoint;
import dev.lifecycle.spring.actuate.endpoint.ServicesEndpointWebExtension;
import dev.lifecycle.spring.autoconfigure.LifecycleAutoConfiguration;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Conditions of {@link ServicesEndpointAutoConfiguration}. */
class ServicesEndpointAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(LifecycleAutoConfiguration.class, ServicesEndpointAutoConfiguration.class));

    @Test
    void endpointIsNotCreatedUnlessExposed() {
        runner.run(context -> assertThat(context).hasSingleBean(ServiceRegistry.class)
                .doesNotHaveBean(ServicesEndpoint.class).doesNotHaveBean(ServicesEndpointWebExtension.class));
    }

    @Test
    void endpointAndWebExtensionAreCreatedWhenExposedOverHttp() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=services").run(context ->
                assertThat(context).hasSingleBean(ServicesEndpoint.class)
                        .hasSingleBean(ServicesEndpointWebExtension.class));
    }

    @Test
    void onlyTheEndpointIsCreatedWhenExposedOverJmx() {
        runner.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=services")
                .run(context -> assertThat(context).hasSingleBean(ServicesEndpoint.class)
                        .doesNotHaveBean(ServicesEndpointWebExtension.class));
    }

    @Test
    void endpointIsNotCreatedWhenItsAccessIsNone() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=services",
                "management.endpoint.services.access=NONE").run(context ->
                        assertThat(context).doesNotHaveBean(ServicesEndpoint.class));
    }

    @Test
    void endpointIsNotCreatedWhenLifecycleIsDisabled() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=services", "lifecycle.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ServicesEndpoint.class));
    }

    @Test
    void userEndpointWins() {
        ServicesEndpoint own = new ServicesEndpoint(ServiceRegistry.builder().build(), id -> false,
                Duration.ofSeconds(1));
        runner.withPropertyValues("management.endpoints.web.exposure.include=services")
                .withBean(ServicesEndpoint.class, () -> own)
                .run(context -> assertThat(context).getBean(ServicesEndpoint.class).isSameAs(own));
    }
}
