package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifecycle.core.event.ServiceListener;
import dev.lifecycle.core.event.ServiceTransition;
import dev.lifecycle.test.ManualTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Start modes: an on-demand service runs only while a dependent needs it (after an optional idle delay it stops when
 * none does); a disabled one never starts. User code runs on the test's thread and time moves by hand.
 */
class OnDemandServiceTests {

    private final ManualTime time = new ManualTime();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<ServiceTransition> transitions = new CopyOnWriteArrayList<>();
    private final ServiceRegistry registry = ServiceRegistry.builder().executor(Runnable::run).clock(time)
            .scheduler(time).random(() -> 0.0).listener(ServiceListener.ofTransitions(transitions::add)).build();

    @AfterEach
    void close() {
        registry.close();
    }

    private void install(String id, StartMode mode, Duration idle, String... requires) {
        registry.install(ServiceDefinition.builder(ServiceKey.of(id, String.class), new Service<String>() {
            @Override
            public String start(ServiceContext context) {
                calls.add("start " + id);
                return id;
            }

            @Override
            public void stop(ServiceContext context) {
                calls.add("stop " + id);
            }
        }).dependsOn(requires).mode(mode).idleDelay(idle).build());
    }

    private ServiceSnapshot snapshot(String id) {
        return registry.snapshot(id).orElseThrow();
    }

    @Test
    void anOnDemandServiceStartsOnlyForADependentThatNeedsItAndOneNobodyNeedsStaysDownNotNeeded() {
        install("db", StartMode.ON_DEMAND, Duration.ZERO);
        install("api", StartMode.ACTIVE, Duration.ZERO, "db");
        install("reports", StartMode.ON_DEMAND, Duration.ZERO);

        assertThat(registry.startAll()).isCompleted();

        assertThat(calls).containsExactly("start db", "start api");
        assertThat(snapshot("db").state()).isEqualTo(ServiceState.RUNNING);
        ServiceSnapshot reports = snapshot("reports");
        assertThat(reports.state()).isEqualTo(ServiceState.STOPPED);
        assertThat(reports.reason()).isEqualTo(TransitionReason.DEMAND);
        assertThat(reports.mode()).isEqualTo(StartMode.ON_DEMAND);
        assertThat(reports.rootCause()).isEqualTo("not needed: no running or starting dependent requires it");
        assertThat(snapshot("api").mode()).isEqualTo(StartMode.ACTIVE);
    }

    @Test
    void stoppingTheLastDependentStopsTheOnDemandServiceAfterItAndStartingItStartsTheServiceFirst() {
        install("db", StartMode.ON_DEMAND, Duration.ZERO);
        install("api", StartMode.ACTIVE, Duration.ZERO, "db");
        install("admin", StartMode.ACTIVE, Duration.ZERO, "db");
        registry.startAll();
        calls.clear();

        registry.stop("api").join();
        assertThat(snapshot("db").state()).as("admin still needs it").isEqualTo(ServiceState.RUNNING);
        registry.stop("admin").join();

        assertThat(calls).containsExactly("stop api", "stop admin", "stop db");
        assertThat(snapshot("db").state()).isEqualTo(ServiceState.STOPPED);
        assertThat(transitions).filteredOn(t -> t.key().id().equals("db") && t.from() == ServiceState.RUNNING)
                .singleElement().satisfies(t -> {
                    assertThat(t.reason()).isEqualTo(TransitionReason.DEMAND);
                    assertThat(t.detail()).isEqualTo("no dependent needs it");
                });

        calls.clear();
        registry.start("api").join();
        assertThat(calls).containsExactly("start db", "start api");
        assertThat(transitions).filteredOn(t -> t.key().id().equals("db") && t.from() == ServiceState.STOPPED)
                .last().extracting(ServiceTransition::reason).isEqualTo(TransitionReason.DEMAND);
    }

    @Test
    void anIdleDelayKeepsTheServiceRunningUntilItEndsAndADependentBackMeanwhileKeepsItUp() {
        install("db", StartMode.ON_DEMAND, Duration.ofSeconds(30));
        install("api", StartMode.ACTIVE, Duration.ZERO, "db");
        registry.startAll();

        registry.stop("api").join();
        time.advance(Duration.ofSeconds(29));
        assertThat(snapshot("db").state()).isEqualTo(ServiceState.RUNNING);
        registry.start("api").join();
        time.advance(Duration.ofMinutes(5));
        assertThat(snapshot("db").state()).as("needed again before its delay ended").isEqualTo(ServiceState.RUNNING);

        registry.stop("api").join();
        time.advance(Duration.ofSeconds(30));
        assertThat(snapshot("db").state()).isEqualTo(ServiceState.STOPPED);
        assertThat(time.pendingTimers()).isEmpty();
    }

    @Test
    void aChainOfOnDemandServicesStartsForItsActiveTopAndStopsInOrderWhenTheTopIsRemoved() {
        install("db", StartMode.ON_DEMAND, Duration.ZERO);
        install("cache", StartMode.ON_DEMAND, Duration.ZERO, "db");
        install("api", StartMode.ACTIVE, Duration.ZERO, "cache");
        registry.startAll();
        assertThat(calls).containsExactly("start db", "start cache", "start api");
        calls.clear();

        registry.remove("api").join();

        assertThat(calls).containsExactly("stop api", "stop cache", "stop db");
        assertThat(snapshot("cache").state()).isEqualTo(ServiceState.STOPPED);
        assertThat(snapshot("db").state()).isEqualTo(ServiceState.STOPPED);
    }

    @Test
    void aDependentInstalledLaterStartsTheOnDemandServiceItNeeds() {
        install("db", StartMode.ON_DEMAND, Duration.ZERO);
        registry.startAll();
        assertThat(snapshot("db").state()).isEqualTo(ServiceState.STOPPED);

        install("api", StartMode.ACTIVE, Duration.ZERO, "db");

        assertThat(calls).containsExactly("start db", "start api");
    }

    @Test
    void anOnDemandServiceThatFailsWhileNeededRestartsAfterItsBackOffAndOneNoLongerNeededDoesNot() {
        install("db", StartMode.ON_DEMAND, Duration.ZERO);
        install("api", StartMode.ACTIVE, Duration.ZERO, "db");
        registry.startAll();

        registry.fail("db", new java.io.IOException("lost")).join();
        assertThat(snapshot("db").state()).isEqualTo(ServiceState.FAILED);
        time.advance(Duration.ofMillis(100));
        assertThat(snapshot("api").state()).isEqualTo(ServiceState.RUNNING);

        registry.fail("db", new java.io.IOException("lost again")).join();
        registry.stop("api").join();
        time.advance(Duration.ofSeconds(1));
        assertThat(snapshot("db").state()).isEqualTo(ServiceState.STOPPED);
        assertThat(snapshot("db").reason()).isEqualTo(TransitionReason.DEMAND);
    }

    @Test
    void aDisabledServiceNeverStartsItsDependentsWaitSayingSoAndStartingItByHandIsRefused() {
        install("legacy", StartMode.NEVER, Duration.ZERO);
        install("bridge", StartMode.ACTIVE, Duration.ZERO, "legacy");

        assertThat(registry.startAll()).isCompletedExceptionally();

        assertThat(calls).isEmpty();
        ServiceSnapshot legacy = snapshot("legacy");
        assertThat(legacy.state()).isEqualTo(ServiceState.STOPPED);
        assertThat(legacy.reason()).isEqualTo(TransitionReason.DISABLED);
        assertThat(legacy.mode()).isEqualTo(StartMode.NEVER);
        assertThat(legacy.rootCause()).isEqualTo("disabled (mode NEVER)");
        assertThat(snapshot("bridge").rootCause()).isEqualTo("blocked by legacy, which is disabled");
        assertThatThrownBy(() -> registry.start("legacy")).isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot start 'legacy': it is disabled (mode NEVER); install it with another mode to "
                        + "start it");
    }

    @Test
    void startAllWithAnActiveServiceRequiringADisabledOneSaysWhichAndHowToFixIt() {
        install("legacy", StartMode.NEVER, Duration.ZERO);
        install("bridge", StartMode.ACTIVE, Duration.ZERO, "legacy");

        CompletableFuture<@Nullable Void> startAll = registry.startAll();

        assertThat(startAll).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(StartupFailedException.class)
                .withMessage("Start-up failed:\n  - bridge is WAITING (blocked by legacy, which is disabled): it "
                        + "requires legacy, which is disabled (mode NEVER) and will never start; install legacy with "
                        + "mode ACTIVE or ON_DEMAND, install bridge with mode NEVER too, or drop the requirement");
        assertThat(transitions).filteredOn(t -> t.key().id().equals("legacy")).extracting(ServiceTransition::reason)
                .containsExactly(TransitionReason.DISABLED);
    }

    @Test
    void theGraphExportsShowTheModeOfServicesThatAreNotActive() {
        install("db", StartMode.ON_DEMAND, Duration.ZERO);
        install("legacy", StartMode.NEVER, Duration.ZERO);
        install("api", StartMode.ACTIVE, Duration.ZERO, "db");
        registry.startAll();

        ServiceGraph graph = registry.graph();
        assertThat(graph.nodes()).extracting(ServiceGraph.Node::mode)
                .containsExactly(StartMode.ON_DEMAND, StartMode.NEVER, StartMode.ACTIVE);
        assertThat(graph.toMermaid()).contains("db<br/>RUNNING<br/>on demand\"", "legacy<br/>STOPPED<br/>disabled\"",
                "api<br/>RUNNING\"");
        assertThat(graph.toDot()).contains("label=\"db\\nRUNNING\\non demand\"", "label=\"api\\nRUNNING\"");
    }

    @Test
    void aNegativeIdleDelayIsRefused() {
        assertThatThrownBy(() -> ServiceDefinition.builder(ServiceKey.of("db", String.class), ctx -> "db")
                .idleDelay(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The idle delay must not be negative, was PT-1S");
    }
}
