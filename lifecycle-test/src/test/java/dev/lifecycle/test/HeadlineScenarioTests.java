package dev.lifecycle.test;

import static dev.lifecycle.test.assertj.LifecycleAssertions.assertThat;

import dev.lifecycle.core.ServiceDefinition;
import dev.lifecycle.core.ServiceHandle;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What the kit is for, in the fewest lines: a requirement fails, time moves past its back-off, and the dependent is
 * back with the new value; no sleep, nothing left to chance. The same test then runs 200 times in a row.
 */
class HeadlineScenarioTests {

    @Test
    void aFailedRequirementComesBackAfterItsBackOffAndItsDependentWithTheNewValue() throws Exception {
        try (TestLifecycle lifecycle = new TestLifecycle()) {
            ServiceRegistry registry = lifecycle.registry();
            AtomicInteger version = new AtomicInteger();
            ServiceHandle<String> config = registry.install("config", String.class, ctx -> "v" + version.incrementAndGet());
            registry.install(ServiceDefinition.builder(ServiceKey.of("db", String.class), ctx -> "db@" + config.get())
                    .requires(config.key()).build());
            registry.startAll().join();

            registry.fail("config", new IOException("config changed")).join();
            assertThat(registry).service("db").isWaitingFor("config");
            lifecycle.advance(Duration.ofMillis(100));

            assertThat(registry).service("db").isRunning().hasValue("db@v2");
            assertThat(registry).service("config").hasRestarted(1);
        }
    }

    @Test
    void theScenarioPassesTwoHundredTimesInARow() throws Exception {
        int passed = 0;
        for (int run = 0; run < 200; run++) {
            aFailedRequirementComesBackAfterItsBackOffAndItsDependentWithTheNewValue();
            passed++;
        }
        System.out.println("The headline scenario passed " + passed + " times out of 200");
        org.assertj.core.api.Assertions.assertThat(passed).isEqualTo(200);
    }
}
