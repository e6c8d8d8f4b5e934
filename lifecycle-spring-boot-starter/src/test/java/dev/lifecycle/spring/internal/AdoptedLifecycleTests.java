package dev.lifecycle.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceContext;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.spring.LifecycleService;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration;
import dev.lifecycle.spring.testsupport.Calls;
import dev.lifecycle.spring.testsupport.StartupFailures;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.Lifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.context.support.DefaultLifecycleProcessor;
import org.springframework.test.util.ReflectionTestUtils;

/** Existing lifecycle beans put under the graph: the registry, not Spring, starts, stops and restarts them. */
class AdoptedLifecycleTests {

    // With Spring Boot's own lifecycle processor, which the starter's replaces only where beans are adopted.
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LifecycleAutoConfiguration.class,
                    ServiceRegistryAutoConfiguration.class))
            .withPropertyValues("lifecycle.restart.backoff.initial=10ms", "lifecycle.restart.backoff.max=20ms",
                    "spring.lifecycle.timeout-per-shutdown-phase=7s");

    @Test
    void applicationWithoutAdoptedBeansKeepsSpringBootsLifecycleProcessor() {
        Calls calls = new Calls();
        runner.withBean(Calls.class, () -> calls)
                .withBean("database", Service.class, () -> calls.service("database", "db"))
                .withBean("listener", RecordingLifecycle.class, () -> new RecordingLifecycle(calls, "listener"))
                .withBean("hybrid", HybridService.class, HybridService::new)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Object processor = context.getBean(AbstractApplicationContext.LIFECYCLE_PROCESSOR_BEAN_NAME);

                    assertThat(processor).isExactlyInstanceOf(DefaultLifecycleProcessor.class);
                    assertThat(ReflectionTestUtils.getField(processor, "timeoutPerShutdownPhase"))
                            .as("Spring Boot's spring.lifecycle.timeout-per-shutdown-phase").isEqualTo(7000L);
                    assertThat(context.getBean(ServiceBeans.class).adoptedBeanNames()).isEmpty();
                    assertThat(calls.all()).as("Spring starts the lifecycle bean itself")
                            .containsExactlyInAnyOrder("start:database", "start:listener");
                });
        assertThat(calls.all()).contains("stop:listener", "stop:database");
    }

    @Test
    void adoptionThroughTheAnnotationGetsTheServiceAwareLifecycleProcessor() {
        Calls calls = new Calls();
        runner.withBean(Calls.class, () -> calls).withUserConfiguration(AnnotatedConfiguration.class).run(context -> {
            Object processor = context.getBean(AbstractApplicationContext.LIFECYCLE_PROCESSOR_BEAN_NAME);

            assertThat(processor).isInstanceOf(ServiceAwareLifecycleProcessor.class);
            assertThat(ReflectionTestUtils.getField(processor, "timeoutPerShutdownPhase")).isEqualTo(7000L);
            assertThat(calls.all()).containsExactly("start:database", "start:listener");
        });
        assertThat(calls.all()).containsExactly("start:database", "start:listener", "stop:listener",
                "stop:database");
    }

    @Test
    void adoptionThroughThePropertyGetsTheServiceAwareLifecycleProcessor() {
        Calls calls = new Calls();
        runner.withBean(Calls.class, () -> calls).withUserConfiguration(PropertyConfiguration.class)
                .withPropertyValues("lifecycle.adopt=scheduler").run(context -> {
                    Object processor = context.getBean(AbstractApplicationContext.LIFECYCLE_PROCESSOR_BEAN_NAME);

                    assertThat(processor).isInstanceOf(ServiceAwareLifecycleProcessor.class);
                    assertThat(ReflectionTestUtils.getField(processor, "timeoutPerShutdownPhase")).isEqualTo(7000L);
                    assertThat(calls.all()).containsExactly("start:database", "start:scheduler");
                });
        assertThat(calls.all()).containsExactly("start:database", "start:scheduler", "stop:scheduler",
                "stop:database");
    }

    @Test
    void applicationsOwnLifecycleProcessorWinsOverTheServiceAwareOne() {
        DefaultLifecycleProcessor own = new DefaultLifecycleProcessor();
        runner.withBean(Calls.class, Calls::new).withUserConfiguration(AnnotatedConfiguration.class)
                .withBean(AbstractApplicationContext.LIFECYCLE_PROCESSOR_BEAN_NAME, DefaultLifecycleProcessor.class,
                        () -> own)
                .run(context -> assertThat(context.getBean(AbstractApplicationContext.LIFECYCLE_PROCESSOR_BEAN_NAME))
                        .isSameAs(own));
    }

    @Test
    void annotatedSmartLifecycleStartsAfterWhatItRequiresAndStopsBeforeIt() {
        Calls calls = new Calls();
        runner.withBean(Calls.class, () -> calls).withUserConfiguration(AnnotatedConfiguration.class).run(context -> {
            assertThat(context).hasNotFailed();
            ServiceRegistry registry = context.getBean(ServiceRegistry.class);

            assertThat(calls.all()).containsExactly("start:database", "start:listener");
            assertThat(registry.snapshot("listener").orElseThrow().requires()).containsExactly("database");
            assertThat(registry.snapshot("listener").orElseThrow().key().type()).isEqualTo(Void.class);
        });
        assertThat(calls.all()).containsExactly("start:database", "start:listener", "stop:listener",
                "stop:database");
    }

    @Test
    void failureOfWhatItRequiresStopsAndRestartsTheAdoptedBean() {
        Calls calls = new Calls();
        runner.withBean(Calls.class, () -> calls).withUserConfiguration(AnnotatedConfiguration.class).run(context -> {
            ServiceRegistry registry = context.getBean(ServiceRegistry.class);
            RecordingLifecycle listener = context.getBean("listener", RecordingLifecycle.class);

            registry.fail("database", new IllegalStateException("connection reset")).join();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> registry.snapshot("listener").orElseThrow().state() == ServiceState.RUNNING);

            assertThat(calls.all()).containsExactly("start:database", "start:listener", "stop:listener",
                    "stop:database", "start:database", "start:listener");
            assertThat(listener.isRunning()).isTrue();
        });
    }

    @Test
    void springDoesNotStartAnAdoptedBeanWhoseRequirementIsDown() {
        Calls calls = new Calls();
        runner.withBean(Calls.class, () -> calls).withUserConfiguration(FailingConfiguration.class)
                .withPropertyValues("lifecycle.services.database.restart.enabled=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ServiceRegistry registry = context.getBean(ServiceRegistry.class);

                    assertThat(registry.snapshot("listener").orElseThrow().state()).isEqualTo(ServiceState.WAITING);
                    assertThat(context.getBean("listener", RecordingLifecycle.class).isRunning()).isFalse();
                    assertThat(calls.all()).containsExactly("start:database");
                });
    }

    @Test
    void lifecycleBeanAdoptedByPropertyRequiresTheServicesItDependsOn() {
        Calls calls = new Calls();
        runner.withBean(Calls.class, () -> calls).withUserConfiguration(PropertyConfiguration.class)
                .withPropertyValues("lifecycle.adopt=scheduler").run(context -> {
                    ServiceRegistry registry = context.getBean(ServiceRegistry.class);
                    PlainLifecycle scheduler = context.getBean(PlainLifecycle.class);

                    assertThat(registry.snapshot("scheduler").orElseThrow().requires()).containsExactly("database");
                    registry.fail("database", new IllegalStateException("connection reset")).join();
                    await().atMost(Duration.ofSeconds(10))
                            .until(() -> registry.snapshot("scheduler").orElseThrow().state() == ServiceState.RUNNING);

                    assertThat(calls.all()).containsExactly("start:database", "start:scheduler", "stop:scheduler",
                            "stop:database", "start:database", "start:scheduler");
                    assertThat(scheduler.isRunning()).isTrue();
                });
    }

    @Test
    void onlyAnnotatedLifecycleBeansThatAreNotServicesAreAdopted() {
        Calls calls = new Calls();
        runner.withBean(Calls.class, () -> calls).withUserConfiguration(AnnotatedConfiguration.class)
                .withBean("scheduler", PlainLifecycle.class, () -> new PlainLifecycle(calls))
                .withBean("hybrid", HybridService.class, HybridService::new)
                .run(context -> {
                    assertThat(context).hasNotFailed();

                    assertThat(context.getBean(ServiceBeans.class).adoptedBeanNames()).containsExactly("listener");
                    assertThat(context.getBean(ServiceRegistry.class).snapshot("hybrid").orElseThrow().key().type())
                            .as("a service, not an adopted bean").isEqualTo(String.class);
                });
    }

    @Test
    void adoptingAMissingBeanFailsStartUp() {
        runner.withPropertyValues("lifecycle.adopt=kafkaListenerContainer").run(context -> {
            assertThat(context).hasFailed();

            assertThat(StartupFailures.of(context)).hasMessage(
                    "lifecycle.adopt names bean 'kafkaListenerContainer', but there is no such bean.");
        });
    }

    @Test
    void adoptingABeanThatIsNotALifecycleFailsStartUp() {
        runner.withBean("clock", java.time.Clock.class, java.time.Clock::systemUTC)
                .withPropertyValues("lifecycle.adopt=clock").run(context -> {
                    assertThat(context).hasFailed();

                    assertThat(StartupFailures.of(context)).hasMessageStartingWith(
                            "Bean 'clock' cannot be adopted as a service: it is a class java.time.");
                });
    }

    /** A SmartLifecycle bean such as a message listener container; auto-startup as they usually are. */
    static class RecordingLifecycle implements SmartLifecycle {

        private final Calls calls;
        private final String name;
        private final AtomicBoolean running = new AtomicBoolean();

        RecordingLifecycle(Calls calls, String name) {
            this.calls = calls;
            this.name = name;
        }

        @Override
        public void start() {
            calls.add("start:" + name);
            running.set(true);
        }

        @Override
        public void stop() {
            throw new UnsupportedOperationException("stop(Runnable) is the one to call");
        }

        @Override
        public void stop(Runnable callback) {
            calls.add("stop:" + name);
            running.set(false);
            new Thread(callback).start();
        }

        @Override
        public boolean isRunning() {
            return running.get();
        }
    }

    /** A plain Lifecycle bean. */
    static class PlainLifecycle implements Lifecycle {

        private final Calls calls;
        private volatile boolean running;

        PlainLifecycle(Calls calls) {
            this.calls = calls;
        }

        @Override
        public void start() {
            calls.add("start:scheduler");
            running = true;
        }

        @Override
        public void stop() {
            calls.add("stop:scheduler");
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }

    /** Both a service and a lifecycle bean: it stays a service. */
    @LifecycleService
    static class HybridService implements Service<String>, Lifecycle {

        private volatile boolean running;

        @Override
        public String start(ServiceContext context) {
            return "hybrid";
        }

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class AnnotatedConfiguration {

        @Bean
        Service<String> database(Calls calls) {
            return calls.service("database", "db");
        }

        @Bean
        @LifecycleService(requires = "database")
        RecordingLifecycle listener(Calls calls) {
            return new RecordingLifecycle(calls, "listener");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class FailingConfiguration {

        @Bean
        Service<String> database(Calls calls) {
            return ctx -> {
                calls.add("start:database");
                throw new IllegalStateException("connection refused");
            };
        }

        @Bean
        @LifecycleService(requires = "database")
        RecordingLifecycle listener(Calls calls) {
            return new RecordingLifecycle(calls, "listener");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class PropertyConfiguration {

        @Bean
        Service<String> database(Calls calls) {
            return calls.service("database", "db");
        }

        @Bean
        @DependsOn("database")
        PlainLifecycle scheduler(Calls calls) {
            return new PlainLifecycle(calls);
        }
    }
}
