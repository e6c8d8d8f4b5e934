package dev.lifecycle.spring.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.LeadershipState;
import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceSnapshot;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.core.TransitionReason;
import dev.lifecycle.spring.LifecycleService;
import dev.lifecycle.spring.actuate.endpoint.ServicesEndpoint;
import dev.lifecycle.spring.actuate.endpoint.ServicesEndpoint.ServiceDescriptor;
import dev.lifecycle.spring.actuate.endpoint.ServicesEndpoint.ServicesDescriptor;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration;
import dev.lifecycle.spring.autoconfigure.endpoint.ServicesEndpointAutoConfiguration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code @LifecycleService(leader)} and {@code lifecycle.services.<id>.leader}, and what the endpoint shows of them.
 */
class LeaderOnlyServiceTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ServiceRegistryAutoConfiguration.class));

    @Test
    void aCriticalLeaderOnlyServiceOnStandbyLetsTheApplicationStartAndItsDependentWaits() {
        runner.withUserConfiguration(Scheduling.class).run(context -> {
            assertThat(context).hasNotFailed();
            ServiceSnapshot scheduler = snapshot(context, "scheduler");
            assertThat(scheduler.state()).isEqualTo(ServiceState.STOPPED);
            assertThat(scheduler.reason()).isEqualTo(TransitionReason.LEADERSHIP);
            assertThat(scheduler.leaderGroup()).isEqualTo("jobs");
            assertThat(scheduler.leadership()).isEqualTo(LeadershipState.UNKNOWN);
            assertThat(snapshot(context, "reports").state()).isEqualTo(ServiceState.WAITING);
            assertThat(snapshot(context, "reports").standby()).isTrue();
        });
    }

    @Test
    void grantingLeadershipStartsTheServiceThenItsDependent() {
        runner.withUserConfiguration(Scheduling.class).run(context -> {
            registry(context).leadership().grant("jobs").get(10, TimeUnit.SECONDS);

            assertThat(snapshot(context, "scheduler").state()).isEqualTo(ServiceState.RUNNING);
            assertThat(snapshot(context, "reports").state()).isEqualTo(ServiceState.RUNNING);
        });
    }

    @Test
    void theLeaderPropertyOverridesTheAnnotationAndAnEmptyOneMakesTheServiceRunEverywhere() {
        runner.withUserConfiguration(Scheduling.class)
                .withPropertyValues("lifecycle.services.scheduler.leader=",
                        "lifecycle.services.reports.leader=reporting")
                .run(context -> {
                    assertThat(snapshot(context, "scheduler").leaderGroup()).isNull();
                    assertThat(snapshot(context, "scheduler").state()).isEqualTo(ServiceState.RUNNING);
                    assertThat(snapshot(context, "reports").leaderGroup()).isEqualTo("reporting");
                    assertThat(snapshot(context, "reports").state()).isEqualTo(ServiceState.STOPPED);
                });
    }

    @Test
    void anInvalidLeaderGroupIsRefusedNamingTheServiceAndTheProperty() {
        runner.withUserConfiguration(Scheduling.class).withPropertyValues("lifecycle.services.scheduler.leader=a\tb")
                .run(context -> assertThat(context).getFailure().hasStackTraceContaining(
                        "Invalid leader group of service 'scheduler' (set by @LifecycleService(leader) or "
                                + "lifecycle.services.scheduler.leader)"));
    }

    @Test
    void theEndpointShowsEachServicesLeaderGroupAndLeadershipAndEveryGroupsState() {
        runner.withUserConfiguration(Scheduling.class)
                .withConfiguration(AutoConfigurations.of(ServicesEndpointAutoConfiguration.class))
                .withPropertyValues("management.endpoints.web.exposure.include=services").run(context -> {
                    ServicesEndpoint endpoint = context.getBean(ServicesEndpoint.class);
                    registry(context).leadership().revoke("jobs").get(10, TimeUnit.SECONDS);

                    ServiceDescriptor scheduler = endpoint.service("scheduler");
                    ServiceDescriptor reports = endpoint.service("reports");
                    ServicesDescriptor all = endpoint.services();

                    assertThat(scheduler.leaderGroup()).isEqualTo("jobs");
                    assertThat(scheduler.leadership()).isEqualTo("STANDBY");
                    assertThat(scheduler.standby()).isTrue();
                    assertThat(scheduler.health()).isEqualTo("UP");
                    assertThat(reports.leaderGroup()).isNull();
                    assertThat(reports.leadership()).isNull();
                    assertThat(reports.health()).isEqualTo("UP");
                    assertThat(reports.rootCause()).isEqualTo("blocked by scheduler, which is on standby for group "
                            + "'jobs'");
                    assertThat(all.leadership()).isEqualTo(Map.of("jobs", "STANDBY"));
                });
    }

    private static ServiceRegistry registry(AssertableApplicationContext context) {
        return context.getBean(ServiceRegistry.class);
    }

    private static ServiceSnapshot snapshot(AssertableApplicationContext context, String id) {
        return registry(context).snapshot(id).orElseThrow();
    }

    @Configuration(proxyBeanMethods = false)
    static class Scheduling {

        @Bean
        @LifecycleService(leader = "jobs", critical = true)
        Service<String> scheduler() {
            return ctx -> "scheduler";
        }

        @Bean
        @LifecycleService(requires = "scheduler", critical = true)
        Service<String> reports() {
            return ctx -> "reports";
        }
    }
}
