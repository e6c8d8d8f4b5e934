package dev.lifecycle.spring.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceSnapshot;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.core.StartMode;
import dev.lifecycle.core.TransitionReason;
import dev.lifecycle.spring.LifecycleService;
import dev.lifecycle.spring.actuate.endpoint.ServicesEndpoint;
import dev.lifecycle.spring.actuate.endpoint.ServicesEndpoint.ServiceDescriptor;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration;
import dev.lifecycle.spring.autoconfigure.endpoint.ServicesEndpointAutoConfiguration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code @LifecycleService(mode)} and {@code lifecycle.services.<id>.mode}/{@code idle-delay}. */
class StartModeTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ServiceRegistryAutoConfiguration.class));

    @Test
    void anOnDemandServiceNoDependentNeedsNeverStartsAndSaysWhy() {
        runner.withUserConfiguration(OnDemandCache.class).run(context -> {
            ServiceSnapshot cache = snapshot(context, "cache");

            assertThat(cache.mode()).isEqualTo(StartMode.ON_DEMAND);
            assertThat(cache.state()).isEqualTo(ServiceState.STOPPED);
            assertThat(cache.reason()).isEqualTo(TransitionReason.DEMAND);
            assertThat(cache.rootCause()).isEqualTo("not needed: no running or starting dependent requires it");
            assertThat(starts(context)).isEmpty();
        });
    }

    @Test
    void anOnDemandServiceRunsWhileItsDependentDoesAndStopsWithTheOperatorsStopOfIt() {
        runner.withUserConfiguration(OnDemandCache.class, CacheUser.class).run(context -> {
            assertThat(snapshot(context, "cache").state()).isEqualTo(ServiceState.RUNNING);

            registry(context).stop("reports").get(10, TimeUnit.SECONDS);
            // The on-demand cache stops on its own once no dependent needs it, possibly after the stop's future.
            registry(context).settled().get(10, TimeUnit.SECONDS);

            assertThat(snapshot(context, "cache").state()).isEqualTo(ServiceState.STOPPED);
            assertThat(snapshot(context, "cache").reason()).isEqualTo(TransitionReason.DEMAND);
            assertThat(starts(context)).containsExactly("cache", "reports");
        });
    }

    @Test
    void theEndpointShowsTheModeAndWhyAnOnDemandServiceIsDown() {
        runner.withUserConfiguration(OnDemandCache.class)
                .withConfiguration(AutoConfigurations.of(ServicesEndpointAutoConfiguration.class))
                .withPropertyValues("management.endpoints.web.exposure.include=services").run(context -> {
                    ServiceDescriptor cache = context.getBean(ServicesEndpoint.class).service("cache");

                    assertThat(cache).isNotNull();
                    assertThat(cache.mode()).isEqualTo("ON_DEMAND");
                    assertThat(cache.state()).isEqualTo("STOPPED");
                    assertThat(cache.reason()).isEqualTo("DEMAND");
                    assertThat(cache.rootCause()).isEqualTo(
                            "not needed: no running or starting dependent requires it");
                });
    }

    @Test
    void theModePropertyOverridesTheAnnotation() {
        runner.withUserConfiguration(OnDemandCache.class).withPropertyValues("lifecycle.services.cache.mode=active")
                .run(context -> {
                    assertThat(snapshot(context, "cache").mode()).isEqualTo(StartMode.ACTIVE);
                    assertThat(snapshot(context, "cache").state()).isEqualTo(ServiceState.RUNNING);
                });
    }

    @Test
    void aServiceWithModeNeverIsDisabledAndCannotBeStartedByHand() {
        runner.withUserConfiguration(CacheUser.class, OnDemandCache.class)
                .withPropertyValues("lifecycle.services.cache.mode=NEVER").run(context -> {
                    assertThat(snapshot(context, "cache").state()).isEqualTo(ServiceState.STOPPED);
                    assertThat(snapshot(context, "reports").rootCause()).isEqualTo(
                            "blocked by cache, which is disabled");
                    assertThatIllegalStateException().isThrownBy(() -> registry(context).start("cache"))
                            .withMessageContaining("it is disabled (mode NEVER)");
                    assertThat(starts(context)).isEmpty();
                });
    }

    @Test
    void theIdleDelayKeepsAnOnDemandServiceRunningAfterItsLastDependentStopped() {
        runner.withUserConfiguration(OnDemandCache.class, CacheUser.class)
                .withPropertyValues("lifecycle.services.cache.idle-delay=1h").run(context -> {
                    registry(context).stop("reports").get(10, TimeUnit.SECONDS);

                    assertThat(snapshot(context, "cache").state()).isEqualTo(ServiceState.RUNNING);
                });
    }

    @Test
    void aNegativeIdleDelayIsRefusedNamingTheProperty() {
        runner.withUserConfiguration(OnDemandCache.class)
                .withPropertyValues("lifecycle.services.cache.idle-delay=-1s").run(context ->
                        assertThat(context).getFailure().rootCause().hasMessageContaining("idleDelay")
                                .hasMessageContaining("must not be negative, was PT-1S"));
    }

    @Test
    void anUnknownModeIsRefusedNamingTheValue() {
        runner.withUserConfiguration(OnDemandCache.class)
                .withPropertyValues("lifecycle.services.cache.mode=sometimes").run(context ->
                        assertThat(context).getFailure().hasStackTraceContaining("lifecycle.services.cache.mode")
                                .hasStackTraceContaining("sometimes"));
    }

    private static ServiceRegistry registry(AssertableApplicationContext context) {
        return context.getBean(ServiceRegistry.class);
    }

    private static ServiceSnapshot snapshot(AssertableApplicationContext context, String id) {
        return registry(context).snapshot(id).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<String> starts(AssertableApplicationContext context) {
        return context.getBean("starts", List.class);
    }

    @Configuration(proxyBeanMethods = false)
    static class OnDemandCache {

        @Bean
        List<String> starts() {
            return new CopyOnWriteArrayList<>();
        }

        @Bean
        @LifecycleService(mode = StartMode.ON_DEMAND)
        Service<String> cache(List<String> starts) {
            return ctx -> {
                starts.add("cache");
                return "cache";
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CacheUser {

        @Bean
        @LifecycleService(requires = "cache")
        Service<String> reports(List<String> starts) {
            return ctx -> {
                starts.add("reports");
                return "reports";
            };
        }
    }
}
