package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Which threads run user code when the builder is given no executor: virtual threads where the JVM has them, unless
 * {@code virtualThreads(false)} asks for platform threads. The virtual-thread scenarios run on Java 21 and later
 * only (run this class with a JDK 21+ {@code JAVA_HOME} to cover them).
 */
class DefaultThreadsTests {

    @Test
    void userCodeRunsOnVirtualThreadsByDefaultOnJava21AndLater() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21");

        Thread thread = startThread(UnaryOperator.identity());

        assertThat(isVirtual(thread)).isTrue();
    }

    @Test
    void virtualThreadsFalseRunsUserCodeOnPlatformDaemonThreads() throws Exception {
        Thread thread = startThread(builder -> builder.virtualThreads(false));

        assertThat(isVirtual(thread)).isFalse();
        assertThat(thread.isDaemon()).isTrue();
        assertThat(thread.getName()).startsWith("lifecycle-worker-");
    }

    @Test
    void userCodeRunsOnPlatformDaemonThreadsOnJava17EvenWhenVirtualThreadsAreWanted() throws Exception {
        assumeTrue(Runtime.version().feature() < 21, "Java 21 and later have virtual threads");

        Thread thread = startThread(builder -> builder.virtualThreads(true));

        assertThat(isVirtual(thread)).isFalse();
        assertThat(thread.isDaemon()).isTrue();
    }

    @Test
    void aGivenExecutorWinsOverVirtualThreads() throws Exception {
        Thread thread = startThread(builder -> builder.virtualThreads(true)
                .executor(task -> new Thread(task, "own-executor").start()));

        assertThat(thread.getName()).isEqualTo("own-executor");
        assertThat(isVirtual(thread)).isFalse();
    }

    /** The thread that ran a service's start in a registry built with {@code options}. */
    private static Thread startThread(UnaryOperator<ServiceRegistryBuilder> options) throws Exception {
        try (ServiceRegistry registry = options.apply(ServiceRegistry.builder()).build()) {
            registry.install("probe", Thread.class, ctx -> Thread.currentThread());
            registry.startAll().get(10, TimeUnit.SECONDS);
            Thread thread = registry.get(ServiceKey.of("probe", Thread.class));
            registry.stopAll().get(10, TimeUnit.SECONDS);
            return thread;
        }
    }

    /** {@code Thread.isVirtual()}, read reflectively: the tests compile for Java 17, which has no such method. */
    static boolean isVirtual(Thread thread) throws ReflectiveOperationException {
        if (Runtime.version().feature() < 21) {
            return false;
        }
        return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
    }
}
