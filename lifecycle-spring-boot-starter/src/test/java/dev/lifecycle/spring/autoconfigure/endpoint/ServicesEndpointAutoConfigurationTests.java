package dev.lifecycle.spring.autoconfigure.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceContext;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.spring.actuate.endpoint.ServicesEndpoint.ServiceDescriptor;
import dev.lifecycle.spring.actuate.endpoint.ServicesEndpoint.ServicesDescriptor;
import dev.lifecycle.spring.actuate.endpoint.ServicesEndpoint;
import dev.lifecycle.spring.actuate.endpoint.ServicesEndpointWebExtension;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.test.util.ReflectionTestUtils;

/** Conditions of {@link ServicesEndpointAutoConfiguration}. */
class ServicesEndpointAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(ServiceRegistryAutoConfiguration.class, ServicesEndpointAutoConfiguration.class));

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
    void endpointReportsEachServicesHealthWithoutSpringBootHealthOnTheClassPath() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
                .withPropertyValues("management.endpoints.web.exposure.include=services",
                        "lifecycle.services.config.critical=true", "lifecycle.restart.enabled=false")
                .withBean("config", Service.class, () -> ctx -> "config")
                .withBean("cache", Service.class, () -> ctx -> "cache")
                .run(context -> {
                    ServicesEndpoint endpoint = context.getBean(ServicesEndpoint.class);

                    context.getBean(ServiceRegistry.class).fail("cache", new IllegalStateException("full")).join();

                    assertThat(endpoint.service("config")).extracting(ServiceDescriptor::health,
                            ServiceDescriptor::healthCheck).containsExactly("UP", null);
                    assertThat(endpoint.service("cache")).extracting(ServiceDescriptor::state,
                            ServiceDescriptor::health).containsExactly("FAILED", "DEGRADED");
                });
    }

    @Test
    void writeOperationWaitsAtMostTheOperationTimeout() {
        CountDownLatch release = new CountDownLatch(1);
        runner.withPropertyValues("management.endpoints.web.exposure.include=services",
                "lifecycle.endpoint.operation-timeout=200ms", "lifecycle.stop-timeout=30s")
                .withBean("slow", Service.class, () -> new Service<String>() {
                    @Override
                    public String start(ServiceContext context) {
                        return "slow";
                    }

                    @Override
                    public void stop(ServiceContext context) throws InterruptedException {
                        release.await();
                    }
                })
                .run(context -> {
                    try {
                        long began = System.nanoTime();

                        ServicesDescriptor answer = context.getBean(ServicesEndpoint.class).control("slow", "stop",
                                null);

                        assertThat(Duration.ofNanos(System.nanoTime() - began)).as("bounded by 200 ms, not by the "
                                + "start timeout plus the stop timeout").isLessThan(Duration.ofSeconds(5));
                        assertThat(answer.services()).singleElement().extracting(ServiceDescriptor::state)
                                .isEqualTo("STOPPING");
                    }
                    finally {
                        release.countDown();
                    }
                });
    }

    @Test
    void operationTimeoutDefaultsToTheStartTimeoutPlusTheStopTimeout() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=services", "lifecycle.start-timeout=7s",
                "lifecycle.stop-timeout=3s")
                .run(context -> assertThat(ReflectionTestUtils.getField(context.getBean(ServicesEndpoint.class),
                        "operationTimeout")).isEqualTo(Duration.ofSeconds(10)));
    }

    @Test
    void operationTimeoutIsItsOwnSetting() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=services", "lifecycle.start-timeout=7s",
                "lifecycle.stop-timeout=3s", "lifecycle.endpoint.operation-timeout=2s")
                .run(context -> assertThat(ReflectionTestUtils.getField(context.getBean(ServicesEndpoint.class),
                        "operationTimeout")).isEqualTo(Duration.ofSeconds(2)));
    }

    @Test
    void maxReasonLengthDefaultsToAThousandCharacters() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=services")
                .run(context -> assertThat(ReflectionTestUtils.getField(context.getBean(ServicesEndpoint.class),
                        "maxReasonLength")).isEqualTo(1000));
    }

    @Test
    void maxReasonLengthIsItsOwnSetting() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=services",
                "lifecycle.endpoint.max-reason-length=200")
                .run(context -> assertThat(ReflectionTestUtils.getField(context.getBean(ServicesEndpoint.class),
                        "maxReasonLength")).isEqualTo(200));
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
