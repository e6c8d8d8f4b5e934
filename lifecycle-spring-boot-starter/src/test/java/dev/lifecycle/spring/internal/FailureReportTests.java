package dev.lifecycle.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceHandle;
import dev.lifecycle.spring.LifecycleService;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * What a user sees when the application fails to start because of a mistake the starter can explain: Spring Boot's
 * "APPLICATION FAILED TO START" report, as {@link SpringApplication} prints it, for a cycle of {@code @DependsOn}, a
 * {@link ServiceHandle} injected while there is no service registry, and back-off settings that contradict each
 * other.
 */
@ExtendWith(OutputCaptureExtension.class)
class FailureReportTests {

    private static final String BOOT_MISSING_BEAN_ANALYZER =
            "org.springframework.boot.autoconfigure.diagnostics.analyzer.NoSuchBeanDefinitionFailureAnalyzer";

    @Test
    void dependsOnCycleOfServicesIsReportedWithTheWholePathAndHowToBreakIt(CapturedOutput output) {
        String report = report(output, DependsOnCycleApplication.class);

        assertThat(report).contains("""
                Description:

                Services require each other in a cycle of @DependsOn: 'b' (bean 'b') -> 'a' (bean 'a') -> \
                'b' (bean 'b').

                Action:

                Break the cycle: remove one of these @DependsOn declarations, so that each requirement goes one way \
                only""");
        assertThat(report).doesNotContain("Circular depends-on relationship");
    }

    @Test
    void dependsOnCycleThroughAPlainBeanNamesTheServicesAsServicesAndTheBeanAsABean(CapturedOutput output) {
        String report = report(output, MixedDependsOnCycleApplication.class);

        assertThat(report).contains("""
                Beans depend on each other in a cycle of @DependsOn: service 'beta:eu' (bean 'betaService') -> \
                service 'alpha' (bean 'alpha') -> bean 'cache' -> service 'beta:eu' (bean 'betaService').""");
        assertThat(report).contains("Break the cycle: remove one of these @DependsOn declarations (or depends-on "
                + "attributes of their bean definitions)");
    }

    @Test
    void serviceHandleWithTheRegistryTurnedOffSaysSoAndWhereItWasTurnedOff(CapturedOutput output) {
        String report = report(output, HandleApplication.class,
                "--spring.config.additional-location=classpath:failure-report/registry-off.properties");

        assertThat(report).contains("""
                Parameter 0 of method consumer in %s required a dev.lifecycle.core.ServiceHandle, which only the \
                service registry provides, but there is no service registry: it is turned off by \
                lifecycle.enabled=false (origin: class path resource [failure-report/registry-off.properties] \
                - 2:19).

                Action:

                Remove lifecycle.enabled=false (or set it to true) so that the service registry runs, or stop \
                injecting ServiceHandle into beans that must work without the registry (leave them out as well when \
                it is off, for example with @ConditionalOnBooleanProperty(name = "lifecycle.enabled", \
                matchIfMissing = true) on them).""".formatted(HandleApplication.class.getName()));
        assertThat(report).doesNotContain("that could not be found");
    }

    @Test
    void serviceHandleWithTheRegistrysAutoConfigurationExcludedSaysItIsExcluded(CapturedOutput output) {
        String report = report(output, ExcludedRegistryApplication.class);

        assertThat(report).contains("but there is no service registry: its auto-configuration, "
                + "dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration, is excluded "
                + "(spring.autoconfigure.exclude, or the exclude attribute of @SpringBootApplication or "
                + "@EnableAutoConfiguration).");
        assertThat(report).contains("Remove ServiceRegistryAutoConfiguration from the excluded auto-configurations "
                + "so that the service registry runs, or stop injecting ServiceHandle");
    }

    @Test
    void serviceHandleWithoutAutoConfigurationSaysTheRegistryDidNotRun(CapturedOutput output) {
        String report = report(output, NoAutoConfigurationApplication.class);

        assertThat(report).contains("but there is no service registry: its auto-configuration, "
                + "dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration, did not run: "
                + "auto-configuration is not enabled in this application (no @SpringBootApplication or "
                + "@EnableAutoConfiguration).");
        assertThat(report).contains("Enable auto-configuration (@SpringBootApplication or @EnableAutoConfiguration, "
                + "or @ImportAutoConfiguration(ServiceRegistryAutoConfiguration.class))");
    }

    @Test
    void serviceHandleWithAutoConfigurationTurnedOffSaysWhichPropertyTurnedItOff(CapturedOutput output) {
        String report = report(output, AutoConfiguredHandleApplication.class,
                "--spring.boot.enableautoconfiguration=false");

        assertThat(report).contains("but there is no service registry: auto-configuration, the registry's included, "
                + "is turned off by spring.boot.enableautoconfiguration=false (origin: "
                + "\"spring.boot.enableautoconfiguration\" from property source \"commandLineArgs\").");
    }

    @Test
    void initialBackoffAboveTheDefaultMaximumIsReportedOnTheInitialBackoffWithTheLimitItBroke(
            CapturedOutput output) {
        String report = report(output, RegistryApplication.class, "--lifecycle.restart.backoff.initial=45s");

        assertThat(report).contains("""
                    Property: lifecycle.restart.backoff.initial
                    Value: "PT45S"
                    Reason: lifecycle.restart.backoff.initial (45s) must not exceed lifecycle.restart.backoff.max \
                (30s, the default); raise lifecycle.restart.backoff.max too""");
        assertThat(report).doesNotContain("Property: lifecycle.restart.backoff.max");
    }

    @Test
    void serviceInitialBackoffAboveTheMaximumOfEveryServiceIsReportedOnTheServicesSetting(CapturedOutput output) {
        String report = report(output, RegistryApplication.class, "--lifecycle.restart.backoff.max=20s",
                "--lifecycle.services.database.restart.backoff.initial=45s");

        assertThat(report).contains("""
                    Property: lifecycle.services[database].restart.backoff.initial
                    Value: "PT45S"
                    Reason: lifecycle.services[database].restart.backoff.initial (45s) must not exceed \
                lifecycle.restart.backoff.max (20s, the setting of every service); raise \
                lifecycle.services[database].restart.backoff.max too""");
    }

    @Test
    void failureAnalyzersAreRegisteredAndTheHandleOneComesBeforeSpringBootsMissingBeanAnalysis() {
        Environment environment = new StandardEnvironment();
        List<String> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
                .load(FailureAnalyzer.class, SpringFactoriesLoader.ArgumentResolver
                        .of(BeanFactory.class, new DefaultListableBeanFactory())
                        .and(Environment.class, environment), SpringFactoriesLoader.FailureHandler.handleMessage(
                                (message, failure) -> {
                                    // Analyzers this test cannot construct do not matter here.
                                }))
                .stream().map(analyzer -> analyzer.getClass().getName()).toList();

        assertThat(analyzers).contains(ServiceStartupFailureAnalyzer.class.getName(),
                DependsOnCycleFailureAnalyzer.class.getName());
        assertThat(analyzers.indexOf(MissingServiceHandleFailureAnalyzer.class.getName())).isNotNegative()
                .isLessThan(analyzers.indexOf(BOOT_MISSING_BEAN_ANALYZER));
    }

    /** Runs {@code application} with {@code args}, expects it to fail, and returns Spring Boot's report. */
    private static String report(CapturedOutput output, Class<?> application, String... args) {
        SpringApplication spring = new SpringApplication(application);
        spring.setWebApplicationType(WebApplicationType.NONE);
        spring.setBannerMode(Banner.Mode.OFF);
        spring.setRegisterShutdownHook(false);

        assertThatException().isThrownBy(() -> spring.run(args));

        String all = output.getAll();
        int start = all.indexOf("APPLICATION FAILED TO START");
        assertThat(start).as("Spring Boot's failure report in:%n%s", all).isNotNegative();
        return all.substring(start);
    }

    /** Two services that each declare {@code @DependsOn} the other. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(ServiceRegistryAutoConfiguration.class)
    static class DependsOnCycleApplication {

        @Bean
        @DependsOn("b")
        Service<String> a() {
            return context -> "a";
        }

        @Bean
        @DependsOn("a")
        Service<String> b() {
            return context -> "b";
        }
    }

    /** Two services and a plain bean between them in a cycle; one service has a name and qualifier of its own. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(ServiceRegistryAutoConfiguration.class)
    static class MixedDependsOnCycleApplication {

        @Bean
        @DependsOn("cache")
        Service<String> alpha() {
            return context -> "alpha";
        }

        @Bean
        @DependsOn("betaService")
        Object cache() {
            return new Object();
        }

        @Bean
        @DependsOn("alpha")
        @LifecycleService(name = "beta", qualifier = "eu")
        Service<String> betaService() {
            return context -> "beta";
        }
    }

    /** The registry's auto-configuration and a bean that injects a handle. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(ServiceRegistryAutoConfiguration.class)
    static class HandleApplication {

        @Bean
        Object consumer(ServiceHandle<String> config) {
            return config;
        }
    }

    /** Auto-configuration without the registry's, and a bean that injects a handle. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration(exclude = ServiceRegistryAutoConfiguration.class)
    static class ExcludedRegistryApplication {

        @Bean
        Object consumer(ServiceHandle<String> config) {
            return config;
        }
    }

    /** Auto-configuration, and a bean that injects a handle. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class AutoConfiguredHandleApplication {

        @Bean
        Object consumer(ServiceHandle<String> config) {
            return config;
        }
    }

    /** No auto-configuration at all, and a bean that injects a handle. */
    @Configuration(proxyBeanMethods = false)
    static class NoAutoConfigurationApplication {

        @Bean
        Object consumer(ServiceHandle<String> config) {
            return config;
        }
    }

    /** The registry's auto-configuration alone. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(ServiceRegistryAutoConfiguration.class)
    static class RegistryApplication {
    }
}
