package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Keys: the id of a key with and without qualifier, several qualified instances of one kind of service side by
 * side, and services of type {@link Void} that publish no value.
 */
class ServiceKeyTests extends ManualRegistryTestBase {

    /** A client of one cluster. */
    record Client(String cluster) {
    }

    private final ServiceKey<Client> clientA = ServiceKey.of("client", Client.class, "a");
    private final ServiceKey<Client> clientB = ServiceKey.of("client", Client.class, "b");

    @Override
    boolean onCallingThread() {
        return true;
    }

    @Test
    void idOfAKeyWithoutQualifierIsItsName() {
        ServiceKey<String> key = ServiceKey.of("config", String.class);

        assertThat(key.id()).isEqualTo("config");
        assertThat(key.qualifier()).isNull();
        assertThat(key).hasToString("config (java.lang.String)");
    }

    @Test
    void idOfAQualifiedKeyIsNameColonQualifier() {
        assertThat(clientA.id()).isEqualTo("client:a");
        assertThat(clientA.name()).isEqualTo("client");
        assertThat(clientA.qualifier()).isEqualTo("a");
        assertThat(clientA).hasToString("client:a (dev.lifecycle.core.ServiceKeyTests$Client)");
    }

    @Test
    void keysWithTheSameNameTypeAndQualifierAreEqual() {
        assertThat(ServiceKey.of("client", Client.class, "a")).isEqualTo(clientA).hasSameHashCodeAs(clientA);
        assertThat(ServiceKey.of("client", Client.class, null)).isEqualTo(ServiceKey.of("client", Client.class))
                .isNotEqualTo(clientA);
        assertThat(clientA).isNotEqualTo(clientB);
    }

    @Test
    void twoQualifiedInstancesOfOneKindRunSideBySideWithTheirOwnValues() throws Exception {
        registry.install(ServiceDefinition.builder(clientA, ctx -> new Client("a")).build());
        registry.install(ServiceDefinition.builder(clientB, ctx -> new Client("b")).build());
        registry.install("router", String.class, new Service<>() {
            private ServiceHandle<Client> a;
            private ServiceHandle<Client> b;

            @Override
            public void init(ServiceInit init) {
                a = init.requires(clientA);
                b = init.requires(clientB);
            }

            @Override
            public String start(ServiceContext context) {
                return "routes to " + a.get().cluster() + " and " + b.get().cluster();
            }
        });

        registry.startAll().get(5, TimeUnit.SECONDS);

        assertThat(registry.get(clientA)).isEqualTo(new Client("a"));
        assertThat(registry.get(clientB)).isEqualTo(new Client("b"));
        assertThat(registry.get(ServiceKey.of("router", String.class))).isEqualTo("routes to a and b");
        assertThat(registry.snapshot()).extracting(ServiceSnapshot::id).containsExactly("client:a", "client:b",
                "router");
        assertThat(registry.snapshot("router").orElseThrow().requires()).containsExactly("client:a", "client:b");
        assertThat(registry.snapshot("client:a").orElseThrow().key()).isEqualTo(clientA);
    }

    @Test
    void stoppingOneQualifiedInstanceStopsOnlyItsOwnDependents() throws Exception {
        registry.install(ServiceDefinition.builder(clientA, ctx -> new Client("a")).build());
        registry.install(ServiceDefinition.builder(clientB, ctx -> new Client("b")).build());
        registry.install(ServiceDefinition.builder(ServiceKey.of("reader", String.class, "a"), ctx -> "reads a")
                .dependsOn("client:a").build());
        registry.install(ServiceDefinition.builder(ServiceKey.of("reader", String.class, "b"), ctx -> "reads b")
                .dependsOn("client:b").build());
        registry.startAll().get(5, TimeUnit.SECONDS);

        registry.stop("client:a").get(5, TimeUnit.SECONDS);

        assertThat(registry.handle(clientA).state()).isEqualTo(ServiceState.STOPPED);
        assertThat(registry.snapshot("reader:a").orElseThrow().state()).isEqualTo(ServiceState.WAITING);
        assertThat(registry.handle(clientB).state()).isEqualTo(ServiceState.RUNNING);
        assertThat(registry.snapshot("reader:b").orElseThrow().state()).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void unqualifiedNameIsAnotherServiceThanItsQualifiedInstances() throws Exception {
        registry.install(ServiceDefinition.builder(clientA, ctx -> new Client("a")).build());
        registry.startAll().get(5, TimeUnit.SECONDS);

        assertThatThrownBy(() -> registry.get(ServiceKey.of("client", Client.class)))
                .isInstanceOf(UnknownServiceException.class).hasMessageStartingWith("No service 'client' is installed");
    }

    @Test
    void voidServicePublishesNoValueAndOrdersItsDependents() throws Exception {
        ServiceKey<Void> migration = ServiceKey.of("migration", Void.class);
        StringBuilder order = new StringBuilder();
        registry.install("migration", Void.class, ctx -> {
            order.append("migrated;");
            return null;
        });
        registry.install(ServiceDefinition.builder(ServiceKey.of("repository", String.class), ctx -> {
            order.append("repository;");
            return "repository";
        }).requires(migration).build());

        registry.startAll().get(5, TimeUnit.SECONDS);

        assertThat(order).hasToString("migrated;repository;");
        assertThat(registry.handle(migration).state()).isEqualTo(ServiceState.RUNNING);
        assertThat(registry.get(migration)).isNull();
        assertThat(registry.await(migration)).isCompletedWithValue(null);
    }

    @Test
    void voidServiceThatIsNotRunningHasNoValueToRead() {
        ServiceKey<Void> migration = ServiceKey.of("migration", Void.class);
        registry.install("migration", Void.class, ctx -> null);

        assertThatThrownBy(() -> registry.get(migration)).isInstanceOf(ServiceNotRunningException.class)
                .hasMessageStartingWith("Service 'migration' is not RUNNING: it is INSTALLED");
    }
}
