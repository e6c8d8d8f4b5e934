package dev.lifecycle.spring.actuate.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.spring.actuate.endpoint.ServiceEventsEndpoint.CauseDescriptor;
import dev.lifecycle.spring.actuate.endpoint.ServiceEventsEndpoint.ServiceEventDescriptor;
import dev.lifecycle.spring.history.ServiceTransitionHistory;
import dev.lifecycle.test.TestLifecycle;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code serviceevents} endpoint without HTTP (as JMX calls it), on a registry driven by hand: what it answers
 * for every service and for one, and which services it knows.
 */
class ServiceEventsEndpointTests {

    private final TestLifecycle lifecycle = new TestLifecycle();

    private final ServiceTransitionHistory history = new ServiceTransitionHistory(50);

    private final ServiceRegistry registry = lifecycle.registry(options -> options.listener(history));

    private final ServiceEventsEndpoint endpoint = new ServiceEventsEndpoint(registry, history);

    @AfterEach
    void closeRegistry() {
        lifecycle.close();
    }

    @Test
    void everyServicesTransitionsComeOldestFirstWithTheirTimesAsIsoText() {
        registry.install("config", String.class, ctx -> "config");
        registry.install("database", String.class, ctx -> "db");
        registry.startAll().join();
        lifecycle.advance(Duration.ofMillis(1500));

        registry.fail("database", new IOException("connection reset")).join();

        assertThat(endpoint.events().serviceEvents()).extracting(e -> e.sequence() + " " + e.service() + " "
                + e.from() + "->" + e.to() + " " + e.reason()).containsExactly(
                        "1 config INSTALLED->STARTING STARTUP", "2 database INSTALLED->STARTING STARTUP",
                        "3 config STARTING->RUNNING STARTUP", "4 database STARTING->RUNNING STARTUP",
                        "5 database RUNNING->STOPPING FAILURE", "6 database STOPPING->FAILED FAILURE");
        ServiceEventDescriptor failed = endpoint.events().serviceEvents().get(5);
        assertThat(failed.cause()).isEqualTo(new CauseDescriptor("java.io.IOException", "connection reset"));
        assertThat(failed.at()).isEqualTo("2026-01-01T00:00:01.500Z");
        assertThat(failed.timeInPreviousState()).isEqualTo("PT0S");
        assertThat(endpoint.events().serviceEvents().get(4).timeInPreviousState()).isEqualTo("PT1.5S");
        assertThat(endpoint.events().serviceEvents().get(0).cause()).isNull();
    }

    @Test
    void oneServicesTransitionsAreItsOwnOnly() {
        registry.install("config", String.class, ctx -> "config");
        registry.install("database", String.class, ctx -> "db");
        registry.startAll().join();

        assertThat(endpoint.serviceEvents("database").serviceEvents()).extracting(e -> e.service() + ":" + e.to())
                .containsExactly("database:STARTING", "database:RUNNING");
    }

    @Test
    void aRemovedServiceIsAnsweredWithItsLastTransitionsItsRemovalIncluded() {
        registry.install("cache", String.class, ctx -> "cache");
        registry.startAll().join();

        registry.remove("cache").join();

        assertThat(endpoint.serviceEvents("cache").serviceEvents()).extracting(ServiceEventDescriptor::to)
                .endsWith("REMOVED");
    }

    @Test
    void anInstalledServiceWhoseTransitionsWereDroppedHasNone() {
        ServiceTransitionHistory small = new ServiceTransitionHistory(1);
        try (ServiceRegistry other = new TestLifecycle().builder().listener(small).build()) {
            other.install("config", String.class, ctx -> "config");
            other.install("database", String.class, ctx -> "db");
            other.startAll().join();

            ServiceEventsEndpoint endpoint = new ServiceEventsEndpoint(other, small);

            assertThat(endpoint.serviceEvents("config").serviceEvents()).isEmpty();
            assertThat(endpoint.serviceEvents("database").serviceEvents()).singleElement()
                    .satisfies(e -> assertThat(e.sequence()).isEqualTo(4));
        }
    }

    @Test
    void anUnknownServiceIsNullAndItsSuggestionTheInstalledNameClosestToIt() {
        registry.install("database", String.class, ctx -> "db");

        assertThat(endpoint.serviceEvents("databse")).isNull();
        assertThat(endpoint.suggestion("databse")).isEqualTo("database");
        assertThat(endpoint.suggestion("queue")).isNull();
    }
}
