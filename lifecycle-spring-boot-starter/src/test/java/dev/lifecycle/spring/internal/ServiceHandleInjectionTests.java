package dev.lifecycle.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceContext;
import dev.lifecycle.core.ServiceHandle;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.spring.LifecycleService;
import dev.lifecycle.spring.RequiresService;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ContextAnnotationAutowireCandidateResolver;

/**
 * How {@link ServiceHandle}s are injected: by a prototype bean taking the injection point, through Spring's own
 * autowire candidate resolver; and how a service bean given one comes to require its service.
 */
class ServiceHandleInjectionTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ServiceRegistryAutoConfiguration.class))
            .withUserConfiguration(ConfigConfiguration.class);

    @Test
    void autowireCandidateResolverIsSpringsOwnInAnApplicationWithHandles() {
        runner.withBean("repository", RepositoryService.class).run(context -> {
            assertThat(context).hasNotFailed();

            assertThat(resolverOf(context.getBeanFactory()))
                    .isExactlyInstanceOf(ContextAnnotationAutowireCandidateResolver.class);
        });
    }

    @Test
    void autowireCandidateResolverIsSpringsOwnInAnApplicationWithoutHandles() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();

            assertThat(resolverOf(context.getBeanFactory()))
                    .isExactlyInstanceOf(ContextAnnotationAutowireCandidateResolver.class);
        });
    }

    @Test
    void constructorHandleIsNamedByItsParameterAndMakesTheServiceBeanRequireIt() {
        runner.withBean("repository", RepositoryService.class).run(context -> {
            ServiceRegistry registry = context.getBean(ServiceRegistry.class);

            assertThat(registry.snapshot("repository").orElseThrow().requires()).containsExactly("config");
            assertThat(registry.get(ServiceKey.of("repository", String.class))).isEqualTo("repository of jdbc:test/app");
        });
    }

    @Test
    void constructorHandleAnnotatedWithRequiresServiceNamesTheServiceAndItsQualifier() {
        runner.withUserConfiguration(ClientsConfiguration.class).withBean("router", RouterService.class)
                .run(context -> {
                    ServiceRegistry registry = context.getBean(ServiceRegistry.class);

                    assertThat(registry.snapshot("router").orElseThrow().requires()).containsExactly("client:eu");
                    assertThat(registry.get(ServiceKey.of("router", String.class))).isEqualTo("routes to eu");
                });
    }

    @Test
    void objectProviderOfAHandleGivesTheHandleOfTheServiceItsParameterNames() {
        runner.withUserConfiguration(ProviderConfiguration.class).run(context -> {
            ServiceRegistry registry = context.getBean(ServiceRegistry.class);

            assertThat(registry.snapshot("database").orElseThrow().requires()).containsExactly("config");
            assertThat(registry.get(ServiceKey.of("database", String.class))).isEqualTo("database at jdbc:test/app");
        });
    }

    @Test
    void beanThatIsNoServiceMayInjectAHandle() {
        runner.withBean("controller", Controller.class).run(context -> {
            assertThat(context).hasNotFailed();

            assertThat(context.getBean(Controller.class).config.get()).isEqualTo("jdbc:test/app");
            assertThat(context.getBean(ServiceRegistry.class).snapshot()).extracting(s -> s.id())
                    .containsExactly("config");
        });
    }

    @Test
    void serviceMadeByAFactoryMethodDoesNotRequireTheHandlesOfItsClassesConstructor() {
        runner.withBean("repository", RepositoryService.class).withUserConfiguration(SecondRepositoryConfiguration.class)
                .run(context -> {
                    ServiceRegistry registry = context.getBean(ServiceRegistry.class);

                    assertThat(registry.snapshot("repository").orElseThrow().requires()).containsExactly("config");
                    assertThat(registry.snapshot("archive").orElseThrow().requires()).isEmpty();
                });
    }

    @Test
    void applicationsOwnServiceHandleBeanIsInjectedWhereItsTypeMatches() {
        runner.withUserConfiguration(OwnHandleConfiguration.class).run(context -> {
            ServiceRegistry registry = context.getBean(ServiceRegistry.class);

            assertThat(registry.get(ServiceKey.of("report", String.class))).isEqualTo("42 at jdbc:test/app");
            assertThat(registry.snapshot("report").orElseThrow().requires()).as("the starter's handle only")
                    .containsExactly("config");
        });
    }

    @Test
    void handleNamingAnInvalidServiceFailsStartUpNamingTheInjectionPoint() {
        runner.withUserConfiguration(InvalidNameConfiguration.class).run(context -> {
            assertThat(context).hasFailed();

            assertThat(causeOf(context.getStartupFailure(), IllegalStateException.class)).hasMessage(
                    "The ServiceHandle parameter 0 of method 'broken' of " + InvalidNameConfiguration.class.getName()
                            + " names an invalid service: Invalid service name 'bad name': it must not contain ':' or "
                            + "whitespace (use the qualifier to tell instances apart)");
        });
    }

    @Test
    void collectionOfHandlesFailsStartUpSayingToInjectOnePerService() {
        runner.withUserConfiguration(CollectionConfiguration.class).run(context -> {
            assertThat(context).hasFailed();

            assertThat(causeOf(context.getStartupFailure(), IllegalStateException.class)).hasMessage(
                    "The parameter 0 of method 'all' of " + CollectionConfiguration.class.getName()
                            + " asks for several ServiceHandles (java.util.List<dev.lifecycle.core.ServiceHandle<"
                            + "java.lang.String>>): inject one ServiceHandle<T> per service, named by "
                            + "@RequiresService(\"name\") or by its parameter or field name");
        });
    }

    @Test
    void handleInjectionFailsAsAMissingServiceHandleBeanWhenTheStarterIsDisabled() {
        runner.withPropertyValues("lifecycle.enabled=false").withBean("repository", RepositoryService.class)
                .run(context -> {
                    assertThat(context).hasFailed();

                    assertThat(context.getStartupFailure()).rootCause()
                            .isInstanceOfSatisfying(NoSuchBeanDefinitionException.class, ex ->
                                    assertThat(ex.getBeanType()).isEqualTo(ServiceHandle.class));
                });
    }

    private static Throwable causeOf(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        throw new AssertionError("No " + type.getName() + " behind " + failure, failure);
    }

    private static Object resolverOf(Object beanFactory) {
        return ((DefaultListableBeanFactory) beanFactory).getAutowireCandidateResolver();
    }

    /** A service reading another one through a constructor handle named by its parameter. */
    static class RepositoryService implements Service<String> {

        private final ServiceHandle<String> config;

        RepositoryService(ServiceHandle<String> config) {
            this.config = config;
        }

        @Override
        public String start(ServiceContext context) {
            return "repository of " + config.get();
        }
    }

    /** A service reading a qualified service through a constructor handle named by {@code @RequiresService}. */
    static class RouterService implements Service<String> {

        private final ServiceHandle<String> client;

        RouterService(@RequiresService(value = "client", qualifier = "eu") ServiceHandle<String> client) {
            this.client = client;
        }

        @Override
        public String start(ServiceContext context) {
            return "routes to " + client.get();
        }
    }

    /** A bean that is no service, with a handle. */
    static class Controller {

        final ServiceHandle<String> config;

        Controller(ServiceHandle<String> config) {
            this.config = config;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ConfigConfiguration {

        @Bean
        Service<String> config() {
            return ctx -> "jdbc:test/app";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ClientsConfiguration {

        @Bean
        @LifecycleService(name = "client", qualifier = "eu")
        Service<String> euClient() {
            return ctx -> "eu";
        }

        @Bean
        @LifecycleService(name = "client", qualifier = "us")
        Service<String> usClient() {
            return ctx -> "us";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ProviderConfiguration {

        @Bean
        Service<String> database(ObjectProvider<ServiceHandle<String>> config) {
            ServiceHandle<String> handle = config.getObject();
            return ctx -> "database at " + handle.get();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class SecondRepositoryConfiguration {

        @Bean
        Service<String> other() {
            return ctx -> "other";
        }

        /** The same class as the "repository" bean, made by hand with a handle of the registry's. */
        @Bean
        RepositoryService archive(ServiceRegistry registry) {
            return new RepositoryService(registry.handle(ServiceKey.of("other", String.class)));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnHandleConfiguration {

        @Bean
        Service<Integer> answer() {
            return ctx -> 42;
        }

        @Bean
        ServiceHandle<Integer> answerHandle(ServiceRegistry registry) {
            return registry.handle(ServiceKey.of("answer", Integer.class));
        }

        @Bean
        Service<String> report(ServiceHandle<Integer> anyName, ServiceHandle<String> config) {
            return ctx -> anyName.await().join() + " at " + config.get();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CollectionConfiguration {

        @Bean
        Service<String> all(List<ServiceHandle<String>> handles) {
            return ctx -> "never";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class InvalidNameConfiguration {

        @Bean
        Service<String> broken(@RequiresService("bad name") ServiceHandle<String> handle) {
            return ctx -> "never";
        }
    }
}
