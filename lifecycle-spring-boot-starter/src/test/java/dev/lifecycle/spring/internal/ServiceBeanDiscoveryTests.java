package dev.lifecycle.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.lifecycle.spring.ServiceStartupException;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration;
import dev.lifecycle.spring.testsupport.StartupFailures;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.ResolvableType;

/**
 * How the service beans are found and read, in the cases where a bean is not simply its own singleton of a plain
 * class: beans made by a factory bean, lazy beans, beans of one generic class with different declared types,
 * requirements declared more than once, and the services the registry refuses to install.
 */
class ServiceBeanDiscoveryTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ServiceRegistryAutoConfiguration.class));

    @Test
    void aServiceMadeByAFactoryBeanIsItsProductWithTheProductsValueType() {
        runner.withUserConfiguration(FactoryBeanConfiguration.class).run(context -> {
            assertThat(context).hasNotFailed();
            ServiceRegistry registry = context.getBean(ServiceRegistry.class);

            assertThat(registry.snapshot()).extracting(ServiceSnapshot::id).containsExactly("greeting");
            assertThat(registry.get(ServiceKey.of("greeting", String.class))).isEqualTo("hello");
        });
    }

    @Test
    void aLazyServiceBeanIsCreatedAndStartedWithTheOthers() {
        runner.withUserConfiguration(LazyConfiguration.class).run(context -> {
            assertThat(context).hasNotFailed();
            ServiceRegistry registry = context.getBean(ServiceRegistry.class);

            assertThat(registry.snapshot()).extracting(ServiceSnapshot::id).containsExactly("config", "cache");
            assertThat(registry.snapshot()).extracting(ServiceSnapshot::state).containsOnly(ServiceState.RUNNING);
            assertThat(registry.get(ServiceKey.of("cache", String.class))).isEqualTo("cache of config");
        });
    }

    @Test
    void beansOfOneGenericClassKeepTheValueTypeOfTheirOwnDeclaredType() {
        runner.withInitializer(context -> {
            GenericApplicationContext generic = (GenericApplicationContext) context;
            generic.registerBeanDefinition("name", holder(String.class, "app"));
            generic.registerBeanDefinition("port", holder(Integer.class, 8080));
        }).run(context -> {
            assertThat(context).hasNotFailed();
            ServiceRegistry registry = context.getBean(ServiceRegistry.class);

            assertThat(registry.snapshot("name").orElseThrow().key().type()).isEqualTo(String.class);
            assertThat(registry.snapshot("port").orElseThrow().key().type()).isEqualTo(Integer.class);
            assertThat(registry.get(ServiceKey.of("port", Integer.class))).isEqualTo(8080);
        });
    }

    @Test
    void aServiceRequiredByAnnotationsAndDependsOnAlikeIsRequiredOnceInDeclarationOrder() {
        runner.withUserConfiguration(RepeatedRequirementsConfiguration.class).run(context -> {
            assertThat(context).hasNotFailed();
            ServiceRegistry registry = context.getBean(ServiceRegistry.class);

            assertThat(registry.snapshot("web").orElseThrow().requires()).containsExactly("database", "config",
                    "cache");
        });
    }

    @Test
    void aServiceWhoseInitFailsIsNamedWithItsBeanAndNothingStarts() {
        runner.withUserConfiguration(FailingInitConfiguration.class).run(context -> {
            assertThat(context).hasFailed();
            ServiceStartupException failure = StartupFailures.of(context);

            assertThat(failure.getDescription()).isEqualTo("Service 'broken' (bean 'broken') cannot be installed: "
                    + "Init of service 'broken' failed: java.lang.IllegalStateException: no settings; nothing was "
                    + "installed");
            assertThat(failure.getAction()).isEqualTo("Fix the init() method of bean 'broken'.");
        });
    }

    @Test
    void aRequirementOfAnotherTypeNamesTheServiceThatCannotBeInstalled() {
        runner.withUserConfiguration(TypeClashConfiguration.class).run(context -> {
            assertThat(context).hasFailed();
            ServiceStartupException failure = StartupFailures.of(context);

            assertThat(failure.getDescription()).isEqualTo("Service 'server' (bean 'server') cannot be installed: "
                    + "Service 'server' requires 'port' as java.lang.String, but 'port' is installed with type "
                    + "java.lang.Integer");
        });
    }

    private static <T> RootBeanDefinition holder(Class<T> type, T value) {
        RootBeanDefinition definition = new RootBeanDefinition(Holder.class);
        definition.setTargetType(ResolvableType.forClassWithGenerics(Holder.class, type));
        definition.setInstanceSupplier(() -> new Holder<>(value));
        return definition;
    }

    /** A service of a generic class: its value type comes from the declared type of its bean. */
    static final class Holder<T> implements Service<T> {

        private final T value;

        Holder(T value) {
            this.value = value;
        }

        @Override
        public T start(ServiceContext context) {
            return value;
        }
    }

    /** A service whose value type its class tells. */
    static final class Greeting implements Service<String> {

        @Override
        public String start(ServiceContext context) {
            return "hello";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class FactoryBeanConfiguration {

        @Bean
        FactoryBean<Greeting> greeting() {
            return new FactoryBean<>() {
                @Override
                public Greeting getObject() {
                    return new Greeting();
                }

                @Override
                public Class<?> getObjectType() {
                    return Greeting.class;
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class LazyConfiguration {

        @Bean
        Service<String> config() {
            return ctx -> "config";
        }

        @Bean
        @Lazy
        Service<String> cache(@RequiresService("config") ServiceHandle<String> config) {
            return ctx -> "cache of " + config.get();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class RepeatedRequirementsConfiguration {

        @Bean
        Service<String> config() {
            return ctx -> "config";
        }

        @Bean
        Service<String> database() {
            return ctx -> "database";
        }

        @Bean
        Service<String> cache() {
            return ctx -> "cache";
        }

        @Bean
        @LifecycleService(requires = { "database", "config", "database" })
        @RequiresService("config")
        @DependsOn({ "cache", "database" })
        Service<String> web() {
            return ctx -> "web";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class FailingInitConfiguration {

        @Bean
        Service<String> config() {
            return ctx -> "config";
        }

        @Bean
        Service<String> broken() {
            return new Service<>() {
                @Override
                public void init(ServiceInit init) {
                    throw new IllegalStateException("no settings");
                }

                @Override
                public @Nullable String start(ServiceContext context) {
                    return "broken";
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TypeClashConfiguration {

        @Bean
        Service<Integer> port() {
            return ctx -> 8080;
        }

        @Bean
        Service<String> server(@RequiresService("port") ServiceHandle<String> port) {
            return ctx -> "server on " + port.get();
        }
    }
}
