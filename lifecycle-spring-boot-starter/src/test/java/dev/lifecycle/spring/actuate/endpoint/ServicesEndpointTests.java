package dev.lifecycle.spring.actuate.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
