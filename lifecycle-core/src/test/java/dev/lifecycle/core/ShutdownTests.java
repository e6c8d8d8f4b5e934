package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShutdownTests {

    @Test
    void stopAllInterruptsAStartInFlightAndTheServiceEndsStoppedNotFailed() throws Exception {
        ManualTime time = new ManualTime();
        RecordingListener listener = new RecordingListener();
        CountDownLatch inStart = new CountDownLatch(1);
        List<String> calls = new CopyOnWriteArrayList<>();
        try (ServiceRegistry registry = ServiceRegistry.builder().clock(time).scheduler(time)
                .startTimeout(Duration.ofHours(1)).listener(listener).build()) {
            registry.install("ready", String.class, ctx -> "ready");
            registry.install("slow", String.class, new Service<>() {
                @Override
                public String start(ServiceContext context) throws InterruptedException {
                    calls.add("start");
                    inStart.countDown();
                    new CountDownLatch(1).await();
                    return "never";
                }

                @Override
                public void stop(ServiceContext context) {
                    calls.add("stop");
                }
            });
            registry.startAll();
            assertThat(inStart.await(10, TimeUnit.SECONDS)).isTrue();

            registry.stopAll().get(10, TimeUnit.SECONDS);

            assertThat(registry.snapshot("slow").orElseThrow().state()).isEqualTo(ServiceState.STOPPED);
            assertThat(registry.snapshot("slow").orElseThrow().lastFailure()).isNull();
            assertThat(registry.snapshot("ready").orElseThrow().state()).isEqualTo(ServiceState.STOPPED);
            assertThat(calls).containsExactly("start");
            assertThat(listener.of("slow")).containsExactly("INSTALLED->STARTING", "STARTING->STOPPING",
                    "STOPPING->STOPPED");
            listener.assertAllLegal();
        }
    }
}
