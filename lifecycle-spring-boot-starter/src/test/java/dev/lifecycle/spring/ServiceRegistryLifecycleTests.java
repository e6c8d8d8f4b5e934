package dev.lifecycle.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceContext;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.spring.internal.ServiceBeans;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/** The SmartLifecycle bridge on its own: asynchronous stop, restart of the context, phase. */
class ServiceRegistryLifecycleTests {

    private final ServiceRegistry registry = ServiceRegistry.builder().build();

    private final ServiceRegistryLifecycle bridge = new ServiceRegistryLifecycle(registry,
            new ServiceBeans(new DefaultListableBeanFactory(), Map.of(), List.of()), Duration.ofSeconds(10), 7);

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void stopRunsTheCallbackOnlyOnceEveryServiceHasStopped() throws InterruptedException {
        CountDownLatch releaseStop = new CountDownLatch(1);
        registry.install("slowStop", Void.class, new Service<>() {
            @Override
            public @Nullable Void start(ServiceContext context) {
                return null;
            }

            @Override
            public void stop(ServiceContext context) throws InterruptedException {
                releaseStop.await();
            }
        });
        bridge.start();
        CountDownLatch callback = new CountDownLatch(1);

        bridge.stop(callback::countDown);

        assertThat(bridge.isRunning()).isFalse();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> registry.snapshot("slowStop").orElseThrow().state() == ServiceState.STOPPING);
        assertThat(callback.getCount()).as("callback run while a service is still stopping").isEqualTo(1);
        releaseStop.countDown();
        assertThat(callback.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(registry.snapshot("slowStop").orElseThrow().state()).isEqualTo(ServiceState.STOPPED);
    }

    @Test
    void startAfterStopStartsTheServicesAgain() {
        registry.install("config", String.class, ctx -> "value");
        bridge.start();
        bridge.stop();
        assertThat(registry.snapshot("config").orElseThrow().state()).isEqualTo(ServiceState.STOPPED);

        bridge.start();

        assertThat(bridge.isRunning()).isTrue();
        assertThat(registry.snapshot("config").orElseThrow().state()).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void phaseAndPauseability() {
        assertThat(bridge.getPhase()).isEqualTo(7);
        assertThat(bridge.isPauseable()).isFalse();
        assertThat(bridge.isAutoStartup()).isTrue();
    }

    @Test
    void startupTimeoutMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ServiceRegistryLifecycle(registry,
                new ServiceBeans(new DefaultListableBeanFactory(), Map.of(), List.of()), Duration.ZERO, 0))
                .withMessage("The start-up timeout must be positive, was PT0S");
    }
}
