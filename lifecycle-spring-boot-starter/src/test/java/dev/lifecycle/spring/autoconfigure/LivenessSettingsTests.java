package dev.lifecycle.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Whether a service that gives up breaks the application's liveness: never by default, for critical services with
 * {@code lifecycle.availability.liveness=true}, for one service (critical or not) with
 * {@code lifecycle.services.<id>.liveness}. {@code database} is critical, {@code cache} is not; neither restarts.
 */
@ExtendWith(OutputCaptureExtension.class)
class LivenessSettingsTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
                    ServiceRegistryAutoConfiguration.class))
            .withPropertyValues("lifecycle.restart.enabled=false", "lifecycle.services.database.critical=true")
            .withBean("database", Service.class, () -> ctx -> "db")
            .withBean("cache", Service.class, () -> ctx -> "cache");

    @Test
    void livenessIsLeftAloneByDefault() {
        runner.run(context -> assertThat(context.getBean(ServiceRegistryProperties.class).getAvailability()
                .isLiveness()).isFalse());
    }

    @Test
    void criticalServiceThatGivesUpLeavesLivenessCorrectByDefault(CapturedOutput output) {
        runner.run(context -> {
            started(context);

            fail(context, "database");

            await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains(
                    "Critical service 'database' stays FAILED, with no restart: liveness left alone, as by default"));
            assertThat(liveness(context)).isEqualTo(LivenessState.CORRECT);
        });
    }

    @Test
    void criticalServiceThatGivesUpBreaksLivenessWhenOptedInGloballyUntilItRunsAgain() {
        runner.withPropertyValues("lifecycle.availability.liveness=true").run(context -> {
            started(context);

            fail(context, "database");
            await().atMost(Duration.ofSeconds(10)).until(() -> liveness(context) == LivenessState.BROKEN);
            context.getBean(ServiceRegistry.class).restart("database").join();

            await().atMost(Duration.ofSeconds(10)).until(() -> liveness(context) == LivenessState.CORRECT);
        });
    }

    @Test
    void nonCriticalServiceOptedInByItsOwnSettingBreaksLiveness() {
        runner.withPropertyValues("lifecycle.services.cache.liveness=true").run(context -> {
            started(context);

            fail(context, "cache");

            await().atMost(Duration.ofSeconds(10)).until(() -> liveness(context) == LivenessState.BROKEN);
        });
    }

    @Test
    void criticalServiceOptedOutByItsOwnSettingLeavesLivenessCorrectDespiteTheGlobalOptIn(CapturedOutput output) {
        runner.withPropertyValues("lifecycle.availability.liveness=true", "lifecycle.services.database.liveness=false")
                .run(context -> {
                    started(context);

                    fail(context, "database");

                    await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains(
                            "Critical service 'database' stays FAILED, with no restart: liveness left alone, as "
                                    + "lifecycle.services.database.liveness=false says"));
                    assertThat(liveness(context)).isEqualTo(LivenessState.CORRECT);
                });
    }

    /** What SpringApplication publishes once the context has started, which a context runner does not. */
    private static void started(AssertableApplicationContext context) {
        AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
    }

    private static void fail(AssertableApplicationContext context, String id) {
        context.getBean(ServiceRegistry.class).fail(id, new IllegalStateException("connection refused")).join();
    }

    private static LivenessState liveness(AssertableApplicationContext context) {
        return context.getBean(ApplicationAvailability.class).getLivenessState();
    }
}
