package dev.lifecycle.spring.actuate.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.core.RestartPolicy;
import dev.lifecycle.core.ServiceDefinition;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

/**
 * The endpoint without HTTP (as JMX calls it): what its write operation accepts, and what its answers repeat of the
 * input.
 */
class ServicesEndpointTests {

    private final ServiceRegistry registry = ServiceRegistry.builder().build();

    private final ServicesEndpoint endpoint = new ServicesEndpoint(registry, id -> false, id -> false,
            Duration.ofSeconds(5), 20);

    @BeforeEach
    void startDatabase() {
        registry.install("database", String.class, ctx -> "db");
        registry.startAll().join();
    }

    @AfterEach
    void closeRegistry() {
        registry.close();
    }

    @Test
    void failedServiceWithARestartScheduledIsNotAwaitingAnOperatorButOneThatGaveUpIs() {
        registry.install(ServiceDefinition.builder(ServiceKey.of("flaky", Void.class), ctx -> null)
                .restartPolicy(RestartPolicy.defaults().withBackoff(Duration.ofHours(1), Duration.ofHours(1), 1)
                        .withJitter(0))
                .build());
        registry.install(ServiceDefinition.builder(ServiceKey.of("fragile", Void.class), ctx -> null)
                .restartPolicy(RestartPolicy.never()).build());
        registry.startAll().join();

        endpoint.control("flaky", "fail", "boom");
        endpoint.control("fragile", "fail", "boom");

        ServicesEndpoint.ServiceDescriptor flaky = endpoint.service("flaky");
        ServicesEndpoint.ServiceDescriptor fragile = endpoint.service("fragile");
        assertThat(flaky.state()).isEqualTo("FAILED");
        assertThat(flaky.nextRestartAt()).isNotNull();
        assertThat(flaky.awaitingOperator()).isFalse();
        assertThat(fragile.state()).isEqualTo("FAILED");
        assertThat(fragile.nextRestartAt()).isNull();
        assertThat(fragile.awaitingOperator()).isTrue();
        assertThat(endpoint.service("database").awaitingOperator()).isFalse();

        endpoint.control("fragile", "start", null);

        assertThat(endpoint.service("fragile").awaitingOperator()).isFalse();
    }

    @Test
    void reasonLongerThanTheLimitIsRefusedBeforeTheServiceIsFailed() {
        InvalidServiceRequestException refused = catchThrowableOfType(InvalidServiceRequestException.class,
                () -> endpoint.control("database", "fail", "r".repeat(21)));

        assertThat(refused).isInstanceOf(InvalidEndpointRequestException.class).hasMessage("The reason is 21 "
                + "characters long; at most 20 are accepted (lifecycle.endpoint.max-reason-length)");
        assertThat(refused.details()).containsExactly(Map.entry("maxReasonLength", 20),
                Map.entry("property", "lifecycle.endpoint.max-reason-length"));
        assertThat(registry.snapshot("database").orElseThrow().state()).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void reasonOfTheLimitIsTheMessageOfTheRecordedFailure() {
        endpoint.control("database", "fail", "r".repeat(20));

        assertThat(registry.snapshot("database").orElseThrow().lastFailure().message()).isEqualTo("r".repeat(20));
    }

    @Test
    void onlyTheExactActionNamesAreAccepted() {
        for (String action : List.of("FAIL", "Restart", " stop", "start ", "")) {
            InvalidServiceRequestException refused = catchThrowableOfType(InvalidServiceRequestException.class,
                    () -> endpoint.control("database", action, null));

            assertThat(refused).as(action).hasMessage("Unknown action '" + action + "' for service 'database': use "
                    + "one of fail, restart, stop, start");
            assertThat(refused.details()).containsExactly(Map.entry("validActions", List.of("fail", "restart",
                    "stop", "start")));
        }
        assertThat(registry.snapshot("database").orElseThrow().state()).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void unknownServiceIsNullAndItsSuggestionTheInstalledNameClosestToIt() {
        assertThat(endpoint.service("databse")).isNull();
        assertThat(endpoint.control("databse", "stop", null)).isNull();
        assertThat(endpoint.suggestion("databse")).isEqualTo("database");
        assertThat(endpoint.suggestion("queue")).isNull();
    }

    @Test
    void limitThatIsNotPositiveIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ServicesEndpoint(registry, id -> false, id -> false,
                Duration.ofSeconds(1), 0)).withMessage("The longest reason must be positive, was 0");
    }

    @Test
    void restartAnswersOnceTheServiceIsBackWhileAnUnrelatedStartIsStuck() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try {
            registry.install("stuck", String.class, ctx -> {
                release.await();
                return "stuck";
            });
            ServicesEndpoint patient = new ServicesEndpoint(registry, id -> false, id -> false, Duration.ofHours(1),
                    20);

            CompletableFuture<ServicesEndpoint.ServicesDescriptor> answer = CompletableFuture
                    .supplyAsync(() -> patient.control("database", "restart", null));

            assertThat(answer).succeedsWithin(Duration.ofSeconds(10)).satisfies(services -> {
                assertThat(services.services()).filteredOn(s -> s.id().equals("database")).singleElement()
                        .satisfies(database -> {
                            assertThat(database.state()).isEqualTo("RUNNING");
                            assertThat(database.restarts()).isEqualTo(1);
                        });
                assertThat(services.services()).filteredOn(s -> s.id().equals("stuck")).singleElement()
                        .extracting(ServicesEndpoint.ServiceDescriptor::state).isEqualTo("STARTING");
            });
        }
        finally {
            release.countDown();
        }
    }

    @Test
    void abandonedStartIsDescribedUntilItReturns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        try {
            registry.install(ServiceDefinition.builder(ServiceKey.of("slow", String.class), ctx -> {
                entered.countDown();
                while (true) {
                    try {
                        release.await();
                        return "slow";
                    }
                    catch (InterruptedException ignored) {
                        // Code that ignores interrupts.
                    }
                }
            }).startTimeout(Duration.ofMillis(200)).build());
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

            ServicesEndpoint.ServiceDescriptor stopped = slow(endpoint.control("slow", "stop", null));

            assertThat(stopped.state()).isEqualTo("STOPPED");
            ServicesEndpoint.AbandonedStartDescriptor abandoned = stopped.abandonedStart();
            assertThat(abandoned).isNotNull();
            assertThat(abandoned.startTimeout()).isEqualTo("PT0.2S");
            assertThat(abandoned.cancelled()).isTrue();
            assertThat(abandoned.returned()).isFalse();
            assertThat(Instant.parse(abandoned.abandonedAt())).isAfter(Instant.parse(abandoned.startedAt()));
            assertThat(abandoned.summary()).endsWith("when its start timeout (200 ms) ran out; it is still running, "
                    + "and the value it returns will be stopped before the service starts again");
            ServicesEndpoint.ServiceDescriptor heldBack = slow(endpoint.control("slow", "start", null));
            assertThat(heldBack.state()).isEqualTo("WAITING");
            assertThat(heldBack.rootCause()).startsWith("waiting for its abandoned start to return: its start, "
                    + "begun at ");
            assertThat(heldBack.abandonedStart()).isNotNull();
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(endpoint.service("slow"))
                    .satisfies(slow -> {
                        assertThat(slow.state()).isEqualTo("RUNNING");
                        assertThat(slow.abandonedStart()).isNull();
                    }));
        }
        finally {
            release.countDown();
        }
    }

    private static ServicesEndpoint.ServiceDescriptor slow(ServicesEndpoint.@Nullable ServicesDescriptor services) {
        assertThat(services).isNotNull();
        return services.services().stream().filter(s -> s.id().equals("slow")).findFirst().orElseThrow();
    }

    @Test
    void echoedInputIsWholeUpToAHundredCharacters() {
        assertThat(EchoedInput.of("database")).isEqualTo("database");
        assertThat(EchoedInput.of("a".repeat(100))).isEqualTo("a".repeat(100));
    }

    @Test
    void longerEchoedInputIsItsFirstHundredCharactersAndItsLength() {
        assertThat(EchoedInput.of("a".repeat(5_000))).isEqualTo("a".repeat(100) + "... (5000 characters)");
    }

    @Test
    void echoedInputNeverCutsACharacterInHalf() {
        String input = "a".repeat(99) + "\uD83D\uDE00" + "b".repeat(10);

        assertThat(EchoedInput.of(input)).isEqualTo("a".repeat(99) + "... (111 characters)");
    }
}
