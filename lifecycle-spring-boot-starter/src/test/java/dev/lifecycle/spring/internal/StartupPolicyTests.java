package dev.lifecycle.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceContext;
import dev.lifecycle.core.ServiceHandle;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceSnapshot;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.spring.EscalationExit;
import dev.lifecycle.spring.LifecycleService;
import dev.lifecycle.spring.RequiresService;
import dev.lifecycle.spring.ServiceRegistryLifecycle;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration;
import dev.lifecycle.spring.testsupport.Calls;
import dev.lifecycle.spring.testsupport.StartupFailures;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * What start-up does with the graph: missing and cyclic requirements, critical services that fail, non-critical
 * ones that leave the application degraded, and escalation SHUTDOWN.
 */
class StartupPolicyTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ServiceRegistryAutoConfiguration.class))
            .withPropertyValues("lifecycle.restart.backoff.initial=10ms", "lifecycle.restart.backoff.max=20ms");

    private final ServiceStartupFailureAnalyzer analyzer = new ServiceStartupFailureAnalyzer();

    @Test
    void missingRequirementFailsStartUpNamingTheBeans() {
        runner.withUserConfiguration(MissingConfiguration.class).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = analyzer.analyze(context.getStartupFailure());

            assertThat(analysis.getDescription()).isEqualTo("""
                    Services require services that do not exist:
                      - 'databse' is required by 'orders' (bean 'orderRepository'); did you mean 'database' \
                    (bean 'database')?""");
            assertThat(analysis.getAction()).startsWith("Declare a bean implementing dev.lifecycle.core.Service for "
                    + "each missing service");
        });
    }

    @Test
    void misspelledServiceOfAnInjectedHandleOrARequirementSuggestsTheInstalledService() {
        runner.withUserConfiguration(MisspelledConfiguration.class).run(context -> {
            assertThat(context).hasFailed();

            assertThat(StartupFailures.of(context).getDescription()).isEqualTo("""
                    Services require services that do not exist:
                      - 'confg' is required by 'cache' (bean 'cache'); did you mean 'config' (bean 'configService')?
                      - 'repostory' is required by 'web' (bean 'web'); did you mean 'repository' (bean \
                    'repository')?""");
        });
    }

    @Test
    void requirementFarFromEveryServiceSuggestsNothing() {
        runner.withBean("web", Service.class, () -> new Service<String>() {
            @Override
            public void init(dev.lifecycle.core.ServiceInit init) {
                init.dependsOn("queue");
            }

            @Override
            public String start(ServiceContext context) {
                return "web";
            }
        }).run(context -> {
            assertThat(context).hasFailed();

            assertThat(StartupFailures.of(context).getDescription()).isEqualTo("""
                    Services require services that do not exist:
                      - 'queue' is required by 'web' (bean 'web')""");
        });
    }

    @Test
    void requirementDisabledByPropertyIsMissingAndSaysSo() {
        runner.withUserConfiguration(MissingConfiguration.class)
                .withPropertyValues("lifecycle.services.database.enabled=false")
                .withBean("repository", Service.class, () -> new Service<String>() {
                    @Override
                    public void init(dev.lifecycle.core.ServiceInit init) {
                        init.dependsOn("database");
                    }

                    @Override
                    public String start(ServiceContext context) {
                        return "repository";
                    }
                })
                .run(context -> {
                    assertThat(context).hasFailed();

                    assertThat(StartupFailures.of(context).getDescription()).contains("""
                            - 'database' is required by 'repository' (bean 'repository') (it is disabled: \
                            lifecycle.services.database.enabled=false)""");
                });
    }

    @Test
    void failureAnalyzerIsRegistered() {
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class, null,
                SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> {
                    // Other analyzers need constructor arguments; only ours matters here.
                }))).hasAtLeastOneElementOfType(ServiceStartupFailureAnalyzer.class);
    }

    @Test
    void cycleFailsStartUpWithThePathOfBeans() {
        runner.withUserConfiguration(CycleConfiguration.class).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = analyzer.analyze(context.getStartupFailure());

            assertThat(analysis.getDescription()).isEqualTo("Services require each other in a cycle: "
                    + "'alpha' (bean 'alpha') -> 'gamma' (bean 'gammaService') -> 'beta' (bean 'beta') -> "
                    + "'alpha' (bean 'alpha').");
            assertThat(analysis.getAction()).startsWith("Break the cycle: remove one of these requirements");
        });
    }

    @Test
    void criticalServiceThatGivesUpFailsStartUpAndStopsWhatStartedInReverseOrder() {
        Calls calls = new Calls();
        runner.withBean(Calls.class, () -> calls).withUserConfiguration(CriticalConfiguration.class)
                .withPropertyValues("lifecycle.services.database.critical=true").run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = analyzer.analyze(context.getStartupFailure());

                    assertThat(analysis.getDescription()).isEqualTo("""
                            A critical service did not start:
                              - 'database' (bean 'database') is FAILED: java.lang.IllegalStateException: \
                            connection refused""");
                    assertThat(analysis.getAction()).isEqualTo("Fix the cause of the failure shown above, or, if the "
                            + "application can run without it, mark the service as not critical "
                            + "(lifecycle.services.database.critical=false).");
                    assertThat(calls.count("start:database")).as("first start and 5 restarts").isEqualTo(6);
                    assertThat(calls.starting("stop:")).containsExactly("stop:cache", "stop:config");
                    assertThat(calls.all().indexOf("stop:cache"))
                            .isGreaterThan(calls.all().lastIndexOf("start:database"));
                });
    }

    @Test
    void nonCriticalServiceThatGivesUpLeavesTheApplicationUpAndDegraded() {
        runner.withBean(Calls.class, Calls::new).withUserConfiguration(CriticalConfiguration.class).run(context -> {
            assertThat(context).hasNotFailed();
            ServiceRegistry registry = context.getBean(ServiceRegistry.class);

            assertThat(registry.snapshot()).extracting(s -> s.id() + ":" + s.state()).containsExactly(
                    "config:RUNNING", "cache:RUNNING", "database:FAILED", "repository:WAITING");
            ServiceSnapshot repository = registry.snapshot("repository").orElseThrow();
            assertThat(repository.rootCause()).startsWith("blocked by database, which failed with "
                    + "java.lang.IllegalStateException: connection refused");
            assertThat(context.getBean(ServiceRegistryLifecycle.class).isRunning()).isTrue();
        });
    }

    @Test
    void criticalServiceThatGivesUpEndsTheStartUpWhileOtherServicesAreStillStarting() {
        CountDownLatch release = new CountDownLatch(1);
        runner.withBean(Calls.class, Calls::new).withUserConfiguration(CriticalConfiguration.class)
                .withBean("slow", Service.class, () -> new BlockingService(release))
                .withPropertyValues("lifecycle.services.database.critical=true", "lifecycle.startup-timeout=5m",
                        "lifecycle.stop-timeout=1s")
                .run(context -> {
                    release.countDown();
                    assertThat(context).hasFailed();

                    assertThat(StartupFailures.of(context).getDescription()).as("not waiting for 'slow'").isEqualTo("""
                            A critical service did not start:
                              - 'database' (bean 'database') is FAILED: java.lang.IllegalStateException: \
                            connection refused""");
                });
    }

    @Test
    void criticalServiceStillStartingWhenTheStartUpTimeoutEndsFailsStartUp() {
        CountDownLatch release = new CountDownLatch(1);
        runner.withBean("slow", Service.class, () -> new BlockingService(release))
                .withPropertyValues("lifecycle.services.slow.critical=true", "lifecycle.startup-timeout=200ms",
                        "lifecycle.stop-timeout=1s")
                .run(context -> {
                    release.countDown();
                    assertThat(context).hasFailed();

                    assertThat(StartupFailures.of(context).getDescription()).isEqualTo("""
                            A critical service did not start within the start-up timeout of PT0.2S:
                              - 'slow' (bean 'slow') is STARTING""");
                    assertThat(StartupFailures.of(context).getAction()).contains("(lifecycle.startup-timeout)");
                });
    }

    @Test
    void giveUpWithEscalationShutdownAfterStartUpClosesTheContextAndExitsNonZero() {
        CopyOnWriteArrayList<Integer> exits = new CopyOnWriteArrayList<>();
        runner.withBean(EscalationExit.class, () -> exits::add).withBean("database", Service.class, () -> ctx -> "db")
                .withPropertyValues("lifecycle.restart.max-restarts=0", "lifecycle.restart.escalation=SHUTDOWN",
                        "lifecycle.exit-status=3")
                .run(context -> {
                    ServiceRegistry registry = context.getBean(ServiceRegistry.class);

                    registry.fail("database", new IllegalStateException("lost connection"));

                    await().atMost(Duration.ofSeconds(10)).until(() -> !exits.isEmpty());
                    assertThat(exits).containsExactly(3);
                    assertThat(context.isActive()).isFalse();
                    assertThat(registry.snapshot("database").orElseThrow().state()).isIn(ServiceState.FAILED,
                            ServiceState.STOPPED);
                });
    }

    @Test
    void giveUpWithEscalationShutdownDuringStartUpFailsStartUp() {
        CopyOnWriteArrayList<Integer> exits = new CopyOnWriteArrayList<>();
        runner.withBean(EscalationExit.class, () -> exits::add)
                .withBean("database", Service.class, () -> ctx -> {
                    throw new IllegalStateException("connection refused");
                })
                .withPropertyValues("lifecycle.restart.max-restarts=0", "lifecycle.restart.escalation=SHUTDOWN")
                .run(context -> {
                    assertThat(context).hasFailed();

                    assertThat(StartupFailures.of(context).getDescription()).isEqualTo(
                            "Service 'database' (bean 'database') gave up during start-up with escalation SHUTDOWN.");
                    assertThat(exits).isEmpty();
                });
    }

    /** Starts only once released (or interrupted). */
    static final class BlockingService implements Service<Void> {

        private final CountDownLatch release;

        BlockingService(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public @Nullable Void start(ServiceContext context) throws InterruptedException {
            release.await();
            return null;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class MissingConfiguration {

        @Bean
        Service<String> database() {
            return ctx -> "db";
        }

        @Bean
        @LifecycleService(name = "orders")
        @RequiresService("databse")
        Service<String> orderRepository() {
            return ctx -> "orders";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class MisspelledConfiguration {

        @Bean
        @LifecycleService(name = "config")
        Service<String> configService() {
            return ctx -> "config";
        }

        @Bean
        Service<String> repository() {
            return ctx -> "repository";
        }

        @Bean
        Service<String> cache(ServiceHandle<String> confg) {
            return ctx -> "cache";
        }

        @Bean
        @LifecycleService(requires = "repostory")
        Service<String> web() {
            return ctx -> "web";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CycleConfiguration {

        @Bean
        @RequiresService("gamma")
        Service<String> alpha() {
            return ctx -> "a";
        }

        @Bean
        @RequiresService("alpha")
        Service<String> beta() {
            return ctx -> "b";
        }

        @Bean
        @LifecycleService(name = "gamma", requires = "beta")
        Service<String> gammaService() {
            return ctx -> "c";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CriticalConfiguration {

        @Bean
        Service<String> config(Calls calls) {
            return calls.service("config", "config");
        }

        @Bean
        @RequiresService("config")
        Service<String> cache(Calls calls) {
            return calls.service("cache", "cache");
        }

        @Bean
        @RequiresService("config")
        Service<String> database(Calls calls) {
            return ctx -> {
                calls.add("start:database");
                throw new IllegalStateException("connection refused");
            };
        }

        @Bean
        @RequiresService("database")
        Service<String> repository(Calls calls) {
            return calls.service("repository", "repository");
        }
    }
}
