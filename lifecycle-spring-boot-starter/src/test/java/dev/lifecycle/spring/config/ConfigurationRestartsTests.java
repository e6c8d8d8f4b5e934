package dev.lifecycle.spring.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.TransitionReason;
import dev.lifecycle.core.event.ServiceTransition;
import dev.lifecycle.spring.ConfigurationRestarts;
import dev.lifecycle.spring.LifecycleService;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration;
import dev.lifecycle.spring.internal.EnvironmentChangeRestarts;
import dev.lifecycle.test.RecordingListener;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;

/**
 * A configuration change restarts exactly the services that read the changed keys, with their dependents, after the
 * {@code @ConfigurationProperties} they read are bound again; the others are untouched.
 *
 * <pre>
 * database (reads @ConfigurationProperties "db")
 *   └── cache (@LifecycleService(restartOnChange = "cache."))
 * mailer (lifecycle.services.mailer.restart-on-change=mail.)
 * heartbeat (reads nothing)
 * </pre>
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationRestartsTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ServiceRegistryAutoConfiguration.class))
            .withUserConfiguration(Services.class)
            .withPropertyValues("db.url=jdbc:h2:mem:a", "db.pool-size=4",
                    "lifecycle.services.mailer.restart-on-change=mail.");

    @Test
    void changedDatabaseKeysRestartTheDatabaseWithTheNewValuesAndItsDependentsButNothingElse() {
        runner.run(context -> {
            change(context, Map.of("db.url", "jdbc:h2:mem:b"));

            Set<String> restarted = restartFor(context, "db.url");

            assertThat(restarted).containsExactly("database");
            assertThat(startsAfterStartUp(context)).containsExactly("database jdbc:h2:mem:b", "cache");
            RecordingListener events = context.getBean(RecordingListener.class);
            assertThat(events.stoppedBefore("cache", "database")).isTrue();
            assertThat(events.startedBefore("database", "cache")).isTrue();
            assertThat(events.transitionsOf("mailer")).containsExactly("INSTALLED->STARTING", "STARTING->RUNNING");
            assertThat(events.transitionsOf("heartbeat")).containsExactly("INSTALLED->STARTING",
                    "STARTING->RUNNING");
            ServiceTransition restart = events.transitions().stream()
                    .filter(t -> t.key().id().equals("database") && t.reason() == TransitionReason.CONFIGURATION)
                    .findFirst().orElseThrow();
            assertThat(restart.detail()).contains("db.url");
        });
    }

    @Test
    void keysUnderTheAnnotatedPrefixRestartOnlyThatService() {
        runner.run(context -> {
            assertThat(restartFor(context, "cache.ttl")).containsExactly("cache");

            assertThat(startsAfterStartUp(context)).containsExactly("cache");
        });
    }

    @Test
    void keysUnderThePrefixOfTheRestartOnChangePropertyRestartThatService() {
        runner.run(context -> {
            assertThat(restartFor(context, "mail.host", "mail.port")).containsExactly("mailer");

            assertThat(startsAfterStartUp(context)).containsExactly("mailer");
        });
    }

    @Test
    void keysNoServiceReadsRestartNothing() {
        runner.run(context -> {
            assertThat(restartFor(context, "server.port", "dbx.url", "d")).isEmpty();

            assertThat(startsAfterStartUp(context)).isEmpty();
        });
    }

    @Test
    void keysInTheFormsSpringBootBindsMatch() {
        runner.run(context -> {
            assertThat(restartFor(context, "DB_POOL_SIZE")).containsExactly("database");
            assertThat(restartFor(context, "db.poolSize")).containsExactly("database");
            assertThat(restartFor(context, "db")).containsExactly("database");
        });
    }

    @Test
    void aServiceReadingSeveralChangedKeysRestartsOnce() {
        runner.run(context -> {
            change(context, Map.of("db.url", "jdbc:h2:mem:c", "db.pool-size", "8"));

            assertThat(restartFor(context, "db.url", "db.pool-size", "cache.ttl")).containsExactlyInAnyOrder(
                    "database", "cache");

            assertThat(startsAfterStartUp(context)).containsExactly("database jdbc:h2:mem:c", "cache");
            assertThat(context.getBean(DbProperties.class).getPoolSize()).isEqualTo(8);
        });
    }

    @Test
    void propertiesBoundThroughTheirConstructorCannotChangeAndAWarningSaysSo(CapturedOutput output) {
        runner.withUserConfiguration(RecordServices.class).withPropertyValues("queue.name=orders").run(context -> {
            change(context, Map.of("queue.name", "invoices"));

            assertThat(restartFor(context, "queue.name")).containsExactly("consumer");

            assertThat(starts(context)).endsWith("consumer orders");
            assertThat(output).contains("is bound through its constructor and cannot be bound again",
                    "Give it setters");
        });
    }

    @Test
    void nullKeysAreRefusedWithTheirName() {
        runner.run(context -> assertThatNullPointerException()
                .isThrownBy(() -> context.getBean(ConfigurationRestarts.class).restartFor(null))
                .withMessage("ConfigurationRestarts.restartFor(changedKeys): changedKeys is null"));
    }

    @Test
    void anInvalidPrefixInTheAnnotationFailsStartUpNamingTheBean() {
        runner.withUserConfiguration(InvalidPrefix.class).run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("@LifecycleService(restartOnChange) of bean 'broken' names an "
                        + "invalid configuration key prefix: 'Db Settings' is not a property name"));
    }

    @Test
    void anInvalidPrefixInThePropertyFailsTheBindingNamingIt() {
        runner.withPropertyValues("lifecycle.services.mailer.restart-on-change=.").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("restartOnChange")
                        .hasMessageContaining("an empty prefix would match every key"));
    }

    @Test
    void springCloudsEnvironmentChangeEventRestartsTheServicesThatReadItsKeys() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(EnvironmentChangeRestarts.class);
            change(context, Map.of("db.url", "jdbc:h2:mem:d"));

            context.publishEvent(new EnvironmentChangeEvent(context, Set.of("db.url", "unrelated.key")));
            context.getBean(ServiceRegistry.class).settled().get(10, TimeUnit.SECONDS);

            assertThat(startsAfterStartUp(context)).containsExactly("database jdbc:h2:mem:d", "cache");
        });
    }

    @Test
    void withoutSpringCloudThereIsNoEventListenerButTheApiWorks() {
        runner.withClassLoader(new FilteredClassLoader(EnvironmentChangeEvent.class)).run(context -> {
            assertThat(context).doesNotHaveBean(EnvironmentChangeRestarts.class);

            assertThat(restartFor(context, "cache.ttl")).containsExactly("cache");
        });
    }

    static Set<String> restartFor(AssertableApplicationContext context, String... keys) throws Exception {
        return context.getBean(ConfigurationRestarts.class).restartFor(List.of(keys)).get(10, TimeUnit.SECONDS);
    }

    static void change(AssertableApplicationContext context, Map<String, Object> values) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("changed", values));
    }

    @SuppressWarnings("unchecked")
    static List<String> starts(AssertableApplicationContext context) {
        return context.getBean("starts", List.class);
    }

    /** The starts after the first start of the four services, which start in parallel, in no set order. */
    static List<String> startsAfterStartUp(AssertableApplicationContext context) {
        List<String> starts = starts(context);
        assertThat(starts.subList(0, 4)).containsExactlyInAnyOrder("database jdbc:h2:mem:a", "cache", "mailer",
                "heartbeat");
        return starts.subList(4, starts.size());
    }

    @ConfigurationProperties("db")
    static class DbProperties {

        private String url = "";

        private int poolSize;

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public int getPoolSize() {
            return poolSize;
        }

        public void setPoolSize(int poolSize) {
            this.poolSize = poolSize;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DbProperties.class)
    static class Services {

        @Bean
        List<String> starts() {
            return new CopyOnWriteArrayList<>();
        }

        @Bean
        RecordingListener events() {
            return new RecordingListener();
        }

        @Bean
        Service<String> database(DbProperties properties, List<String> starts) {
            return ctx -> {
                starts.add("database " + properties.getUrl());
                return properties.getUrl();
            };
        }

        @Bean
        @LifecycleService(requires = "database", restartOnChange = "cache.")
        Service<String> cache(List<String> starts) {
            return ctx -> {
                starts.add("cache");
                return "cache";
            };
        }

        @Bean
        Service<String> mailer(List<String> starts) {
            return ctx -> {
                starts.add("mailer");
                return "mailer";
            };
        }

        @Bean
        Service<String> heartbeat(List<String> starts) {
            return ctx -> {
                starts.add("heartbeat");
                return "heartbeat";
            };
        }
    }

    @ConfigurationProperties("queue")
    record QueueProperties(String name) {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(QueueProperties.class)
    static class RecordServices {

        @Bean
        Service<String> consumer(QueueProperties properties, List<String> starts) {
            return ctx -> {
                starts.add("consumer " + properties.name());
                return properties.name();
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class InvalidPrefix {

        @Bean
        @LifecycleService(restartOnChange = "Db Settings")
        Service<String> broken() {
            return ctx -> "broken";
        }
    }
}
