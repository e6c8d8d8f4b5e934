package dev.lifecycle.test.example;

import static dev.lifecycle.test.assertj.LifecycleAssertions.assertThat;

import dev.lifecycle.core.ServiceDefinition;
import dev.lifecycle.core.ServiceHandle;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.test.TestLifecycle;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DatabaseComesBackTests {

    @Test
    void theDatabaseComesBackWithTheNewConfigAfterTheBackOff() {
        try (TestLifecycle lifecycle = new TestLifecycle()) {
            ServiceRegistry registry = lifecycle.registry();
            AtomicInteger version = new AtomicInteger();
            ServiceHandle<String> config = registry.install("config", String.class, ctx -> "v" + version.incrementAndGet());
            registry.install(ServiceDefinition.builder(ServiceKey.of("db", String.class), ctx -> "db@" + config.get())
                    .requires(config.key()).build());
            registry.startAll();

            registry.fail("config", new IOException("config changed"));
            assertThat(registry).service("db").isWaitingFor("config");
            lifecycle.advance(Duration.ofMillis(100));

            assertThat(registry).service("db").isRunning().hasValue("db@v2");
            assertThat(registry).service("config").hasRestarted(1);
        }
    }
}
