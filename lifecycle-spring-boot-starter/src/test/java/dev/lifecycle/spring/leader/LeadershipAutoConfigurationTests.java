package dev.lifecycle.spring.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.core.LeadershipState;
import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceSnapshot;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.core.TransitionReason;
import dev.lifecycle.spring.LifecycleService;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration;
import dev.lifecycle.spring.autoconfigure.leader.LifecycleJdbcLockRegistryAutoConfiguration;
import dev.lifecycle.spring.autoconfigure.leader.LifecycleLeadershipAutoConfiguration;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.integration.leader.Context;
import org.springframework.integration.leader.event.OnGrantedEvent;
import org.springframework.integration.leader.event.OnRevokedEvent;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;
import org.springframework.integration.support.locks.DefaultLockRegistry;
import org.springframework.integration.support.locks.LockRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Spring Integration's leader election drives the leader-only services: its leader events, one initiator per leader
 * group over the application's lock registry, a JDBC lock registry on its DataSource; and when each backs off.
 */
class LeadershipAutoConfigurationTests {

    private static final Duration BOUND = Duration.ofSeconds(20);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ServiceRegistryAutoConfiguration.class,
                    LifecycleJdbcLockRegistryAutoConfiguration.class, LifecycleLeadershipAutoConfiguration.class))
            .withUserConfiguration(Scheduling.class);

    @Test
    void onGrantedEventStartsTheGroupsServicesAndOnRevokedEventReturnsOnceTheyHaveStopped() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(LeaderEventsListener.class).doesNotHaveBean(LeaderInitiators.class);
            Context leading = () -> true;

            context.publishEvent(new OnGrantedEvent(this, leading, "jobs"));
            await().atMost(BOUND).until(() -> snapshot(context, "reports").state() == ServiceState.RUNNING);
            assertThat(snapshot(context, "scheduler").state()).isEqualTo(ServiceState.RUNNING);

            context.publishEvent(new OnRevokedEvent(this, () -> false, "jobs"));
            ServiceSnapshot scheduler = snapshot(context, "scheduler");
            assertThat(scheduler.state()).isEqualTo(ServiceState.STOPPED);
            assertThat(scheduler.reason()).isEqualTo(TransitionReason.LEADERSHIP);
            assertThat(snapshot(context, "reports").state()).isEqualTo(ServiceState.WAITING);
            assertThat(registry(context).leadership().state("jobs")).isEqualTo(LeadershipState.STANDBY);
        });
    }

    @Test
    void theApplicationsLockRegistryElectsEachLeaderGroupWithAnInitiatorOfItsOwn() {
        runner.withBean(LockRegistry.class, DefaultLockRegistry::new).run(context -> {
            assertThat(context).hasSingleBean(LeaderInitiators.class);
            await().atMost(BOUND).until(() -> snapshot(context, "reports").state() == ServiceState.RUNNING);
            assertThat(context.getBean(LeaderInitiators.class).groups()).containsExactly("jobs");
            assertThat(registry(context).leadership().state("jobs")).isEqualTo(LeadershipState.LEADER);
        });
    }

    @Test
    void aDataSourceAndSpringIntegrationJdbcGiveAJdbcLockRegistryWithItsTableInAnEmbeddedDatabase() {
        runner.withBean(DataSource.class, LeadershipAutoConfigurationTests::h2).run(context -> {
            assertThat(context).hasSingleBean(JdbcLockRegistry.class).hasSingleBean(LeaderInitiators.class);
            await().atMost(BOUND).until(() -> snapshot(context, "scheduler").state() == ServiceState.RUNNING);
            assertThat(new JdbcTemplate(context.getBean(DataSource.class))
                    .queryForList("SELECT LOCK_KEY FROM INT_LOCK", String.class)).hasSize(1);
        });
    }

    @Test
    void anApplicationWithoutLeaderOnlyServicesGetsNoLockRegistryAndNeedsNoLockTable() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ServiceRegistryAutoConfiguration.class,
                        LifecycleJdbcLockRegistryAutoConfiguration.class, LifecycleLeadershipAutoConfiguration.class))
                .withUserConfiguration(EveryInstance.class)
                .withBean(DataSource.class, LeadershipAutoConfigurationTests::h2)
                .withPropertyValues("lifecycle.leadership.jdbc.initialize-schema=never").run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(LockRegistry.class)
                            .doesNotHaveBean(LeaderInitiators.class);
                    await().atMost(BOUND).until(() -> snapshot(context, "cache").state() == ServiceState.RUNNING);
                });
    }

    @Test
    void aLeaderGroupSetByPropertyGivesTheJdbcLockRegistry() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ServiceRegistryAutoConfiguration.class,
                        LifecycleJdbcLockRegistryAutoConfiguration.class, LifecycleLeadershipAutoConfiguration.class))
                .withUserConfiguration(EveryInstance.class)
                .withBean(DataSource.class, LeadershipAutoConfigurationTests::h2)
                .withPropertyValues("lifecycle.services.cache.leader=warmers").run(context -> {
                    assertThat(context).hasSingleBean(JdbcLockRegistry.class).hasSingleBean(LeaderInitiators.class);
                    await().atMost(BOUND).until(() -> snapshot(context, "cache").state() == ServiceState.RUNNING);
                });
    }

    @Test
    void theLockTableIsNotCreatedWhenInitializeSchemaIsNever() {
        runner.withBean(DataSource.class, LeadershipAutoConfigurationTests::h2)
                .withPropertyValues("lifecycle.leadership.jdbc.initialize-schema=never").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("INT_LOCK");
                });
    }

    @Test
    void aHeartbeatNotShorterThanTheLocksTimeToLiveFailsStartUpNamingBothProperties() {
        runner.withBean(DataSource.class, LeadershipAutoConfigurationTests::h2)
                .withPropertyValues("lifecycle.leadership.heartbeat=10s", "lifecycle.leadership.jdbc.time-to-live=5s")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining(
                        "lifecycle.leadership.heartbeat (PT10S) must be shorter than "
                                + "lifecycle.leadership.jdbc.time-to-live (PT5S)"));
    }

    @Test
    void aRenewalDeadlineNotLongerThanTheHeartbeatFailsStartUpNamingBothProperties() {
        runner.withBean(LockRegistry.class, DefaultLockRegistry::new)
                .withPropertyValues("lifecycle.leadership.heartbeat=2s", "lifecycle.leadership.jdbc.time-to-live=4s")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining(
                        "lifecycle.leadership.renewal-deadline (PT2S, half of lifecycle.leadership.jdbc.time-to-live) "
                                + "must be longer than lifecycle.leadership.heartbeat (PT2S)"));
    }

    @Test
    void backsOffWithoutSpringIntegrationOnTheClassPath() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.integration."))
                .withBean(DataSource.class, LeadershipAutoConfigurationTests::h2).run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(LeaderEventsListener.class)
                            .doesNotHaveBean(LeaderInitiators.class).doesNotHaveBean("lifecycleLockRegistry");
                    assertThat(snapshot(context, "scheduler").leadership()).isEqualTo(LeadershipState.UNKNOWN);
                });
    }

    @Test
    void definesNoJdbcLockRegistryWithoutSpringIntegrationJdbc() {
        runner.withClassLoader(new FilteredClassLoader(JdbcLockRegistry.class))
                .withBean(DataSource.class, LeadershipAutoConfigurationTests::h2).run(context -> assertThat(context)
                        .hasNotFailed().hasSingleBean(LeaderEventsListener.class)
                        .doesNotHaveBean(LockRegistry.class).doesNotHaveBean(LeaderInitiators.class));
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwnInitiator() {
        runner.withBean(LockRegistry.class, DefaultLockRegistry::new)
                .withBean(LockRegistryLeaderInitiator.class, () -> new LockRegistryLeaderInitiator(
                        new DefaultLockRegistry()))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(LockRegistryLeaderInitiator.class)
                        .doesNotHaveBean(LeaderInitiators.class).hasSingleBean(LeaderEventsListener.class));
    }

    @Test
    void leadershipEnabledFalseDefinesNoInitiatorsNorLockRegistry() {
        runner.withBean(DataSource.class, LeadershipAutoConfigurationTests::h2)
                .withPropertyValues("lifecycle.leadership.enabled=false").run(context -> assertThat(context)
                        .hasNotFailed().doesNotHaveBean(LockRegistry.class).doesNotHaveBean(LeaderInitiators.class)
                        .hasSingleBean(LeaderEventsListener.class));
    }

    @Test
    void theInitiatorsStopJustBeforeTheRegistrysBridge() {
        runner.withBean(LockRegistry.class, DefaultLockRegistry::new).withPropertyValues("lifecycle.phase=100")
                .run(context -> assertThat(context.getBean(LeaderInitiators.class).getPhase()).isEqualTo(101));
    }

    static DataSource h2() {
        return new DriverManagerDataSource("jdbc:h2:mem:leadership-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    private static ServiceRegistry registry(AssertableApplicationContext context) {
        return context.getBean(ServiceRegistry.class);
    }

    private static ServiceSnapshot snapshot(AssertableApplicationContext context, String id) {
        return registry(context).snapshot(id).orElseThrow();
    }

    @Configuration(proxyBeanMethods = false)
    static class EveryInstance {

        @Bean
        Service<String> cache() {
            return ctx -> "cache";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Scheduling {

        @Bean
        @LifecycleService(leader = "jobs")
        Service<String> scheduler() {
            return ctx -> "scheduler";
        }

        @Bean
        @LifecycleService(requires = "scheduler")
        Service<String> reports() {
            return ctx -> "reports";
        }
    }

}
