package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link ServiceRegistry#installAll}: many services installed in one change, as {@link ServiceRegistry#install} would
 * one after the other, with the same checks and exceptions; and {@link ServiceRegistry#countByState}, the cheap
 * check of what state the services are in.
 */
class InstallAllTests extends ManualRegistryTestBase {

    @Override
    boolean onCallingThread() {
        return true;
    }

    @Test
    void servicesInstalledTogetherStartInDependencyOrderWhateverTheirOrderInTheList() {
        List<ServiceHandle<?>> handles = registry.installAll(List.of(
                definition("web", "db"), definition("db", "config"), definition("config")));

        assertThat(handles).extracting(h -> h.key().id()).containsExactly("web", "db", "config");
        assertThat(registry.snapshot()).extracting(ServiceSnapshot::id).containsExactly("web", "db", "config");
        assertThat(registry.startAll()).succeedsWithin(WAIT);
        assertThat(log.calls()).containsSubsequence("init web", "init db", "init config", "start config",
                "start db", "start web");
        assertThat(registry.get(ServiceKey.of("web", String.class))).isEqualTo("web");
    }

    @Test
    void aKeyInstalledAlreadyOrEarlierInTheListGivesTheExistingServiceWithoutRunningItsInitAgain() {
        log.install(registry, "config");

        List<ServiceHandle<?>> handles = registry.installAll(List.of(definition("config"), definition("db"),
                definition("db")));

        assertThat(handles).extracting(h -> h.key().id()).containsExactly("config", "db", "db");
        assertThat(log.callsOf("config")).containsExactly("init config");
        assertThat(log.callsOf("db")).containsExactly("init db");
        assertThat(registry.snapshot()).extracting(ServiceSnapshot::id).containsExactly("config", "db");
    }

    @Test
    void aServiceClosingACycleIsRefusedWithTheWholePathAndThoseBeforeItStayInstalled() {
        assertThatThrownBy(() -> registry.installAll(List.of(definition("a", "b"), definition("b", "c"),
                definition("c", "a"), definition("d"))))
                .isInstanceOf(DependencyCycleException.class)
                .hasMessage("Dependency cycle: a -> b -> c -> a; break it by removing one of these "
                        + "requirements (making one a 'wants' would not: a 'wants' orders the start too)");

        assertThat(registry.snapshot()).extracting(ServiceSnapshot::id).containsExactly("a", "b");
    }

    @Test
    void aClashOfTypesIsRefusedAsInstallWouldRefuseIt() {
        registry.install("port", Integer.class, ctx -> 8080);

        assertThatThrownBy(() -> registry.installAll(List.of(definition("config"),
                ServiceDefinition.builder(ServiceKey.of("port", String.class), ctx -> "8080").build(),
                definition("web"))))
                .isInstanceOf(ServiceTypeClashException.class)
                .hasMessage("Service 'port' is already installed with type java.lang.Integer; it cannot be "
                        + "installed again with type java.lang.String (use another name, or a qualifier)");

        assertThat(registry.snapshot()).extracting(ServiceSnapshot::id).containsExactly("port", "config");
    }

    @Test
    void anInitThatThrowsEndsTheInstallWithTheServicesBeforeItInstalled() {
        Service<String> broken = new Service<>() {
            @Override
            public void init(ServiceInit init) {
                throw new IllegalStateException("no config path");
            }

            @Override
            public String start(ServiceContext context) {
                return "config";
            }
        };

        assertThatThrownBy(() -> registry.installAll(List.of(definition("db"),
                ServiceDefinition.builder(ServiceKey.of("config", String.class), broken).build(),
                definition("web"))))
                .isInstanceOf(LifecycleException.class)
                .hasMessage("Init of service 'config' failed: java.lang.IllegalStateException: no config path; "
                        + "nothing was installed");

        assertThat(registry.snapshot()).extracting(ServiceSnapshot::id).containsExactly("db");
    }

    @Test
    void servicesInstalledTogetherIntoARunningRegistryStartOnceTheirRequirementsAreRunning() {
        log.install(registry, "config");
        assertThat(registry.startAll()).succeedsWithin(WAIT);

        registry.installAll(List.of(definition("web", "db"), definition("db", "config")));

        assertThat(registry.settled()).succeedsWithin(WAIT);
        assertThat(registry.snapshot()).extracting(ServiceSnapshot::state).containsOnly(ServiceState.RUNNING);
        assertThat(log.calls()).containsSubsequence("start db", "start web");
    }

    @Test
    void countByStateCountsEveryStateWithoutASnapshotOfEachService() {
        log.install(registry, "config");
        log.install(registry, "db", "config");
        log.install(registry, "web", "db");
        assertThat(registry.countByState()).containsEntry(ServiceState.INSTALLED, 3)
                .containsEntry(ServiceState.RUNNING, 0);
        assertThat(registry.startAll()).succeedsWithin(WAIT);

        assertThat(registry.stop("db")).succeedsWithin(WAIT);

        Map<ServiceState, Integer> counts = registry.countByState();
        assertThat(counts).containsOnlyKeys(ServiceState.values());
        assertThat(counts).containsEntry(ServiceState.RUNNING, 1).containsEntry(ServiceState.STOPPED, 1)
                .containsEntry(ServiceState.WAITING, 1).containsEntry(ServiceState.FAILED, 0);
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(3);
    }

    @Test
    void aRegistryOfAnotherMakeInstallsAllOneAfterTheOtherAndCountsStatesFromItsSnapshots() {
        // Implements only the abstract methods, by the registry's own; installAll and countByState are the defaults.
        InvocationHandler abstractOnly = (proxy, method, args) -> {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            try {
                return method.invoke(registry, args);
            } catch (InvocationTargetException ex) {
                throw ex.getCause();
            }
        };
        ServiceRegistry other = (ServiceRegistry) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { ServiceRegistry.class }, abstractOnly);

        List<ServiceHandle<?>> handles = other.installAll(List.of(definition("db", "config"), definition("config")));

        assertThat(handles).extracting(h -> h.key().id()).containsExactly("db", "config");
        assertThat(other.startAll()).succeedsWithin(WAIT);
        assertThat(other.countByState()).containsOnlyKeys(ServiceState.values())
                .containsEntry(ServiceState.RUNNING, 2).containsEntry(ServiceState.FAILED, 0);
        assertThatThrownBy(() -> other.installAll(List.of(definition("cache"), definition("queue", "worker"),
                definition("worker", "queue"), definition("web"))))
                .isInstanceOf(DependencyCycleException.class).hasMessageStartingWith("Dependency cycle: queue -> "
                        + "worker -> queue;");
        assertThat(registry.snapshot()).extracting(ServiceSnapshot::id).containsExactly("db", "config", "cache",
                "queue");
    }

    /** {@code id} of type String, publishing its id, requiring {@code requires} by id. */
    private ServiceDefinition<String> definition(String id, String... requires) {
        return ServiceDefinition.builder(ServiceKey.of(id, String.class), log.everyPhase(id, id, requires)).build();
    }
}
