package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifecycle.core.event.ServiceTransition;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Restarts for configuration: the services that read changed keys restart with their dependents, in order, in one
 * change, with the reason CONFIGURATION naming the keys; the others are untouched. The graph:
 * {@code config <- db <- repository}, {@code config <- cache <- repository}, and {@code heartbeat} alone.
 */
class ConfigurationRestartTests {

    private final List<ServiceTransition> transitions = new CopyOnWriteArrayList<>();
    private final List<String> starts = new CopyOnWriteArrayList<>();
    private final ServiceRegistry registry = ServiceRegistry.builder().executor(Runnable::run)
            .listener(dev.lifecycle.core.event.ServiceListener.ofTransitions(transitions::add)).build();
    private final AtomicInteger version = new AtomicInteger();

    @AfterEach
    void close() {
        registry.close();
    }

    private void install(String id, String... requires) {
        ServiceDefinition.Builder<String> definition = ServiceDefinition.builder(ServiceKey.of(id, String.class),
                ctx -> {
                    starts.add(id);
                    return id + "@" + version.get();
                });
        definition.dependsOn(requires);
        registry.install(definition.build());
    }

    private void installGraph() {
        install("config");
        install("db", "config");
        install("cache", "config");
        install("repository", "db", "cache");
        install("heartbeat");
        registry.startAll().join();
        starts.clear();
        transitions.clear();
    }

    @Test
    void theServicesThatReadTheKeysRestartWithTheirDependentsOnceEachAndTheOthersAreUntouched() {
        installGraph();
        version.set(2);

        registry.restartForConfiguration(List.of("db", "cache"), List.of("db.url", "cache.size")).join();

        assertThat(starts).containsExactlyInAnyOrder("db", "cache", "repository");
        assertThat(starts.indexOf("repository")).isGreaterThan(starts.indexOf("db")).isGreaterThan(starts.indexOf("cache"));
        assertThat(registry.get(ServiceKey.of("repository", String.class))).isEqualTo("repository@2");
        assertThat(registry.get(ServiceKey.of("heartbeat", String.class))).isEqualTo("heartbeat@0");
        assertThat(transitions).extracting(t -> t.key().id()).doesNotContain("config", "heartbeat");
        assertThat(transitions).filteredOn(t -> t.key().id().equals("db") && t.from() == ServiceState.RUNNING)
                .singleElement().satisfies(t -> {
                    assertThat(t.reason()).isEqualTo(TransitionReason.CONFIGURATION);
                    assertThat(t.detail()).isEqualTo("configuration changed: db.url, cache.size");
                });
        assertThat(transitions).filteredOn(t -> t.key().id().equals("repository") && t.from() == ServiceState.RUNNING)
                .singleElement().extracting(ServiceTransition::reason).isEqualTo(TransitionReason.DEPENDENCY);
        assertThat(registry.snapshot("db").orElseThrow().restarts()).isEqualTo(1);
        assertThat(registry.snapshot("db").orElseThrow().lastFailure()).isNull();
        assertThat(registry.snapshot("db").orElseThrow().reason()).isEqualTo(TransitionReason.CONFIGURATION);
    }

    @Test
    void everyTransitionOfTheRestartedServicesCycleCarriesTheReasonAndTheKeys() {
        installGraph();

        registry.restartForConfiguration(List.of("db"), List.of("db.url")).join();

        assertThat(transitions).filteredOn(t -> t.key().id().equals("db"))
                .extracting(t -> t.from() + "->" + t.to() + " " + t.reason() + ": " + t.detail())
                .containsExactly("RUNNING->STOPPING CONFIGURATION: configuration changed: db.url",
                        "STOPPING->WAITING CONFIGURATION: configuration changed: db.url",
                        "WAITING->STARTING CONFIGURATION: configuration changed: db.url",
                        "STARTING->RUNNING CONFIGURATION: configuration changed: db.url");
        assertThat(transitions).filteredOn(t -> t.key().id().equals("repository"))
                .extracting(ServiceTransition::reason).containsOnly(TransitionReason.DEPENDENCY);
    }

    @Test
    void aStoppedServiceStaysStoppedAndAFailedOneStartsNow() throws Exception {
        installGraph();
        registry.stop("cache").join();
        registry.install(ServiceDefinition.builder(ServiceKey.of("flaky", String.class), ctx -> {
            throw new IOException("bad setting");
        }).restartPolicy(RestartPolicy.never()).build());
        assertThat(registry.snapshot("flaky").orElseThrow().state()).isEqualTo(ServiceState.FAILED);

        registry.restartForConfiguration(List.of("cache", "flaky"), List.of("flaky.url")).join();

        assertThat(registry.snapshot("cache").orElseThrow().state()).isEqualTo(ServiceState.STOPPED);
        assertThat(transitions).filteredOn(t -> t.key().id().equals("flaky") && t.from() == ServiceState.FAILED)
                .extracting(ServiceTransition::reason).containsExactly(TransitionReason.CONFIGURATION);
        assertThat(transitions).filteredOn(t -> t.key().id().equals("flaky") && t.from() == ServiceState.FAILED)
                .extracting(ServiceTransition::detail).containsExactly("configuration changed: flaky.url");
    }

    @Test
    void anUnknownServiceIsRefusedAndNothingRestartsAndLongListsOfKeysAreShortened() {
        installGraph();

        assertThatThrownBy(() -> registry.restartForConfiguration(List.of("db", "dbb"), List.of("db.url")))
                .isInstanceOf(UnknownServiceException.class);
        assertThat(starts).isEmpty();

        registry.restartForConfiguration(List.of("heartbeat"), List.of("a", "b", "c", "d", "e", "f", "g")).join();
        assertThat(transitions).filteredOn(t -> t.from() == ServiceState.RUNNING).singleElement()
                .extracting(ServiceTransition::detail).isEqualTo("configuration changed: a, b, c, d, e and 2 more");
    }
}
