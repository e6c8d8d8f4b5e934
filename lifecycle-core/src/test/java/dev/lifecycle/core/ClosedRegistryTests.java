package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * A closed registry refuses at once, with the call named, every operation that would change it; its reads keep
 * working, and nobody is left awaiting a service that will never start.
 */
class ClosedRegistryTests extends ManualRegistryTestBase {

    private static final ServiceKey<String> DB = ServiceKey.of("db", String.class);

    @Test
    void everyOperationOnAClosedRegistryIsRefusedAtOnceNamingTheCall() throws Exception {
        registry.install("db", String.class, log.service("db"));
        done(registry.startAll());
        registry.close();

        Map<String, Supplier<?>> calls = new LinkedHashMap<>();
        calls.put("install('cache')", () -> registry.install("cache", String.class, log.service("cache")));
        calls.put("install('db')", () -> registry.install("db", String.class, log.service("db")));
        calls.put("remove('db')", () -> registry.remove("db"));
        calls.put("fail('db')", () -> registry.fail("db", new IOException("lost")));
        calls.put("restart('db')", () -> registry.restart("db"));
        calls.put("stop('db')", () -> registry.stop("db"));
        calls.put("start('db')", () -> registry.start("db"));
        calls.put("startAll()", registry::startAll);
        calls.put("await('db')", () -> registry.await(DB));
        calls.put("await('db') through a handle", () -> registry.handle(DB).await());
        calls.forEach((call, operation) -> assertThatThrownBy(operation::get).as(call)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot " + call.split(" ")[0] + ": the registry is closed; build a new one"));

        assertThat(log.starts("cache")).isZero();
        assertThat(registry.snapshot()).extracting(ServiceSnapshot::id).containsExactly("db");
        assertThat(registry.snapshot("db")).get().extracting(ServiceSnapshot::state).isEqualTo(ServiceState.STOPPED);
        assertThat(registry.graph().nodes()).hasSize(1);
        assertThat(registry.startupReport().services()).hasSize(1);
        assertThat(registry.handle(DB).state()).isEqualTo(ServiceState.STOPPED);
        assertThatThrownBy(() -> registry.get(DB)).isInstanceOf(ServiceNotRunningException.class);
        assertThat(registry.stopAll()).as("stopping a stopped registry").succeedsWithin(WAIT);
        assertThat(registry.settled()).succeedsWithin(WAIT);
        assertThat(registry.checkHealth()).succeedsWithin(WAIT);
        registry.close();
    }

    @Test
    void closeFailsTheAwaitersOfServicesThatWillNeverStart() throws Exception {
        registry.install(ServiceDefinition.builder(DB, log.service("db")).dependsOn("config").build());
        CompletableFuture<@Nullable String> installedButWaiting = registry.await(DB);
        CompletableFuture<@Nullable String> neverInstalled = registry.await(ServiceKey.of("cache", String.class));

        registry.close();

        for (CompletableFuture<@Nullable String> awaiter : java.util.List.of(installedButWaiting, neverInstalled)) {
            assertThat(awaiter).failsWithin(WAIT).withThrowableOfType(ExecutionException.class).havingCause()
                    .isInstanceOf(ServiceFailedException.class).withMessageContaining("the registry was closed");
        }
    }

    @Test
    void aServiceInstallingAnotherWhileTheRegistryClosesIsRefusedAndTheCloseCompletes() throws Exception {
        java.util.List<Throwable> refused = new java.util.concurrent.CopyOnWriteArrayList<>();
        registry.install("db", String.class, withStop("db", context -> {
            try {
                registry.install("late", String.class, ctx -> "late");
            } catch (IllegalStateException ex) {
                refused.add(ex);
            }
        }));
        done(registry.startAll());

        registry.close();

        assertThat(refused).singleElement().extracting(Throwable::getMessage)
                .isEqualTo("Cannot install('late'): the registry is closed; build a new one");
        assertThat(registry.snapshot()).extracting(ServiceSnapshot::id).containsExactly("db");
    }
}
