package dev.lifecycle.spring.autoconfigure.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.spring.actuate.endpoint.ServiceEventsEndpoint;
import dev.lifecycle.spring.actuate.endpoint.ServiceEventsEndpointWebExtension;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration;
import dev.lifecycle.spring.history.RecordedTransition;
import dev.lifecycle.spring.history.ServiceTransitionHistory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Conditions of {@link ServiceEventsEndpointAutoConfiguration}, and the history it makes. */
class ServiceEventsEndpointAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(ServiceRegistryAutoConfiguration.class, ServiceEventsEndpointAutoConfiguration.class));

    @Test
    void neitherTheEndpointNorItsHistoryIsCreatedUnlessExposed() {
        runner.run(context -> assertThat(context).hasSingleBean(ServiceRegistry.class)
                .doesNotHaveBean(ServiceEventsEndpoint.class).doesNotHaveBean(ServiceTransitionHistory.class));
    }

    @Test
    void endpointHistoryAndWebExtensionAreCreatedWhenExposedOverHttp() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=serviceevents").run(context -> {
            assertThat(context).hasSingleBean(ServiceEventsEndpoint.class)
                    .hasSingleBean(ServiceEventsEndpointWebExtension.class);
            assertThat(context.getBean(ServiceTransitionHistory.class).size())
                    .isEqualTo(ServiceTransitionHistory.DEFAULT_SIZE);
        });
    }

    @Test
    void onlyTheEndpointAndItsHistoryAreCreatedWhenExposedOverJmx() {
        runner.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=serviceevents")
                .run(context -> assertThat(context).hasSingleBean(ServiceEventsEndpoint.class)
                        .hasSingleBean(ServiceTransitionHistory.class)
                        .doesNotHaveBean(ServiceEventsEndpointWebExtension.class));
    }

    @Test
    void endpointIsNotCreatedWhenItsAccessIsNone() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=serviceevents",
                "management.endpoint.serviceevents.access=NONE").run(context ->
                        assertThat(context).doesNotHaveBean(ServiceEventsEndpoint.class)
                                .doesNotHaveBean(ServiceTransitionHistory.class));
    }

    @Test
    void endpointIsNotCreatedWhenLifecycleIsDisabled() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=serviceevents", "lifecycle.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ServiceEventsEndpoint.class));
    }

    @Test
    void historyKeepsTheConfiguredNumberOfTransitionsFromTheFirstStart() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=serviceevents", "lifecycle.history.size=3")
                .withBean("config", Service.class, () -> ctx -> "config")
                .withBean("cache", Service.class, () -> ctx -> "cache")
                .run(context -> {
                    ServiceTransitionHistory history = context.getBean(ServiceTransitionHistory.class);

                    assertThat(history.size()).isEqualTo(3);
                    assertThat(history.recorded()).isEqualTo(4);
                    assertThat(history.transitions()).extracting(RecordedTransition::sequence).containsExactly(2L, 3L, 4L);
                    assertThat(history.transitions()).extracting(t -> t.to().name()).endsWith("RUNNING", "RUNNING");
                });
    }

    @Test
    void anApplicationsOwnHistoryIsServed() {
        ServiceTransitionHistory own = new ServiceTransitionHistory(7);
        runner.withPropertyValues("management.endpoints.web.exposure.include=serviceevents")
                .withBean(ServiceTransitionHistory.class, () -> own)
                .run(context -> assertThat(context.getBean(ServiceTransitionHistory.class)).isSameAs(own));
    }
}
