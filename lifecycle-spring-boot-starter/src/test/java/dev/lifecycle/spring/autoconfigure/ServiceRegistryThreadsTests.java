package dev.lifecycle.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lifecycle.core.Service;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The threads that run the services' code follow Spring Boot's {@code spring.threads.virtual.enabled}, as Boot's own
 * executors do: virtual threads only when it is set and the JVM has them (Java 21+), platform threads otherwise; an
 * application's {@code lifecycleExecutor} bean wins. The scenarios that need virtual threads are skipped on Java 17:
 * run this class with a JDK 21+ {@code JAVA_HOME} to cover them.
 */
class ServiceRegistryThreadsTests {

    private final AtomicReference<Thread> startedOn = new AtomicReference<>();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ServiceRegistryAutoConfiguration.class))
            .withBean("probe", Service.class, () -> ctx -> {
                startedOn.set(Thread.currentThread());
                return "started";
            });

    @Test
    void servicesRunOnPlatformThreadsWhenVirtualThreadsAreDisabled() {
        runner.withPropertyValues("spring.threads.virtual.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            Thread thread = startedOn.get();

            assertThat(isVirtual(thread)).isFalse();
            assertThat(thread.isDaemon()).isTrue();
            assertThat(thread.getName()).startsWith("lifecycle-worker-");
        });
    }

    @Test
    void servicesRunOnPlatformThreadsWhenTheVirtualThreadsPropertyIsNotSet() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();

            assertThat(isVirtual(startedOn.get())).as("Spring Boot's default: platform threads, on any Java").isFalse();
        });
    }

    @Test
    void servicesRunOnVirtualThreadsWhenTheyAreEnabledOnJava21AndLater() {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21");

        runner.withPropertyValues("spring.threads.virtual.enabled=true").run(context -> {
            assertThat(context).hasNotFailed();

            assertThat(isVirtual(startedOn.get())).isTrue();
        });
    }

    @Test
    void servicesRunOnPlatformThreadsOnJava17EvenWhenVirtualThreadsAreEnabled() {
        assumeTrue(Runtime.version().feature() < 21, "Java 21 and later have virtual threads");

        runner.withPropertyValues("spring.threads.virtual.enabled=true").run(context -> {
            assertThat(context).hasNotFailed();
            Thread thread = startedOn.get();

            assertThat(thread.isDaemon()).isTrue();
            assertThat(thread.getName()).startsWith("lifecycle-worker-");
        });
    }

    @Test
    void lifecycleExecutorBeanWinsOverVirtualThreads() {
        ExecutorService own = Executors.newCachedThreadPool(r -> new Thread(r, "own-lifecycle-thread"));
        try {
            runner.withPropertyValues("spring.threads.virtual.enabled=true")
                    .withBean(ServiceRegistryAutoConfiguration.EXECUTOR_BEAN_NAME, Executor.class, () -> own)
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        Thread thread = startedOn.get();

                        assertThat(thread.getName()).isEqualTo("own-lifecycle-thread");
                        assertThat(isVirtual(thread)).isFalse();
                    });
        }
        finally {
            own.shutdownNow();
        }
    }

    /** {@code Thread.isVirtual()}, read reflectively: the tests compile for Java 17, which has no such method. */
    private static boolean isVirtual(Thread thread) throws ReflectiveOperationException {
        if (Runtime.version().feature() < 21) {
            return false;
        }
        return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
    }
}
