package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The order of the phases: init at install, setup and start once every requirement is RUNNING, stop and join of
 * dependents before their requirements; what handles inject; {@code dependsOn} and {@code wants}.
 */
class StartOrderTests extends ManualRegistryTestBase {

    @Override
    boolean onCallingThread() {
        return true;
    }

    /** The chain {@code a <- b <- c}. */
    private void installChain() {
        log.install(registry, "a");
        log.install(registry, "b", "a");
        log.install(registry, "c", "b");
    }

    /** {@code root}, each of {@code branches} requiring it, and {@code sink} requiring every branch. */
    private void installFan(String... branches) {
        log.install(registry, "root");
        for (String branch : branches) {
            log.install(registry, branch, "root");
        }
        log.install(registry, "sink", branches);
    }

    /** {@code web}, which wants {@code cache}. */
    private void installWebWantingCache() {
        registry.install(log.definition("web").wants("cache").build());
    }

    @Test
    void chainRunsInitAtInstallThenSetupAndStartOfEachRequirementBeforeItsDependent() throws Exception {
        installChain();
        List<String> afterInstall = log.calls();
        registry.startAll().get(5, TimeUnit.SECONDS);

        assertThat(afterInstall).containsExactly("init a", "init b", "init c");
        assertThat(log.calls()).containsExactly("init a", "init b", "init c", "setup a", "start a", "setup b",
                "start b", "setup c", "start c");
    }

    @Test
    void chainStopsEachDependentAndJoinsItBeforeStoppingItsRequirement() throws Exception {
        installChain();
        registry.startAll().get(5, TimeUnit.SECONDS);
        int started = log.calls().size();

        registry.stopAll().get(5, TimeUnit.SECONDS);

        assertThat(log.calls().subList(started, log.calls().size())).containsExactly("stop c", "join c", "stop b",
                "join b", "stop a", "join a");
        assertThat(registry.snapshot()).extracting(ServiceSnapshot::state).containsOnly(ServiceState.STOPPED);
    }

    @Test
    void diamondStartsRootBeforeBothBranchesAndBothBranchesBeforeSink() throws Exception {
        rebuildOnDefaultExecutor();
        installFan("left", "right");

        registry.startAll().get(10, TimeUnit.SECONDS);

        for (String branch : List.of("left", "right")) {
            assertThat(log.indexOf("start", "root")).isLessThan(log.indexOf("setup", branch));
            assertThat(log.indexOf("start", branch)).isLessThan(log.indexOf("setup", "sink"));
        }
        assertThat(log.of("start")).containsExactlyInAnyOrder("root", "left", "right", "sink");
    }

    @Test
    void diamondStopsSinkFirstAndRootLast() throws Exception {
        rebuildOnDefaultExecutor();
        installFan("left", "right");
        registry.startAll().get(10, TimeUnit.SECONDS);

        registry.stopAll().get(10, TimeUnit.SECONDS);

        for (String branch : List.of("left", "right")) {
            assertThat(log.indexOf("join", "sink")).isLessThan(log.indexOf("stop", branch));
            assertThat(log.indexOf("join", branch)).isLessThan(log.indexOf("stop", "root"));
        }
        assertThat(log.of("stop")).containsExactlyInAnyOrder("root", "left", "right", "sink");
    }

    @Test
    void wideFanStartsRootThenEveryBranchThenSinkAndStopsInReverse() throws Exception {
        rebuildOnDefaultExecutor();
        String[] branches = new String[50];
        for (int i = 0; i < branches.length; i++) {
            branches[i] = "branch" + i;
        }
        installFan(branches);

        registry.startAll().get(10, TimeUnit.SECONDS);
        registry.stopAll().get(10, TimeUnit.SECONDS);

        for (String branch : branches) {
            assertThat(log.indexOf("start", "root")).isLessThan(log.indexOf("setup", branch));
            assertThat(log.indexOf("start", branch)).isLessThan(log.indexOf("setup", "sink"));
            assertThat(log.indexOf("join", "sink")).isLessThan(log.indexOf("stop", branch));
            assertThat(log.indexOf("join", branch)).isLessThan(log.indexOf("stop", "root"));
        }
        assertThat(log.of("start")).hasSize(52).doesNotHaveDuplicates();
        assertThat(log.of("stop")).hasSize(52).doesNotHaveDuplicates();
    }

    @Test
    void everySuccessfulStartGetsExactlyOneStopAcrossRestartsAndShutdown() throws Exception {
        installFan("left", "right");
        registry.startAll().get(5, TimeUnit.SECONDS);

        registry.restart("root").get(5, TimeUnit.SECONDS);
        registry.restart("left").get(5, TimeUnit.SECONDS);
        registry.stopAll().get(5, TimeUnit.SECONDS);

        assertThat(log.count("start", "root")).isEqualTo(2).isEqualTo(log.count("stop", "root"));
        assertThat(log.count("start", "right")).isEqualTo(2).isEqualTo(log.count("stop", "right"));
        assertThat(log.count("start", "left")).isEqualTo(3).isEqualTo(log.count("stop", "left"));
        assertThat(log.count("start", "sink")).isEqualTo(3).isEqualTo(log.count("stop", "sink"));
        for (String id : List.of("root", "left", "right", "sink")) {
            assertThat(log.count("join", id)).as("joins of %s", id).isEqualTo(log.count("stop", id));
        }
    }

    @Test
    void handleFromInitRequiresInjectsThePublishedValue() throws Exception {
        ServiceKey<StringBuilder> configKey = ServiceKey.of("config", StringBuilder.class);
        StringBuilder published = new StringBuilder("config-v1");
        registry.install(ServiceDefinition.of("config", StringBuilder.class, ctx -> published));
        AtomicReference<Object> seenInSetup = new AtomicReference<>();
        AtomicReference<Object> seenInStart = new AtomicReference<>();
        registry.install("db", String.class, new Service<>() {
            private ServiceHandle<StringBuilder> config;

            @Override
            public void init(ServiceInit init) {
                config = init.requires(configKey);
            }

            @Override
            public void setup(ServiceContext context) {
                seenInSetup.set(config.get());
            }

            @Override
            public String start(ServiceContext context) {
                seenInStart.set(config.get());
                return "db(" + config.get() + ")";
            }
        });

        registry.startAll().get(5, TimeUnit.SECONDS);

        assertThat(seenInSetup.get()).isSameAs(published);
        assertThat(seenInStart.get()).isSameAs(published);
        assertThat(registry.get(ServiceKey.of("db", String.class))).isEqualTo("db(config-v1)");
        assertThat(registry.snapshot("db").orElseThrow().requires()).containsExactly("config");
    }

    @Test
    void builderRequiresOrdersTheStartAndInjectsThePublishedValue() throws Exception {
        ServiceKey<Integer> portKey = ServiceKey.of("port", Integer.class);
        ServiceHandle<Integer> port = registry.handle(portKey);
        registry.install(ServiceDefinition.builder(ServiceKey.of("server", String.class), ctx -> {
            log.add("start", "server");
            return "listening on " + port.get();
        }).requires(portKey).build());
        registry.install(ServiceDefinition.of("port", Integer.class, ctx -> {
            log.add("start", "port");
            return 8080;
        }));

        registry.startAll().get(5, TimeUnit.SECONDS);

        assertThat(log.of("start")).containsExactly("port", "server");
        assertThat(registry.get(ServiceKey.of("server", String.class))).isEqualTo("listening on 8080");
        assertThat(registry.snapshot("port").orElseThrow().dependents()).containsExactly("server");
    }

    @Test
    void dependentCanStillReadItsRequirementsValueWhileItStops() throws Exception {
        ServiceHandle<String> config = registry.install("config", String.class, ctx -> "v1");
        AtomicReference<Object> seenInStop = new AtomicReference<>();
        AtomicReference<Object> seenInJoin = new AtomicReference<>();
        registry.install(ServiceDefinition.builder(ServiceKey.of("db", String.class),
                withStop("db", context -> seenInStop.set(config.get()), context -> seenInJoin.set(config.get())))
                .requires(config.key()).build());
        registry.startAll().get(5, TimeUnit.SECONDS);

        registry.stopAll().get(5, TimeUnit.SECONDS);

        assertThat(seenInStop.get()).isEqualTo("v1");
        assertThat(seenInJoin.get()).isEqualTo("v1");
    }

    @Test
    void dependsOnOrdersStartAndStopWithoutInjectingAValue() throws Exception {
        registry.install("schema", Void.class, log.everyPhase("schema", null));
        registry.install(ServiceDefinition.builder(ServiceKey.of("repository", String.class),
                log.everyPhase("repository", "repo")).dependsOn("schema").build());

        registry.startAll().get(5, TimeUnit.SECONDS);
        registry.stopAll().get(5, TimeUnit.SECONDS);

        assertThat(log.of("start")).containsExactly("schema", "repository");
        assertThat(log.of("stop")).containsExactly("repository", "schema");
        assertThat(registry.snapshot("repository").orElseThrow().requires()).containsExactly("schema");
    }

    @Test
    void wantedServiceThatIsInstalledStartsFirstAndTheWantingOneWaitsForIt() throws Exception {
        ManualStart<String> cache = installStartedByHand("cache");
        installWebWantingCache();

        registry.startAll();
        ServiceState webWhileCacheStarts = registry.handle(ServiceKey.of("web", String.class)).state();
        List<String> startsWhileCacheStarts = log.of("start");
        cache.complete("warm");

        assertThat(webWhileCacheStarts).isEqualTo(ServiceState.WAITING);
        assertThat(startsWhileCacheStarts).isEmpty();
        assertThat(log.of("start")).containsExactly("web");
        assertThat(registry.snapshot()).extracting(ServiceSnapshot::state).containsOnly(ServiceState.RUNNING);
        assertThat(registry.snapshot("web").orElseThrow().wants()).containsExactly("cache");
        assertThat(registry.snapshot("web").orElseThrow().requires()).isEmpty();
    }

    /** Covers a bug where a wanted service that waited on a requirement of its own did not order the start. */
    @Test
    void wantedServiceWaitingOnItsOwnRequirementStillStartsFirst() throws Exception {
        ManualStart<String> config = installStartedByHand("config");
        log.install(registry, "cache", "config");
        installWebWantingCache();

        registry.startAll();
        ServiceState webWhileConfigStarts = registry.handle(ServiceKey.of("web", String.class)).state();
        config.complete("config");

        assertThat(webWhileConfigStarts).isEqualTo(ServiceState.WAITING);
        assertThat(log.of("start")).containsExactly("cache", "web");
    }

    @Test
    void wantedServiceBlockedByAFailedRequirementDoesNotHoldTheStartBack() {
        ManualStart<String> config = new ManualStart<>();
        registry.install(ServiceDefinition.builder(ServiceKey.of("config", String.class), config)
                .restartPolicy(RestartPolicy.never()).build());
        log.install(registry, "cache", "config");
        installWebWantingCache();

        registry.startAll();
        config.fail(new IllegalStateException("no config"));

        assertThat(registry.handle(ServiceKey.of("cache", String.class)).state()).isEqualTo(ServiceState.WAITING);
        assertThat(registry.handle(ServiceKey.of("web", String.class)).state()).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void wantedServiceThatIsNotInstalledDoesNotHoldTheStartBack() throws Exception {
        installWebWantingCache();

        registry.startAll().get(5, TimeUnit.SECONDS);

        assertThat(registry.handle(ServiceKey.of("web", String.class)).state()).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void wantedServiceThatFailsDoesNotHoldTheStartBack() {
        ManualStart<String> cache = new ManualStart<>();
        registry.install(ServiceDefinition.builder(ServiceKey.of("cache", String.class), cache)
                .restartPolicy(RestartPolicy.never()).build());
        installWebWantingCache();

        registry.startAll();
        cache.fail(new IllegalStateException("cache unreachable"));

        assertThat(registry.handle(ServiceKey.of("cache", String.class)).state()).isEqualTo(ServiceState.FAILED);
        assertThat(registry.handle(ServiceKey.of("web", String.class)).state()).isEqualTo(ServiceState.RUNNING);
        assertThat(log.of("start")).containsExactly("web");
    }
}
