package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the registry refuses about the shape of the graph: cycles at install, missing requirements at the first
 * start, clashing types and invalid names, each with a message naming the problem and the fix.
 */
class GraphValidationTests extends ManualRegistryTestBase {

    @Override
    boolean onCallingThread() {
        return true;
    }

    @Test
    void cycleIsRefusedAtInstallWithTheWholePathFromItsFirstInstalledService() {
        log.install(registry, "a", "b");
        log.install(registry, "b", "c");

        DependencyCycleException cycle = catchThrowableOfType(DependencyCycleException.class,
                () -> log.install(registry, "c", "a"));

        assertThat(cycle).hasMessage("Dependency cycle: a -> b -> c -> a; break it by removing one of these "
                + "requirements (making one a 'wants' would not: a 'wants' orders the start too)");
        assertThat(cycle.path()).containsExactly("a", "b", "c", "a");
        assertThat(registry.snapshot()).extracting(ServiceSnapshot::id).containsExactly("a", "b");
    }

    @Test
    void cycleClosedByARequirementOfTheFirstInstalledServiceStartsFromIt() {
        log.install(registry, "b", "a");
        log.install(registry, "c", "b");

        assertThatThrownBy(() -> registry.install(ServiceDefinition.builder(ServiceKey.of("a", String.class),
                log.everyPhase("a", "a")).requires(ServiceKey.of("c", String.class)).build()))
                .isInstanceOf(DependencyCycleException.class)
                .hasMessageStartingWith("Dependency cycle: b -> a -> c -> b; ");
    }

    @Test
    void serviceRequiringItselfIsRefused() {
        assertThatThrownBy(() -> log.install(registry, "a", "a")).isInstanceOf(DependencyCycleException.class)
                .hasMessage("Dependency cycle: a -> a; break it by removing one of these requirements (making one "
                        + "a 'wants' would not: a 'wants' orders the start too)");

        assertThat(registry.snapshot()).isEmpty();
    }

    @Test
    void cycleThroughAWantsIsRefused() {
        registry.install(log.definition("a").wants("b").build());

        assertThatThrownBy(() -> log.install(registry, "b", "a")).isInstanceOf(DependencyCycleException.class)
                .hasMessage("Dependency cycle: a -> b -> a, through a 'wants' (which orders the start as a "
                        + "requirement does); break it by removing one of these requirements or wants");

        assertThat(registry.snapshot()).extracting(ServiceSnapshot::id).containsExactly("a");
    }

    @Test
    void serviceWantingItselfIsRefused() {
        assertThatThrownBy(() -> registry.install(ServiceDefinition.builder(ServiceKey.of("a", String.class),
                log.everyPhase("a", "a")).wants("a").build())).isInstanceOf(DependencyCycleException.class)
                .hasMessageStartingWith("Dependency cycle: a -> a, through a 'wants'");
    }

    @Test
    void firstStartWithMissingRequirementsListsEachWithWhoNeedsItAndStartsNothing() {
        registry.install(log.definition("web").requires(ServiceKey.of("db", String.class)).build());
        log.install(registry, "jobs", "db", "queue");
        log.install(registry, "metrics");

        MissingDependencyException missing = catchThrowableOfType(MissingDependencyException.class,
                registry::startAll);

        assertThat(missing).hasMessage("Missing required services: 'jobs' and 'web' require 'db', which is not "
                + "installed. 'jobs' requires 'queue', which is not installed. Install the missing services before "
                + "starting the registry, or remove the requirements.");
        assertThat(missing.suggestions()).isEmpty();
        assertThat(missing.missing()).isEqualTo(Map.of("db", List.of("jobs", "web"), "queue", List.of("jobs")));
        assertThat(missing.missing().keySet()).containsExactly("db", "queue");
        assertThat(log.of("start")).isEmpty();
        assertThat(registry.snapshot()).extracting(ServiceSnapshot::state).containsOnly(ServiceState.INSTALLED);
    }

    @Test
    void missingRequirementsAreListedByIdWhateverTheJvm() {
        log.install(registry, "web", "sessions", "db", "cache", "queue", "auth", "mail");

        MissingDependencyException missing = catchThrowableOfType(MissingDependencyException.class,
                registry::startAll);

        assertThat(missing.missing().keySet()).containsExactly("auth", "cache", "db", "mail", "queue", "sessions");
    }

    @Test
    void missingRequirementsAreListedInTheOrderTheExceptionWasGivenThemInEveryJvm() {
        Map<String, List<String>> given = new LinkedHashMap<>();
        for (String id : List.of("queue", "db", "cache", "auth", "mail", "search", "billing", "audit")) {
            given.put(id, List.of("web"));
        }

        MissingDependencyException missing = new MissingDependencyException(given, List.of("serach", "biling"));

        assertThat(missing.missing().keySet()).containsExactlyElementsOf(given.keySet());
        assertThat(missing.suggestions().keySet()).containsExactly("search", "billing");
    }

    @Test
    void startSucceedsOnceTheMissingRequirementsAreInstalled() throws Exception {
        log.install(registry, "jobs", "db");
        assertThatThrownBy(registry::startAll).isInstanceOf(MissingDependencyException.class);

        log.install(registry, "db");
        registry.startAll().get(5, TimeUnit.SECONDS);

        assertThat(log.of("start")).containsExactly("db", "jobs");
    }

    @Test
    void wantedServiceThatIsNotInstalledIsNotMissing() throws Exception {
        registry.install(log.definition("web").wants("cache").build());

        registry.startAll().get(5, TimeUnit.SECONDS);

        assertThat(log.of("start")).containsExactly("web");
    }

    @Test
    void installingTheSameKeyAgainReturnsTheInstalledServiceWithoutRunningInitAgain() {
        ServiceHandle<String> first = log.install(registry, "config");

        ServiceHandle<String> second = registry.install("config", String.class, log.everyPhase("config", "other"));

        assertThat(second.key()).isEqualTo(first.key());
        assertThat(log.of("init")).containsExactly("config");
        assertThat(registry.snapshot()).hasSize(1);
    }

    @Test
    void installingTheSameIdWithAnotherTypeIsRefused() {
        log.install(registry, "config");

        assertThatThrownBy(() -> registry.install("config", Integer.class, ctx -> 1))
                .isInstanceOf(ServiceTypeClashException.class)
                .hasMessage("Service 'config' is already installed with type java.lang.String; it cannot be "
                        + "installed again with type java.lang.Integer (use another name, or a qualifier)");
        assertThat(registry.snapshot()).extracting(s -> (Object) s.key().type()).containsExactly(String.class);
    }

    @Test
    void requirementOfAnotherTypeThanTheInstalledServiceIsRefused() {
        registry.install("port", Integer.class, ctx -> 8080);

        assertThatThrownBy(() -> registry.install(ServiceDefinition.builder(ServiceKey.of("server", String.class),
                ctx -> "server").requires(ServiceKey.of("port", String.class)).build()))
                .isInstanceOf(ServiceTypeClashException.class)
                .hasMessage("Service 'server' requires 'port' as java.lang.String, but 'port' is installed with "
                        + "type java.lang.Integer");
        assertThat(registry.snapshot()).extracting(ServiceSnapshot::id).containsExactly("port");
    }

    @Test
    void serviceOfAnotherTypeThanItsDependentsRequireIsRefused() {
        registry.install(ServiceDefinition.builder(ServiceKey.of("server", String.class), ctx -> "server")
                .requires(ServiceKey.of("port", String.class)).build());

        assertThatThrownBy(() -> registry.install("port", Integer.class, ctx -> 8080))
                .isInstanceOf(ServiceTypeClashException.class)
                .hasMessage("Service 'port' cannot be installed with type java.lang.Integer: 'server' requires it "
                        + "as java.lang.String");
    }

    @Test
    void requirementOfASupertypeAcceptsTheInstalledService() throws Exception {
        log.install(registry, "name");
        ServiceKey<CharSequence> asText = ServiceKey.of("name", CharSequence.class);
        registry.install(ServiceDefinition.builder(ServiceKey.of("greeting", String.class),
                ctx -> "hello " + registry.get(asText)).requires(asText).build());

        registry.startAll().get(5, TimeUnit.SECONDS);

        assertThat(registry.get(ServiceKey.of("greeting", String.class))).isEqualTo("hello name");
    }

    @Test
    void nameWithWhitespaceIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> ServiceKey.of("my db", String.class))
                .withMessage("Invalid service name 'my db': it must not contain ':' or whitespace (use the "
                        + "qualifier to tell instances apart)");
    }

    @Test
    void nameWithAColonIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> ServiceKey.of("client:a", String.class))
                .withMessage("Invalid service name 'client:a': it must not contain ':' or whitespace (use the "
                        + "qualifier to tell instances apart)");
    }

    @Test
    void qualifierWithAColonOrWhitespaceIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> ServiceKey.of("client", String.class, "eu west"))
                .withMessage("Invalid service qualifier 'eu west': it must not contain ':' or whitespace (use the "
                        + "qualifier to tell instances apart)");
        assertThatIllegalArgumentException().isThrownBy(() -> ServiceKey.of("client", String.class, "eu:west"))
                .withMessageStartingWith("Invalid service qualifier 'eu:west': ");
    }

    @Test
    void emptyNameIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> ServiceKey.of("", String.class))
                .withMessage("A service name must not be empty");
    }

    @Test
    void requirementIdWithWhitespaceIsRefusedAtInstallInsteadOfWaitingForAServiceThatCannotExist() {
        ServiceDefinition<String> web = log.definition("web").dependsOn("my db").build();

        assertThatIllegalArgumentException().isThrownBy(() -> registry.install(web))
                .withMessage("Invalid service name 'my db': it must not contain ':' or whitespace (use the "
                        + "qualifier to tell instances apart)");
        assertThat(registry.snapshot()).isEmpty();
    }

    @Test
    void wantedIdWithAnEmptyQualifierIsRefusedAtInstall() {
        ServiceDefinition<String> web = log.definition("web").wants("cache:").build();

        assertThatIllegalArgumentException().isThrownBy(() -> registry.install(web))
                .withMessage("A service qualifier must not be empty");
    }

    @Test
    void requirementIdWithAQualifierIsAccepted() throws Exception {
        registry.install(ServiceKey.of("client", String.class, "eu").name(), String.class, ctx -> "unqualified");
        registry.install(ServiceDefinition.builder(ServiceKey.of("client", String.class, "eu"), ctx -> "eu").build());
        registry.install(log.definition("web").dependsOn("client:eu").build());

        registry.startAll().get(5, TimeUnit.SECONDS);

        assertThat(registry.snapshot("web").orElseThrow().requires()).containsExactly("client:eu");
        assertThat(registry.snapshot("client:eu").orElseThrow().dependents()).containsExactly("web");
        assertThat(registry.snapshot("client").orElseThrow().dependents()).isEmpty();
    }

    @Test
    void blankRequirementIdIsRefused() {
        ServiceDefinition<String> web = log.definition("web").dependsOn(" ").build();

        assertThatIllegalArgumentException().isThrownBy(() -> registry.install(web))
                .withMessage("A service id must not be blank");
        assertThat(registry.snapshot()).isEmpty();
    }

    @Test
    void blankRequirementIdDeclaredInInitRefusesTheInstall() {
        assertThatThrownBy(() -> log.install(registry, "web", " ")).isInstanceOf(LifecycleException.class)
                .hasMessage("Init of service 'web' failed: java.lang.IllegalArgumentException: A service id must "
                        + "not be blank; nothing was installed");
    }
}
