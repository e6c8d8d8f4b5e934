package dev.lifecycle.test.spring;

import static dev.lifecycle.test.assertj.LifecycleAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryCustomizer;
import dev.lifecycle.test.Faults;
import dev.lifecycle.test.ManualTime;
import dev.lifecycle.test.TestLifecycle;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The test auto-configuration with {@code ApplicationContextRunner}: the application's registry on manual time. */
class LifecycleTestAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ServiceRegistryAutoConfiguration.class,
                    LifecycleTestAutoConfiguration.class))
            .withUserConfiguration(Services.class);

    @Configuration(proxyBeanMethods = false)
    static class Services {

        static final List<String> threads = new CopyOnWriteArrayList<>();

        @Bean
        Service<String> db() {
            return ctx -> {
                threads.add(Thread.currentThread().getName());
                return "db";
            };
        }

        /** The application's own clock: the test's time wins over it. */
        @Bean
        ServiceRegistryCustomizer applicationClock() {
            return builder -> builder.clock(Clock.systemUTC());
        }
    }

    @Test
    void theRegistryRunsOnManualTimeWithItsServicesOnTheCallingThreadAndIsAttached() {
        Services.threads.clear();
        runner.run(context -> {
            ServiceRegistry registry = context.getBean(ServiceRegistry.class);
            TestLifecycle lifecycle = context.getBean(TestLifecycle.class);
            assertThat(context).hasSingleBean(ManualTime.class).hasSingleBean(Faults.class);
            assertThat(context.getBean(ManualTime.class)).isSameAs(lifecycle.time());

            assertThat(registry).service("db").isRunning();
            assertThat(Services.threads).containsOnly(Thread.currentThread().getName());
            assertThat(registry.snapshot("db").orElseThrow().since()).isEqualTo(ManualTime.DEFAULT_START);
            assertThat(TestLifecycle.recorderOf(registry)).isSameAs(lifecycle.events());
            assertThat(registry).service("db").transitions().containsExactly("INSTALLED->STARTING",
                    "STARTING->RUNNING");
        });
    }

    @Test
    void faultsAndTimeDriveTheApplicationsServices() {
        runner.withPropertyValues("lifecycle.restart.backoff.initial=2s").run(context -> {
            ServiceRegistry registry = context.getBean(ServiceRegistry.class);
            TestLifecycle lifecycle = context.getBean(TestLifecycle.class);
            lifecycle.faults().failNextStart("db", new IOException("refused"));

            registry.restart("db");
            assertThat(registry).service("db").isFailed().hasRestartScheduled();
            lifecycle.advance(Duration.ofMillis(1999));
            assertThat(registry).service("db").isFailed();
            lifecycle.advance(Duration.ofMillis(1));

            assertThat(registry).service("db").isRunning().hasRestarted(2);
        });
    }
}
