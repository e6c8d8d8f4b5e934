package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Reading values: {@code get} of a RUNNING service and the error that says why another is not, {@code await} and
 * when it completes or fails, handles across restarts, and overrides replacing one service's value.
 */
class ValuesTests extends ManualRegistryTestBase {

    private final ServiceKey<String> configKey = ServiceKey.of("config", String.class);
    private final ServiceKey<String> dbKey = ServiceKey.of("db", String.class);
    private final ServiceKey<String> repositoryKey = ServiceKey.of("repository", String.class);

    @Override
    boolean onCallingThread() {
        return true;
    }

    /** Installs {@code db}, whose every start throws {@code cause}, restarted as {@code policy} says. */
    private void installDbThatThrows(SQLException cause, RestartPolicy policy) {
        registry.install(ServiceDefinition.builder(dbKey, ctx -> {
            throw cause;
        }).restartPolicy(policy).build());
    }

    private ServiceNotRunningException notRunning(ServiceKey<?> key) {
        return catchThrowableOfType(ServiceNotRunningException.class, () -> registry.get(key));
    }

    @Test
    void getReturnsTheValueOfARunningService() throws Exception {
        log.install(registry, "config");
        registry.startAll().get(5, TimeUnit.SECONDS);

        String value = registry.get(configKey);

        assertThat(value).isEqualTo("config");
        assertThat(registry.handle(configKey).get()).isEqualTo("config");
    }

    @Test
    void getBeforeTheRegistryStartsSaysSo() {
        log.install(registry, "config");

        ServiceNotRunningException error = notRunning(configKey);

        assertThat(error).hasMessage("Service 'config' is not RUNNING: it is INSTALLED (the registry has not been "
                + "started; call startAll())");
        assertThat(error.id()).isEqualTo("config");
        assertThat(error.state()).isEqualTo(ServiceState.INSTALLED);
    }

    @Test
    void getOfAServiceWaitingOnAFailedRequirementNamesTheRootCause() {
        SQLException refused = new SQLException("connection refused");
        installDbThatThrows(refused, RestartPolicy.never());
        log.install(registry, "repository", "db");
        registry.startAll();

        ServiceNotRunningException error = notRunning(repositoryKey);

        assertThat(error).hasMessage("Service 'repository' is not RUNNING: it is WAITING (blocked by db, which failed "
                + "with java.sql.SQLException: connection refused)");
        assertThat(error.state()).isEqualTo(ServiceState.WAITING);
    }

    @Test
    void getOfAFailedServiceSaysWhyAndWhenItRestarts() {
        SQLException refused = new SQLException("connection refused");
        installDbThatThrows(refused, RestartPolicy.defaults());
        registry.startAll();

        ServiceNotRunningException error = notRunning(dbKey);

        assertThat(error).hasMessage("Service 'db' is not RUNNING: it is FAILED (it failed with "
                + "java.sql.SQLException: connection refused; it restarts at 2026-01-01T00:00:00.100Z)")
                .hasCause(refused);
    }

    @Test
    void getOfAServiceStoppedByAnOperatorSaysSo() throws Exception {
        log.install(registry, "db");
        registry.startAll().get(5, TimeUnit.SECONDS);
        registry.stop("db").get(5, TimeUnit.SECONDS);

        ServiceNotRunningException error = notRunning(dbKey);

        assertThat(error).hasMessage("Service 'db' is not RUNNING: it is STOPPED (it was stopped by an operator)");
    }

    @Test
    void getAfterTheRegistryStoppedSaysSo() throws Exception {
        log.install(registry, "db");
        registry.startAll().get(5, TimeUnit.SECONDS);
        registry.stopAll().get(5, TimeUnit.SECONDS);

        ServiceNotRunningException error = notRunning(dbKey);

        assertThat(error).hasMessage("Service 'db' is not RUNNING: it is STOPPED (the registry was stopped)");
    }

    @Test
    void valueStaysReadableWhileDependentsStopAndIsGoneOnceTheServiceRunsItsOwnStop() throws Exception {
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        registry.install("config", String.class, withStop("v1", context -> seen.add(
                catchThrowableOfType(ServiceNotRunningException.class, () -> registry.get(configKey)).getMessage())));
        registry.install(ServiceDefinition.builder(dbKey, withStop("db",
                context -> seen.add(registry.handle(configKey).state() + " " + registry.get(configKey))))
                .requires(configKey).build());
        registry.startAll().get(5, TimeUnit.SECONDS);

        registry.stopAll().get(5, TimeUnit.SECONDS);

        assertThat(seen).containsExactly("STOPPING v1", "Service 'config' is not RUNNING: it is STOPPING");
    }

    @Test
    void aVoidServiceReadsAsNullWhileItRunsAndAsNotRunningOnceItStops() throws Exception {
        ServiceKey<Void> migration = ServiceKey.of("migration", Void.class);
        ServiceHandle<Void> handle = registry.install("migration", Void.class, ctx -> null);
        registry.startAll().get(5, TimeUnit.SECONDS);

        Void whileRunning = handle.get();
        Void awaited = handle.await().get(5, TimeUnit.SECONDS);
        registry.stop("migration").get(5, TimeUnit.SECONDS);

        assertThat(whileRunning).isNull();
        assertThat(awaited).isNull();
        assertThat(notRunning(migration)).hasMessage("Service 'migration' is not RUNNING: it is STOPPED (it was "
                + "stopped by an operator)");
        registry.start("migration").get(5, TimeUnit.SECONDS);
        assertThat(registry.get(migration)).isNull();
    }

    @Test
    void getOfAnUnknownServiceSaysHowToNameIt() {
        assertThatThrownBy(() -> registry.get(ServiceKey.of("nope", String.class)))
                .isInstanceOf(UnknownServiceException.class)
                .hasMessage("No service 'nope' is installed; check the name (and the qualifier, written "
                        + "name:qualifier)");
        assertThatThrownBy(() -> registry.handle(ServiceKey.of("db", String.class, "replica")).get())
                .isInstanceOf(UnknownServiceException.class)
                .hasMessageStartingWith("No service 'db:replica' is installed");
    }

    @Test
    void getWithAnotherTypeThanTheInstalledServiceIsRefused() throws Exception {
        registry.install("port", Integer.class, ctx -> 8080);
        registry.startAll().get(5, TimeUnit.SECONDS);

        assertThatThrownBy(() -> registry.get(ServiceKey.of("port", String.class)))
                .isInstanceOf(ServiceTypeClashException.class)
                .hasMessage("Service 'port' has type java.lang.Integer, not java.lang.String");
    }

    @Test
    void awaitCompletesWithTheValueWhenTheServiceBecomesRunning() throws Exception {
        ManualStart<String> db = installStartedByHand("db");
        registry.startAll();

        CompletableFuture<String> awaited = registry.await(dbKey);
        boolean doneWhileStarting = awaited.isDone();
        db.complete("connected");

        assertThat(doneWhileStarting).isFalse();
        assertThat(awaited.get(5, TimeUnit.SECONDS)).isEqualTo("connected");
    }

    @Test
    void awaitOfARunningServiceCompletesAtOnce() throws Exception {
        log.install(registry, "db");
        registry.startAll().get(5, TimeUnit.SECONDS);

        CompletableFuture<String> awaited = registry.handle(dbKey).await();

        assertThat(awaited).isCompletedWithValue("db");
    }

    @Test
    void awaitOfAServiceNotInstalledYetCompletesOnceItIsInstalledAndRunning() throws Exception {
        registry.startAll().get(5, TimeUnit.SECONDS);
        CompletableFuture<String> awaited = registry.await(dbKey);
        boolean doneBeforeInstall = awaited.isDone();

        log.install(registry, "db");

        assertThat(doneBeforeInstall).isFalse();
        assertThat(awaited.get(5, TimeUnit.SECONDS)).isEqualTo("db");
    }

    /** Covers a bug where an awaiter of a key not installed yet received the value of a service of another type. */
    @Test
    void awaitOfAServiceThatIsThenInstalledWithAnotherTypeFailsWithTheClash() throws Exception {
        registry.startAll().get(5, TimeUnit.SECONDS);
        CompletableFuture<String> awaited = registry.await(ServiceKey.of("port", String.class));

        registry.install("port", Integer.class, ctx -> 8080);

        assertThatThrownBy(() -> awaited.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ServiceTypeClashException.class)
                .hasMessage("Service 'port' has type java.lang.Integer, not java.lang.String");
    }

    @Test
    void awaitFailsAtOnceWhenTheServiceFailsAndItsPolicyNeverRestartsIt() {
        SQLException refused = new SQLException("connection refused");
        ManualStart<String> db = new ManualStart<>();
        registry.install(ServiceDefinition.builder(dbKey, db).restartPolicy(RestartPolicy.never()).build());
        registry.startAll();
        CompletableFuture<String> awaited = registry.await(dbKey);

        db.fail(refused);

        assertThat(awaited).isCompletedExceptionally();
        assertThatThrownBy(awaited::join).cause().isInstanceOf(ServiceFailedException.class)
                .hasMessage("Service 'db' failed and its restart policy never restarts it").hasCause(refused);
    }

    @Test
    void awaitOfAServiceThatAlreadyFailedUnderANeverPolicyFailsAtOnceWithoutSayingItGaveUp() {
        SQLException refused = new SQLException("connection refused");
        installDbThatThrows(refused, RestartPolicy.never());
        registry.startAll();

        CompletableFuture<String> awaited = registry.await(dbKey);

        assertThatThrownBy(awaited::join).cause().isInstanceOf(ServiceFailedException.class)
                .hasMessage("Service 'db' will not start: it failed and its restart policy never restarts it")
                .hasCause(refused);
    }

    @Test
    void awaitOfAFailedServiceThatWillRestartKeepsWaitingForTheRestart() {
        registry.install("db", String.class,
                failingFirst(1, attempt -> new SQLException("connection refused"), attempt -> "connected"));
        registry.startAll();
        CompletableFuture<String> awaited = registry.await(dbKey);
        boolean doneWhileFailed = awaited.isDone();

        time.advance(Duration.ofMillis(100));

        assertThat(doneWhileFailed).isFalse();
        assertThat(awaited).isCompletedWithValue("connected");
    }

    @Test
    void awaitFailsWhenTheServiceIsRemoved() throws Exception {
        ManualStart<String> config = installStartedByHand("config");
        log.install(registry, "db", "config");
        registry.startAll();
        CompletableFuture<String> awaited = registry.await(dbKey);

        registry.remove("db").get(5, TimeUnit.SECONDS);
        config.complete("config");

        assertThatThrownBy(awaited::join).cause().isInstanceOf(ServiceFailedException.class)
                .hasMessage("Service 'db' was removed");
    }

    @Test
    void handleReturnsTheValueOfTheCurrentStartCycleAfterARestart() throws Exception {
        AtomicInteger version = new AtomicInteger();
        ServiceHandle<String> config = registry.install("config", String.class, ctx -> "v" + version.incrementAndGet());
        registry.install(ServiceDefinition.builder(dbKey, ctx -> "db(" + config.get() + ")").requires(configKey)
                .build());
        registry.startAll().get(5, TimeUnit.SECONDS);
        String before = config.get();

        registry.restart("config").get(5, TimeUnit.SECONDS);

        assertThat(before).isEqualTo("v1");
        assertThat(config.get()).isEqualTo("v2");
        assertThat(registry.get(dbKey)).isEqualTo("db(v2)");
    }

    @Test
    void overrideReplacesOneServicesValueWhileTheRestOfTheGraphRunsForReal() throws Exception {
        rebuild(options -> options.override(dbKey, "fake-db"));
        log.install(registry, "config");
        registry.install("db", String.class, log.everyPhase("db", "real-db", "config", "secrets"));
        registry.install(ServiceDefinition.builder(repositoryKey, ctx -> {
            log.add("start", "repository");
            return "repository on " + registry.get(dbKey);
        }).requires(dbKey).build());

        registry.startAll().get(5, TimeUnit.SECONDS);

        assertThat(registry.get(repositoryKey)).isEqualTo("repository on fake-db");
        assertThat(log.calls()).doesNotContain("init db", "setup db", "start db");
        assertThat(log.of("start")).containsExactly("config", "repository");
        assertThat(registry.snapshot("db").orElseThrow().requires()).isEmpty();
    }

    @Test
    void overrideOfAVoidServiceMayBeNull() throws Exception {
        ServiceKey<Void> migration = ServiceKey.of("migration", Void.class);
        rebuild(options -> options.override(migration, null));
        registry.install("migration", Void.class, ctx -> {
            throw new IllegalStateException("must not run");
        });

        registry.startAll().get(5, TimeUnit.SECONDS);

        assertThat(registry.handle(migration).state()).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void overrideWithoutAValueOfATypedServiceIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> ServiceRegistry.builder().override(dbKey, null))
                .withMessage("The override of db (java.lang.String) must have a value");
    }

    @Test
    void overrideOfAnotherTypeThanTheInstalledServiceIsRefused() {
        rebuild(options -> options.override(ServiceKey.of("db", Integer.class), 1));

        assertThatThrownBy(() -> registry.install("db", String.class, ctx -> "db"))
                .isInstanceOf(ServiceTypeClashException.class)
                .hasMessage("The override of 'db' has type java.lang.Integer but the service is installed with type "
                        + "java.lang.String");
    }
}
