package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.core.event.ServiceListener;
import dev.lifecycle.core.event.ServiceTransition;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * What the registry tells about itself: transition events, snapshots, the graph's Mermaid and DOT exports and the
 * start-up report. User code runs on the calling thread and time moves only by hand, so instants and durations are
 * exact.
 */
class ObservabilityTests extends ManualRegistryTestBase {

    private final Instant t0 = time.instant();

    @Override
    boolean onCallingThread() {
        return true;
    }

    /** A transition as one line: service, edge, reason, cause, detail and milliseconds since the test began. */
    private String describe(ServiceTransition t) {
        return t.key().id() + " " + t.from() + "->" + t.to() + " " + t.reason()
                + (t.cause() == null ? "" : " cause=" + t.cause().getMessage())
                + (t.detail() == null ? "" : " (" + t.detail() + ")")
                + " @" + Duration.between(t0, t.at()).toMillis();
    }

    private List<String> transitionsOf(String id) {
        return listener.transitions().stream().filter(t -> t.key().id().equals(id)).map(this::describe).toList();
    }

    @Test
    void listenersGetEveryTransitionWithItsReasonCauseAndInstant() throws Exception {
        ManualStart<String> config = new ManualStart<>();
        registry.install(ServiceDefinition.builder(ServiceKey.of("config", String.class), config)
                .restartPolicy(RestartPolicy.never()).build());
        registry.install(ServiceDefinition.builder(ServiceKey.of("db", String.class), ctx -> "db")
                .dependsOn("config").build());
        SQLException changed = new SQLException("config changed");

        registry.startAll();
        time.advance(Duration.ofMillis(100));
        config.complete("v1");
        time.advance(Duration.ofMillis(900));
        registry.fail("config", changed).get(5, TimeUnit.SECONDS);

        assertThat(transitionsOf("config")).containsExactly(
                "config INSTALLED->STARTING STARTUP @0",
                "config STARTING->RUNNING STARTUP @100",
                "config RUNNING->STOPPING FAILURE cause=config changed @1000",
                "config STOPPING->FAILED FAILURE cause=config changed @1000");
        assertThat(transitionsOf("db")).containsExactly(
                "db INSTALLED->WAITING STARTUP @0",
                "db WAITING->STARTING STARTUP @100",
                "db STARTING->RUNNING STARTUP @100",
                "db RUNNING->STOPPING DEPENDENCY cause=config changed ('config' is stopping) @1000",
                "db STOPPING->WAITING DEPENDENCY (a requirement left RUNNING) @1000");
        assertThat(listener.arrivals()).containsSubsequence("config:RUNNING", "db:STARTING", "db:RUNNING",
                "db:STOPPING", "config:STOPPING", "db:WAITING", "config:FAILED");
        assertThat(listener.transitions()).filteredOn(t -> t.reason() == TransitionReason.FAILURE)
                .extracting(ServiceTransition::cause).containsOnly(changed);
    }

    /** Installs {@code config}, started by hand, and {@code db}, which requires it and takes 30 ms to stop. */
    private ManualStart<String> installConfigAndDbThatTakes30MsToStop() {
        ManualStart<String> config = installStartedByHand("config");
        registry.install(ServiceDefinition.builder(ServiceKey.of("db", String.class), takes30MsToStop("db"))
                .dependsOn("config").build());
        return config;
    }

    /** A service whose value is {@code value} and whose stop takes 30 ms of the manual clock. */
    private Service<String> takes30MsToStop(String value) {
        return withStop(value, context -> time.advance(Duration.ofMillis(30)));
    }

    @Test
    void eachTransitionSaysHowLongTheServiceSpentInTheStateItLeft() throws Exception {
        ManualStart<String> config = installConfigAndDbThatTakes30MsToStop();

        registry.startAll();
        time.advance(Duration.ofMillis(100));
        config.complete("v1");
        time.advance(Duration.ofMillis(900));
        registry.stopAll().get(5, TimeUnit.SECONDS);

        // config is STOPPING from 1000 ms, first waiting for db's 30 ms stop, then stopping itself: one state.
        assertThat(listener.transitions()).extracting(t -> t.key().id() + " " + t.from() + "->" + t.to() + " @"
                + Duration.between(t0, t.at()).toMillis() + " after " + t.timeInPreviousState().toMillis())
                .containsExactly(
                        "config INSTALLED->STARTING @0 after 0",
                        "db INSTALLED->WAITING @0 after 0",
                        "config STARTING->RUNNING @100 after 100",
                        "db WAITING->STARTING @100 after 100",
                        "db STARTING->RUNNING @100 after 0",
                        "db RUNNING->STOPPING @1000 after 900",
                        "config RUNNING->STOPPING @1000 after 900",
                        "db STOPPING->STOPPED @1030 after 30",
                        "config STOPPING->STOPPED @1030 after 30");
        assertThat(listener.transitions()).allSatisfy(t -> assertThat(t.since()).isBeforeOrEqualTo(t.at()));
    }

    @Test
    void listenersGetStartAndStopDurations() throws Exception {
        List<String> timings = new CopyOnWriteArrayList<>();
        registry.addListener(new ServiceListener() {
            @Override
            public void onStarted(ServiceKey<?> key, Duration duration, Throwable failure) {
                timings.add("started " + key.id() + " in " + duration.toMillis() + " ms"
                        + (failure == null ? "" : " with " + failure.getMessage()));
            }

            @Override
            public void onStopped(ServiceKey<?> key, Duration duration, Throwable failure) {
                timings.add("stopped " + key.id() + " in " + duration.toMillis() + " ms");
            }
        });
        ManualStart<String> config = installConfigAndDbThatTakes30MsToStop();

        registry.startAll();
        time.advance(Duration.ofMillis(120));
        config.complete("v1");
        registry.stopAll().get(5, TimeUnit.SECONDS);

        // db starts once config is up, and stops first: config's stop begins once db's has taken its 30 ms.
        assertThat(timings).containsExactly("started config in 120 ms", "started db in 0 ms", "stopped db in 30 ms",
                "stopped config in 0 ms");
    }

    /** Counts starts in a method a subclass inherits: the subclass wants timings though it declares none. */
    private static class StartCounter implements ServiceListener {
        final List<String> started = new CopyOnWriteArrayList<>();

        @Override
        public void onStarted(ServiceKey<?> key, Duration duration, Throwable failure) {
            started.add(key.id());
        }
    }

    private static final class InheritingStartCounter extends StartCounter {
    }

    @Test
    void listenerGetsDurationsThroughAnInheritedMethodAndRemovingItStopsThem() throws Exception {
        InheritingStartCounter counter = new InheritingStartCounter();
        registry.install("config", String.class, ctx -> "v1");
        registry.addListener(counter);
        registry.startAll().get(5, TimeUnit.SECONDS);
        registry.stopAll().get(5, TimeUnit.SECONDS);
        registry.removeListener(counter);
        registry.startAll().get(5, TimeUnit.SECONDS);

        assertThat(counter.started).containsExactly("config");
        assertThat(listener.transitions()).extracting(t -> t.to()).containsSubsequence(ServiceState.RUNNING,
                ServiceState.STOPPED, ServiceState.RUNNING);
    }

    @Test
    void listenerThatThrowsDoesNotStopTheRegistryNorTheOtherListeners() throws Exception {
        registry.addListener(new ServiceListener() {
            @Override
            public void onTransition(ServiceTransition transition) {
                throw new IllegalStateException("listener bug");
            }
        });
        registry.addListener(new ServiceListener() {
            @Override
            public void onTransition(ServiceTransition transition) {
                throw new AssertionError("listener assertion");
            }
        });
        registry.install("config", String.class, ctx -> "v1");
        registry.install(ServiceDefinition.builder(ServiceKey.of("db", String.class), ctx -> "db")
                .dependsOn("config").build());

        registry.startAll().get(5, TimeUnit.SECONDS);
        registry.restart("config").get(5, TimeUnit.SECONDS);

        assertThat(registry.snapshot()).extracting(ServiceSnapshot::state).containsOnly(ServiceState.RUNNING);
        assertThat(listener.of("db")).containsExactly("INSTALLED->WAITING", "WAITING->STARTING",
                "STARTING->RUNNING", "RUNNING->STOPPING", "STOPPING->WAITING", "WAITING->STARTING",
                "STARTING->RUNNING");
    }

    @Test
    void listenerMayCallTheRegistryWhileItIsBeingNotified() throws Exception {
        ServiceKey<String> configKey = ServiceKey.of("config", String.class);
        List<String> seenByListener = new CopyOnWriteArrayList<>();
        registry.addListener(new ServiceListener() {
            @Override
            public void onTransition(ServiceTransition t) {
                if (t.key().equals(configKey) && t.to() == ServiceState.RUNNING) {
                    seenByListener.add("config=" + registry.get(configKey));
                    seenByListener.add("services=" + registry.snapshot().size());
                    registry.install(ServiceDefinition.builder(ServiceKey.of("audit", String.class),
                            ctx -> "audit of " + registry.get(configKey)).requires(configKey).build());
                }
            }
        });
        registry.install("config", String.class, ctx -> "v1");

        registry.startAll().get(5, TimeUnit.SECONDS);
        registry.settled().get(5, TimeUnit.SECONDS);

        assertThat(seenByListener).containsExactly("config=v1", "services=1");
        assertThat(registry.get(ServiceKey.of("audit", String.class))).isEqualTo("audit of v1");
    }

    @Test
    void listenerMayCloseTheRegistryWhenAServiceGivesUp() throws Exception {
        ServiceRegistry threaded = rebuildOnDefaultExecutor(options -> options.restartPolicy(RestartPolicy.never()));
        CompletableFuture<Void> closedByListener = new CompletableFuture<>();
        threaded.addListener(new ServiceListener() {
            @Override
            public void onGiveUp(ServiceKey<?> key, Escalation escalation, Throwable cause) {
                threaded.close();
                closedByListener.complete(null);
            }
        });
        log.install(threaded, "config");
        log.install(threaded, "web", "config");
        ManualStart<String> db = installStartedByHand("db");
        threaded.startAll();
        await().atMost(Duration.ofSeconds(10)).until(() -> db.starts() == 1);

        db.fail(new SQLException("connection refused"));
        closedByListener.get(10, TimeUnit.SECONDS);

        assertThat(log.of("stop")).containsExactly("web", "config");
        assertThat(threaded.snapshot()).extracting(ServiceSnapshot::id, ServiceSnapshot::state).containsExactly(
                tuple("config", ServiceState.STOPPED), tuple("web", ServiceState.STOPPED),
                tuple("db", ServiceState.FAILED));
    }

    @Test
    void snapshotHasEveryFieldOfEachService() throws Exception {
        AtomicBoolean configHealthy = new AtomicBoolean(true);
        ManualStart<String> config = new ManualStart<>();
        registry.install(ServiceDefinition.builder(ServiceKey.of("config", String.class), config)
                .healthCheck(configHealthy::get).build());
        registry.install(ServiceDefinition.builder(ServiceKey.of("db", String.class), ctx -> "db")
                .requires(ServiceKey.of("config", String.class)).build());
        registry.install(ServiceDefinition.builder(ServiceKey.of("cache", String.class), ctx -> "cache")
                .dependsOn("db").wants("metrics:main").build());
        registry.install(ServiceKey.of("metrics", String.class, "main").name(), Integer.class, ctx -> 1);
        registry.install(ServiceDefinition.builder(ServiceKey.of("metrics", String.class, "main"),
                takes30MsToStop("metrics")).build());
        registry.startAll();
        time.advance(Duration.ofMillis(120));
        config.complete("v1");
        time.advance(Duration.ofMillis(880));
        registry.restart("metrics:main").get(5, TimeUnit.SECONDS);
        time.advance(Duration.ofMillis(970));
        configHealthy.set(false);
        registry.checkHealth().get(5, TimeUnit.SECONDS);
        registry.fail("db", new SQLException("connection reset")).get(5, TimeUnit.SECONDS);
        registry.install(ServiceDefinition.builder(ServiceKey.of("reports", String.class), ctx -> "reports")
                .dependsOn("warehouse").build());

        Instant t120 = t0.plusMillis(120);
        Instant t1000 = t0.plusMillis(1000);
        Instant t2000 = t0.plusMillis(2000);
        assertThat(snapshot("config")).isEqualTo(new ServiceSnapshot(ServiceKey.of("config", String.class),
                ServiceState.RUNNING, TransitionReason.STARTUP, t120, List.of(), List.of(), List.of("db"), List.of(),
                List.of(), null, 0, null, null, Duration.ofMillis(120), null, ServiceHealth.DOWN));
        ServiceSnapshot db = snapshot("db");
        assertThat(db.lastFailure().cause()).isInstanceOf(SQLException.class);
        assertThat(db).isEqualTo(new ServiceSnapshot(ServiceKey.of("db", String.class), ServiceState.FAILED,
                TransitionReason.FAILURE, t2000, List.of("config"), List.of(), List.of("cache"), List.of(), List.of(),
                null, 0, new FailureInfo("java.sql.SQLException", "connection reset", t2000,
                        db.lastFailure().cause()), t2000.plusMillis(100), Duration.ZERO, Duration.ZERO,
                ServiceHealth.UNKNOWN));
        assertThat(snapshot("cache")).isEqualTo(new ServiceSnapshot(ServiceKey.of("cache", String.class),
                ServiceState.WAITING, TransitionReason.DEPENDENCY, t2000, List.of("db"), List.of("metrics:main"),
                List.of(), List.of("db"), List.of(),
                "blocked by db, which failed with java.sql.SQLException: connection reset", 0, null, null,
                Duration.ZERO, Duration.ZERO, ServiceHealth.UNKNOWN));
        assertThat(snapshot("metrics:main")).isEqualTo(new ServiceSnapshot(
                ServiceKey.of("metrics", String.class, "main"), ServiceState.RUNNING, TransitionReason.OPERATOR,
                t1000.plusMillis(30), List.of(), List.of(), List.of(), List.of(), List.of(), null, 1, null, null,
                Duration.ZERO, Duration.ofMillis(30), ServiceHealth.UP));
        assertThat(snapshot("reports")).isEqualTo(new ServiceSnapshot(ServiceKey.of("reports", String.class),
                ServiceState.WAITING, TransitionReason.STARTUP, t2000, List.of("warehouse"), List.of(), List.of(),
                List.of("warehouse"), List.of("warehouse"), "blocked by warehouse, which is not installed", 0, null,
                null, null, null, ServiceHealth.UNKNOWN));
        assertThat(registry.snapshot()).extracting(ServiceSnapshot::id).containsExactly("config", "db", "cache",
                "metrics", "metrics:main", "reports");
    }

    @Test
    void graphExportsToMermaidWithNodesInInstallationOrderAndEdgesFromRequirementToDependent() {
        installFourNodeGraph();

        String mermaid = registry.graph().toMermaid();

        assertThat(mermaid).isEqualTo("""
                flowchart LR
                  s0["config<br/>RUNNING"]:::running
                  s1["db<br/>RUNNING"]:::running
                  s2["metrics<br/>FAILED"]:::failed
                  s3["cache<br/>RUNNING"]:::running
                  s0 --> s1
                  s1 --> s3
                  s2 -.-> s3
                  classDef running fill:#c8f7c5,stroke:#2e7d32
                  classDef starting fill:#fff3c4,stroke:#b28704
                  classDef waiting fill:#fff3c4,stroke:#b28704
                  classDef stopping fill:#e0e0e0,stroke:#616161
                  classDef stopped fill:#e0e0e0,stroke:#616161
                  classDef installed fill:#e0e0e0,stroke:#616161
                  classDef failed fill:#f8c4c4,stroke:#c62828
                  classDef removed fill:#ffffff,stroke:#9e9e9e
                  classDef missing fill:#ffffff,stroke:#c62828,stroke-dasharray: 4
                """);
    }

    @Test
    void graphExportsToDotWithNodesFilledByState() {
        installFourNodeGraph();

        String dot = registry.graph().toDot();

        assertThat(dot).isEqualTo("""
                digraph services {
                  rankdir=LR;
                  node [shape=box, style=filled];
                  "config" [label="config\\nRUNNING", fillcolor="#c8f7c5"];
                  "db" [label="db\\nRUNNING", fillcolor="#c8f7c5"];
                  "metrics" [label="metrics\\nFAILED", fillcolor="#f8c4c4"];
                  "cache" [label="cache\\nRUNNING", fillcolor="#c8f7c5"];
                  "config" -> "db";
                  "db" -> "cache";
                  "metrics" -> "cache" [style=dashed];
                }
                """);
    }

    @Test
    void graphDrawsARequirementThatIsNotInstalledAsMissing() throws Exception {
        registry.startAll().get(5, TimeUnit.SECONDS);
        registry.install(ServiceDefinition.builder(ServiceKey.of("reports", String.class), ctx -> "reports")
                .dependsOn("warehouse").build());

        ServiceGraph graph = registry.graph();

        assertThat(graph.nodes()).containsExactly(
                new ServiceGraph.Node("reports", "java.lang.String", ServiceState.WAITING));
        assertThat(graph.edges()).containsExactly(new ServiceGraph.Edge("warehouse", "reports", false));
        assertThat(graph.toMermaid()).startsWith("""
                flowchart LR
                  s0["reports<br/>WAITING"]:::waiting
                  s1["warehouse<br/>MISSING"]:::missing
                  s1 --> s0
                """);
    }

    /** Covers a bug where a quote in a service name was escaped with a backslash, which Mermaid does not read. */
    @Test
    void graphEscapesNamesForMermaidAndForDot() {
        registry.install("say\"hi<#1>", String.class, ctx -> "hi");

        ServiceGraph graph = registry.graph();

        assertThat(graph.toMermaid()).contains("  s0[\"say#quot;hi#lt;#35;1#gt;<br/>INSTALLED\"]:::installed\n");
        assertThat(graph.toDot()).contains("  \"say\\\"hi<#1>\" [label=\"say\\\"hi<#1>\\nINSTALLED\", "
                + "fillcolor=\"#e0e0e0\"];\n");
    }

    /** config, db requiring config, metrics failing at start, cache requiring db and wanting metrics. */
    private void installFourNodeGraph() {
        registry.install("config", String.class, ctx -> "v1");
        registry.install(ServiceDefinition.builder(ServiceKey.of("db", String.class), ctx -> "db")
                .requires(ServiceKey.of("config", String.class)).build());
        registry.install(ServiceDefinition.builder(ServiceKey.of("metrics", String.class), ctx -> {
            throw new IllegalStateException("no exporter");
        }).restartPolicy(RestartPolicy.never()).build());
        registry.install(ServiceDefinition.builder(ServiceKey.of("cache", String.class), ctx -> "cache")
                .dependsOn("db").wants("metrics").build());
        registry.startAll();
    }

    @Test
    void startupReportShowsEachServiceAndTheChainThatDecidedHowLongStartUpTook() throws Exception {
        ManualStart<String> config = installStartedByHand("config");
        ManualStart<String> metrics = installStartedByHand("metrics");
        ManualStart<String> db = installStartedByHand("db", "config");
        ManualStart<String> cache = installStartedByHand("cache", "db");
        ManualStart<String> web = installStartedByHand("web", "cache", "metrics");

        var startAll = registry.startAll();
        time.advance(Duration.ofMillis(50));
        metrics.complete("metrics");
        time.advance(Duration.ofMillis(50));
        config.complete("config");
        time.advance(Duration.ofMillis(150));
        db.complete("db");
        time.advance(Duration.ofMillis(20));
        cache.complete("cache");
        time.advance(Duration.ofMillis(30));
        web.complete("web");
        startAll.get(5, TimeUnit.SECONDS);
        StartupReport report = registry.startupReport();

        assertThat(report.startedAt()).isEqualTo(t0);
        assertThat(report.total()).isEqualTo(Duration.ofMillis(300));
        assertThat(report.services()).containsExactly(
                entry("config", 0, 100), entry("metrics", 0, 50), entry("db", 100, 150), entry("cache", 250, 20),
                entry("web", 270, 30));
        assertThat(report.criticalPath()).containsExactly(
                entry("config", 0, 100), entry("db", 100, 150), entry("cache", 250, 20), entry("web", 270, 30));
        assertThat(report.criticalPathSummary())
                .isEqualTo("config (100.0 ms) -> db (150.0 ms) -> cache (20.0 ms) -> web (30.0 ms)");
        assertThat(report.toString()).isEqualTo(String.join("\n",
                "Start-up took 300.0 ms",
                "  config   at   0.0 ms  took 100.0 ms",
                "  metrics  at   0.0 ms  took  50.0 ms",
                "  db       at 100.0 ms  took 150.0 ms",
                "  cache    at 250.0 ms  took  20.0 ms",
                "  web      at 270.0 ms  took  30.0 ms",
                "Critical path: config (100.0 ms) -> db (150.0 ms) -> cache (20.0 ms) -> web (30.0 ms)",
                ""));
    }

    @Test
    void startupReportFollowsTheRequirementThatWasReadyLast() throws Exception {
        ManualStart<String> config = installStartedByHand("config");
        ManualStart<String> metrics = installStartedByHand("metrics");
        ManualStart<String> web = installStartedByHand("web", "config", "metrics");

        var startAll = registry.startAll();
        time.advance(Duration.ofMillis(40));
        config.complete("config");
        time.advance(Duration.ofMillis(60));
        metrics.complete("metrics");
        time.advance(Duration.ofMillis(5));
        web.complete("web");
        startAll.get(5, TimeUnit.SECONDS);

        assertThat(registry.startupReport().criticalPath()).containsExactly(entry("metrics", 0, 100),
                entry("web", 100, 5));
    }

    @Test
    void startupReportOfARegistryNeverStartedIsEmpty() {
        registry.install("config", String.class, ctx -> "v1");

        StartupReport report = registry.startupReport();

        assertThat(report.startedAt()).isNull();
        assertThat(report.total()).isNull();
        assertThat(report.services()).isEmpty();
        assertThat(report.criticalPath()).isEmpty();
    }

    private static StartupReport.Entry entry(String id, long offsetMillis, long durationMillis) {
        return new StartupReport.Entry(id, Duration.ofMillis(offsetMillis), Duration.ofMillis(durationMillis));
    }

    @Test
    void transitionsOfOneServiceArriveInTheOrderTheyHappened() throws Exception {
        registry.install("config", String.class, ctx -> "v1");
        List<ServiceState> states = new ArrayList<>();
        registry.addListener(new ServiceListener() {
            @Override
            public void onTransition(ServiceTransition t) {
                states.add(t.to());
            }
        });

        registry.startAll().get(5, TimeUnit.SECONDS);
        registry.restart("config").get(5, TimeUnit.SECONDS);
        registry.stop("config").get(5, TimeUnit.SECONDS);
        registry.start("config").get(5, TimeUnit.SECONDS);
        registry.remove("config").get(5, TimeUnit.SECONDS);

        assertThat(states).containsExactly(ServiceState.STARTING, ServiceState.RUNNING, ServiceState.STOPPING,
                ServiceState.WAITING, ServiceState.STARTING, ServiceState.RUNNING, ServiceState.STOPPING,
                ServiceState.STOPPED, ServiceState.STARTING, ServiceState.RUNNING, ServiceState.STOPPING,
                ServiceState.REMOVED);
    }
}
