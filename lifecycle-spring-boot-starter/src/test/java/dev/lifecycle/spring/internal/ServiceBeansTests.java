package dev.lifecycle.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceContext;
import dev.lifecycle.core.ServiceHandle;
import dev.lifecycle.core.ServiceInit;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceSnapshot;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.spring.LifecycleService;
import dev.lifecycle.spring.RequiresService;
import dev.lifecycle.spring.ServiceTransitionEvent;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration;
import dev.lifecycle.spring.testsupport.Calls;
import dev.lifecycle.spring.testsupport.StartupFailures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.MapPropertySource;

/** How beans become services: names, value types, requirements from annotations, @DependsOn and handles. */
@ExtendWith(OutputCaptureExtension.class)
class ServiceBeansTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ServiceRegistryAutoConfiguration.class));

    @Test
    void serviceBeansStartInDependencyOrderAndStopInReverse() {
        Calls calls = new Calls();
        runner.withBean(Calls.class, () -> calls).withUserConfiguration(ChainConfiguration.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(calls.starting("start:")).containsExactly("start:config", "start:database",
                    "start:repository");
            assertThat(context.getBean(ServiceRegistry.class).snapshot()).extracting(s -> s.state())
                    .containsOnly(ServiceState.RUNNING);
        });
        assertThat(calls.starting("stop:")).containsExactly("stop:repository", "stop:database", "stop:config");
    }

    @Test
    void requirementsComeFromHandlesDependsOnAndAnnotations() {
        runner.withBean(Calls.class, Calls::new).withUserConfiguration(ChainConfiguration.class).run(context -> {
            ServiceRegistry registry = context.getBean(ServiceRegistry.class);

            assertThat(registry.snapshot("database").orElseThrow().requires()).containsExactly("config");
            assertThat(registry.snapshot("repository").orElseThrow().requires()).containsExactly("database");
            assertThat(registry.snapshot("audit").orElseThrow().requires()).containsExactlyInAnyOrder("config",
                    "database", "repository");
            assertThat(context.getBean(ServiceBeans.class).isCritical("audit")).as("annotation on the class").isTrue();
        });
    }

    @Test
    void injectedHandlesReadTheValueOfTheRunningService() {
        runner.withBean(Calls.class, Calls::new).withUserConfiguration(ChainConfiguration.class).run(context -> {
            ServiceRegistry registry = context.getBean(ServiceRegistry.class);

            assertThat(registry.get(ServiceKey.of("database", Database.class)).url()).isEqualTo("jdbc:test/app");
            assertThat(context.getBean(Audit.class).config.get()).isEqualTo(new Config("jdbc:test/app"));
        });
    }

    @Test
    void valueTypeIsTheTypeArgumentOfServiceElseObject() {
        runner.withBean(Calls.class, Calls::new).withUserConfiguration(ChainConfiguration.class).run(context -> {
            ServiceRegistry registry = context.getBean(ServiceRegistry.class);

            assertThat(type(registry, "config")).isEqualTo(Config.class);
            assertThat(type(registry, "database")).isEqualTo(Database.class);
            assertThat(type(registry, "repository")).isEqualTo(Void.class);
            assertThat(type(registry, "audit")).isEqualTo(Object.class);
        });
    }

    @Test
    void lifecycleServiceAnnotationSetsNameQualifierAndRequirements() {
        runner.withUserConfiguration(AnnotatedConfiguration.class).run(context -> {
            ServiceRegistry registry = context.getBean(ServiceRegistry.class);

            assertThat(registry.snapshot()).extracting(ServiceSnapshot::id).containsExactly("cluster", "client:eu",
                    "client:us", "listener", "router");
            assertThat(registry.snapshot("router").orElseThrow().requires()).containsExactly("client:us");
            assertThat(registry.get(ServiceKey.of("router", String.class))).isEqualTo("routes to us");
            assertThat(registry.snapshot("client:eu").orElseThrow().requires()).containsExactly("cluster");
            assertThat(registry.snapshot("listener").orElseThrow().requires()).containsExactly("client:eu",
                    "client:us");
            assertThat(context.getBean(ServiceBeans.class).isCritical("cluster")).isTrue();
            assertThat(context.getBean(ServiceBeans.class).isCritical("listener")).isFalse();
            assertThat(context.getBean(ServiceBeans.class).describe("client:eu"))
                    .isEqualTo("'client:eu' (bean 'euClient')");
        });
    }

    @Test
    void criticalPropertyOverridesTheAnnotation() {
        runner.withUserConfiguration(AnnotatedConfiguration.class)
                .withInitializer(context -> context.getEnvironment().getPropertySources()
                        .addFirst(new MapPropertySource("test", Map.of("lifecycle.services.cluster.critical", "false",
                                "lifecycle.services[client:us].critical", "true",
                                "lifecycle.services.ghost.critical", "true"))))
                .run(context -> {
                    ServiceBeans beans = context.getBean(ServiceBeans.class);

                    assertThat(context).hasNotFailed();
                    assertThat(beans.isCritical("cluster")).isFalse();
                    assertThat(beans.isCritical("client:us")).isTrue();
                    assertThat(beans.isCritical("ghost")).as("configured, not installed").isTrue();
                    assertThat(beans.criticalIds()).containsExactlyInAnyOrder("client:us", "ghost");
                });
    }

    @Test
    void criticalIdsAreTheServicesTheAnnotationMarksCritical() {
        runner.withUserConfiguration(AnnotatedConfiguration.class).run(context -> {
            assertThat(context.getBean(ServiceBeans.class).criticalIds()).containsExactly("cluster");
        });
    }

    @Test
    void beansOfOneClassEachKeepTheirOwnNameRequirementsAndFactoryMethodAnnotations() {
        runner.withUserConfiguration(SameClassConfiguration.class).run(context -> {
            assertThat(context).hasNotFailed();
            ServiceRegistry registry = context.getBean(ServiceRegistry.class);
            assertThat(registry.snapshot()).extracting(ServiceSnapshot::id)
                    .containsExactlyInAnyOrder("first", "second", "named", "third");
            assertThat(registry.snapshot("second").orElseThrow().requires()).containsExactly("first");
            assertThat(registry.snapshot("third").orElseThrow().requires()).containsExactlyInAnyOrder("named",
                    "second");
            assertThat(context.getBean(ServiceBeans.class).criticalIds()).containsExactly("named");
        });
    }

    @Test
    void dependsOnMayNameABeanByItsAlias() {
        runner.withUserConfiguration(AliasConfiguration.class).run(context -> {
            ServiceRegistry registry = context.getBean(ServiceRegistry.class);

            assertThat(registry.snapshot("repository").orElseThrow().requires()).containsExactly("database");
            assertThat(registry.snapshot("cache").orElseThrow().requires()).containsExactly("database");
        });
    }

    @Test
    void everyTransitionIsPublishedAsAnApplicationEvent() {
        runner.withBean(Calls.class, Calls::new).withUserConfiguration(ChainConfiguration.class, EventsConfiguration.class)
                .run(context -> {
                    List<ServiceTransitionEvent> events = context.getBean(EventsConfiguration.class).events;

                    // Events are delivered by the registry's own threads, possibly just after start-up returns.
                    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events)
                            .filteredOn(e -> e.getKey().id().equals("config"))
                            .extracting(e -> e.getFrom() + "->" + e.getTo())
                            .containsExactly("INSTALLED->STARTING", "STARTING->RUNNING"));
                    assertThat(events.get(0).getSource()).isSameAs(context.getBean(ServiceRegistry.class));
                });
    }

    @Test
    void everyTransitionIsLoggedOnOneLine(CapturedOutput output) {
        runner.withBean(Calls.class, Calls::new).withUserConfiguration(ChainConfiguration.class).run(context -> {
            // Transitions are logged by the registry's own threads, possibly just after start-up returns.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(output.toString())
                    .containsPattern("INFO .* service config: STARTING -> RUNNING \\(STARTUP, started in \\d+ ms\\)"));
            assertThat(output.toString()).containsPattern("Started 4 services in \\d+ ms; critical path: ");
        });
    }

    @Test
    void aServiceCannotBeNamedWithWhitespace() {
        runner.withBean("bad name", Service.class, () -> ctx -> null).run(context -> {
            assertThat(context).hasFailed();
            assertThat(StartupFailures.of(context)).hasMessageStartingWith(
                    "Bean 'bad name' cannot be a service: Invalid service name 'bad name'");
        });
    }

    private static Class<?> type(ServiceRegistry registry, String id) {
        return registry.snapshot(id).orElseThrow().key().type();
    }

    record Config(String url) {
    }

    record Database(String url) {
    }

    /** A service class: its value type comes from its class. */
    static class ConfigService implements Service<Config> {

        private final Calls calls;

        ConfigService(Calls calls) {
            this.calls = calls;
        }

        @Override
        public Config start(ServiceContext context) {
            calls.add("start:config");
            return new Config("jdbc:test/app");
        }

        @Override
        public void stop(ServiceContext context) {
            calls.add("stop:config");
        }
    }

    /** A raw service whose value type cannot be told: Object. Requires two services, one through init. */
    @SuppressWarnings("rawtypes")
    @LifecycleService(critical = true)
    static class Audit implements Service {

        @Autowired
        @RequiresService("config")
        ServiceHandle<Config> config;

        @Override
        public void init(ServiceInit init) {
            init.dependsOn("repository");
        }

        @Override
        public @Nullable Object start(ServiceContext context) {
            return "audit";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ChainConfiguration {

        @Bean
        ConfigService config(Calls calls) {
            return new ConfigService(calls);
        }

        @Bean
        Service<Database> database(ServiceHandle<Config> config, Calls calls) {
            return new Service<>() {
                @Override
                public Database start(ServiceContext context) {
                    calls.add("start:database");
                    return new Database(config.get().url());
                }

                @Override
                public void stop(ServiceContext context) {
                    calls.add("stop:database");
                }
            };
        }

        @Bean
        @DependsOn("database")
        Service<Void> repository(Calls calls) {
            return new Service<>() {
                @Override
                public @Nullable Void start(ServiceContext context) {
                    calls.add("start:repository");
                    return null;
                }

                @Override
                public void stop(ServiceContext context) {
                    calls.add("stop:repository");
                }
            };
        }

        @Bean
        @RequiresService("database")
        Audit audit() {
            return new Audit();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class AnnotatedConfiguration {

        @Bean
        @LifecycleService(critical = true)
        Service<String> cluster() {
            return ctx -> "cluster";
        }

        @Bean
        @LifecycleService(name = "client", qualifier = "eu", requires = "cluster")
        Service<String> euClient() {
            return ctx -> "eu";
        }

        @Bean
        @LifecycleService(name = "client", qualifier = "us")
        @RequiresService("cluster")
        Service<String> usClient() {
            return ctx -> "us";
        }

        @Bean
        @RequiresService(value = "client", qualifier = "eu")
        @RequiresService(value = "client", qualifier = "us")
        Service<Void> listener() {
            return ctx -> null;
        }

        @Bean
        Service<String> router(@RequiresService(value = "client", qualifier = "us") ServiceHandle<String> client) {
            return ctx -> "routes to " + client.get();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class AliasConfiguration {

        @Bean(name = { "database", "primaryDataSource" })
        Service<String> database() {
            return ctx -> "db";
        }

        @Bean
        @DependsOn("primaryDataSource")
        Service<String> repository() {
            return ctx -> "repository";
        }

        @Bean
        @DependsOn("database")
        Service<String> cache() {
            return ctx -> "cache";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class EventsConfiguration {

        final List<ServiceTransitionEvent> events = new CopyOnWriteArrayList<>();

        @EventListener
        void on(ServiceTransitionEvent event) {
            events.add(event);
        }
    }

    /** Four beans of one class: two plain, one renamed and critical by its factory method, one requiring by it. */
    @Configuration(proxyBeanMethods = false)
    static class SameClassConfiguration {

        @Bean
        Plain first() {
            return new Plain();
        }

        @Bean
        @DependsOn("first")
        Plain second() {
            return new Plain();
        }

        @Bean
        @LifecycleService(name = "named", critical = true)
        Plain renamed() {
            return new Plain();
        }

        @Bean
        @RequiresService("named")
        @DependsOn("second")
        Plain third() {
            return new Plain();
        }
    }

    /** A service of no value. */
    static class Plain implements Service<Void> {

        @Override
        public @Nullable Void start(ServiceContext context) {
            return null;
        }
    }
}
