package dev.lifecycle.spring.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.core.LeadershipState;
import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceContext;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.spring.LifecycleService;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration;
import dev.lifecycle.spring.autoconfigure.leader.LifecycleJdbcLockRegistryAutoConfiguration;
import dev.lifecycle.spring.autoconfigure.leader.LifecycleLeadershipAutoConfiguration;
import dev.lifecycle.spring.testsupport.Calls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two instances of an application in one JVM, sharing one H2 database: the JDBC lock registry elects exactly one of
 * them to run the leader-only service, and when the leader closes, it stops its leader-only services, dependents
 * first, releases the lock, and the other instance takes over without waiting for the lock to expire.
 */
class JdbcLeaderElectionTests {

    /** Long enough that a take-over within {@link #TAKE_OVER_BOUND} proves the lock was released, not expired. */
    private static final Duration TIME_TO_LIVE = Duration.ofSeconds(60);

    private static final Duration TAKE_OVER_BOUND = Duration.ofSeconds(30);

    private final String url = "jdbc:h2:mem:election-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private final Calls calls = new Calls();
    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @AfterEach
    void closeInstances() {
        instances.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void exactlyOneInstanceRunsTheLeaderOnlyServiceAndTheOtherTakesOverWhenTheLeaderCloses() {
        ConfigurableApplicationContext a = start("a", "embedded");
        ConfigurableApplicationContext b = start("b", "never");
        await().atMost(TAKE_OVER_BOUND).until(() -> running(a) || running(b));
        ConfigurableApplicationContext leader = running(a) ? a : b;
        ConfigurableApplicationContext follower = leader == a ? b : a;
        String leaderName = leader == a ? "a" : "b";
        String followerName = leader == a ? "b" : "a";
        assertThat(running(follower)).isFalse();
        assertThat(follower.getBean(ServiceRegistry.class).leadership().state("jobs"))
                .isEqualTo(LeadershipState.STANDBY);
        assertThat(calls.starting(followerName + ":start")).isEmpty();

        leader.close();

        await().atMost(TAKE_OVER_BOUND).until(() -> running(follower));
        assertThat(calls.all()).containsSubsequence(leaderName + ":stop:reports", leaderName + ":stop:scheduler",
                followerName + ":start:scheduler", followerName + ":start:reports");
        assertThat(calls.all()).contains(leaderName + ":stop:scheduler (lock held: 1)");
    }

    @Test
    void closingTheLeaderStopsItsLeaderOnlyServicesDependentsFirstWhileHoldingTheLockThenReleasesIt() {
        ConfigurableApplicationContext leader = start("a", "embedded");
        await().atMost(TAKE_OVER_BOUND).until(() -> running(leader));
        JdbcTemplate database = new JdbcTemplate(leader.getBean(DataSource.class));
        assertThat(database.queryForList("SELECT LOCK_KEY FROM INT_LOCK", String.class)).hasSize(1);

        leader.close();

        assertThat(calls.all()).containsSubsequence("a:stop:reports", "a:stop:scheduler",
                "a:stop:scheduler (lock held: 1)");
        assertThat(database.queryForList("SELECT LOCK_KEY FROM INT_LOCK", String.class)).isEmpty();
    }

    private ConfigurableApplicationContext start(String name, String initializeSchema) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Instance.class)
                .web(WebApplicationType.NONE)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("calls", calls))
                .properties("instance=" + name, "database=" + url,
                        "lifecycle.leadership.jdbc.initialize-schema=" + initializeSchema,
                        "lifecycle.leadership.jdbc.time-to-live=" + TIME_TO_LIVE.toSeconds() + "s")
                .run();
        instances.add(context);
        return context;
    }

    private static boolean running(ConfigurableApplicationContext context) {
        return context.isActive() && context.getBean(ServiceRegistry.class).snapshot("reports")
                .map(s -> s.state() == ServiceState.RUNNING).orElse(false);
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ ServiceRegistryAutoConfiguration.class,
            LifecycleJdbcLockRegistryAutoConfiguration.class, LifecycleLeadershipAutoConfiguration.class })
    static class Instance {

        @Bean
        DataSource dataSource(Environment environment) {
            return new DriverManagerDataSource(environment.getRequiredProperty("database"));
        }

        @Bean
        @LifecycleService(leader = "jobs")
        Service<String> scheduler(Calls calls, Environment environment, DataSource dataSource) {
            String name = environment.getRequiredProperty("instance");
            return new Service<>() {
                @Override
                public String start(ServiceContext context) {
                    calls.add(name + ":start:scheduler");
                    return "scheduler";
                }

                @Override
                public void stop(ServiceContext context) {
                    Integer held = new JdbcTemplate(dataSource)
                            .queryForObject("SELECT COUNT(*) FROM INT_LOCK WHERE LOCK_KEY IS NOT NULL", Integer.class);
                    calls.add(name + ":stop:scheduler");
                    calls.add(name + ":stop:scheduler (lock held: " + held + ")");
                }
            };
        }

        @Bean
        @LifecycleService(requires = "scheduler")
        Service<String> reports(Calls calls, Environment environment) {
            String name = environment.getRequiredProperty("instance");
            return new Service<>() {
                @Override
                public String start(ServiceContext context) {
                    calls.add(name + ":start:reports");
                    return "reports";
                }

                @Override
                public void stop(ServiceContext context) {
                    calls.add(name + ":stop:reports");
                }
            };
        }
    }
}
