package dev.lifecycle.spring.observation;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.core.AsyncService;
import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceContext;
import dev.lifecycle.core.ServiceDefinition;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.test.TestLifecycle;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.GlobalObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The observations of {@link ServiceObservations}, on a real registry (the test kit's, running the services' code on
 * the calling thread), recorded by a {@link TestObservationRegistry}, which also checks that each observation is
 * started, scoped and stopped as Micrometer requires.
 */
class ServiceObservationsTests {

    private final TestObservationRegistry observations = TestObservationRegistry.create();

    private final TestLifecycle lifecycle = new TestLifecycle();

    private final AtomicReference<ServiceRegistry> registryRef = new AtomicReference<>();

    private final ServiceObservations observed = new ServiceObservations(observations, registryRef::get);

    private final ServiceRegistry registry = registryRef.updateAndGet(
            r -> lifecycle.registry(builder -> builder.interceptor(observed)));

    @AfterEach
    void close() {
        lifecycle.close();
    }

    @Test
    void eachStartIsObservedWithItsServiceOutcomeAndRequirements() {
        registry.install("config", String.class, ctx -> "config");
        registry.install(ServiceDefinition.builder(ServiceKey.of("database", String.class), ctx -> "db")
                .dependsOn("config").build());

        registry.startAll().join();

        assertThat(observations).hasNumberOfObservationsWithNameEqualTo("lifecycle.service.start", 2)
                .hasAnObservation(o -> o.hasNameEqualTo("lifecycle.service.start")
                        .hasContextualNameEqualTo("start database").hasLowCardinalityKeyValue("service", "database")
                        .hasLowCardinalityKeyValue("outcome", "success").hasHighCardinalityKeyValue("requires", "config")
                        .doesNotHaveError())
                .hasAnObservation(o -> o.hasNameEqualTo("lifecycle.service.start")
                        .hasLowCardinalityKeyValue("service", "config").hasHighCardinalityKeyValue("requires", ""));
        ServiceStartObservationContext database = start("database");
        assertThat(database.getRequires()).containsExactly("config");
        assertThat(database.getRequirementStarts()).containsExactly(start("config"));
    }

    @Test
    void failedStartRecordsItsErrorAndOutcomeFailure() {
        IOException boom = new IOException("connection refused");
        registry.install("database", String.class, ctx -> {
            throw boom;
        });

        registry.startAll();

        assertThat(observations).hasObservationWithNameEqualTo("lifecycle.service.start").that()
                .hasLowCardinalityKeyValue("service", "database").hasLowCardinalityKeyValue("outcome", "failure")
                .hasError(boom).hasBeenStopped();
    }

    @Test
    void startOfATypedServiceReturningNullIsAFailure() {
        registry.install("database", String.class, ctx -> null);

        registry.startAll();

        assertThat(registry.snapshot("database").orElseThrow().state()).isEqualTo(ServiceState.FAILED);
        assertThat(observations).hasObservationWithNameEqualTo("lifecycle.service.start").that()
                .hasLowCardinalityKeyValue("outcome", "failure").assertThatError()
                .hasMessageContaining("returned null from start()");
    }

    @Test
    void stopIsObservedFromStopUntilJoinReturnsWithTheFirstFailure() {
        IllegalStateException stopFailure = new IllegalStateException("pool busy");
        List<String> calls = new ArrayList<>();
        registry.install("database", String.class, new Service<>() {
            @Override
            public String start(ServiceContext context) {
                return "db";
            }

            @Override
            public void stop(ServiceContext context) {
                calls.add("stop, observed: " + current());
                throw stopFailure;
            }

            @Override
            public void join(ServiceContext context) {
                calls.add("join, observed: " + current());
            }
        });
        registry.startAll().join();

        registry.stopAll().join();

        assertThat(calls).containsExactly("stop, observed: lifecycle.service.stop",
                "join, observed: lifecycle.service.stop");
        assertThat(observations).hasObservationWithNameEqualTo("lifecycle.service.stop").that()
                .hasContextualNameEqualTo("stop database").hasLowCardinalityKeyValue("service", "database")
                .hasLowCardinalityKeyValue("outcome", "failure").hasError(stopFailure).hasBeenStopped();
    }

    @Test
    void serviceCodeRunsWithItsStartObservationCurrent() {
        List<String> seen = new ArrayList<>();
        registry.install("database", String.class, new Service<>() {
            @Override
            public void setup(ServiceContext context) {
                seen.add("setup: " + current());
            }

            @Override
            public String start(ServiceContext context) {
                seen.add("start: " + current());
                return "db";
            }
        });

        registry.startAll().join();

        assertThat(seen).containsExactly("setup: lifecycle.service.start", "start: lifecycle.service.start");
        assertThat(observations.getCurrentObservation()).isNull();
    }

    @Test
    void startsAndStopsDuringTheStartupAreChildrenOfTheStartup() {
        registry.install("config", String.class, ctx -> "config");

        observed.startupBegan();
        registry.startAll().join();
        observed.startupEnded(null);
        registry.restart("config").join();

        assertThat(observations).hasObservationWithNameEqualTo("lifecycle.startup").that()
                .hasLowCardinalityKeyValue("outcome", "success").doesNotHaveParentObservation().hasBeenStopped();
        List<Observation.Context> starts = contexts("lifecycle.service.start");
        assertThat(starts).hasSize(2);
        assertThat(starts.get(0).getParentObservation()).isNotNull();
        assertThat(starts.get(0).getParentObservation().getContextView().getName()).isEqualTo("lifecycle.startup");
        assertThat(starts.get(1).getParentObservation()).as("a restart after the start-up").isNull();
    }

    @Test
    void failedStartupRecordsItsFailure() {
        IllegalStateException failure = new IllegalStateException("critical service 'database' did not start");

        observed.startupBegan();
        observed.startupEnded(failure);

        assertThat(observations).hasObservationWithNameEqualTo("lifecycle.startup").that()
                .hasLowCardinalityKeyValue("outcome", "failure").hasError(failure);
    }

    @Test
    void asynchronousStartEndsWhenItsFutureCompletesBeforeDependentsStart() {
        CompletableFuture<String> connected = new CompletableFuture<>();
        List<String> order = new ArrayList<>();
        registry.install("database", String.class, (AsyncService<String>) ctx -> connected);
        registry.install(ServiceDefinition.builder(ServiceKey.of("repository", String.class), ctx -> {
            order.add("repository starts; database observed until " + (start("database").isEnded() ? "ended" : "now"));
            return "repo";
        }).dependsOn("database").build());
        registry.startAll();
        assertThat(start("database").isEnded()).isFalse();

        connected.complete("db");

        assertThat(order).containsExactly("repository starts; database observed until ended");
        assertThat(observations).hasObservationWithNameEqualTo("lifecycle.service.start").that()
                .hasLowCardinalityKeyValue("service", "database").hasLowCardinalityKeyValue("outcome", "success");
    }

    @Test
    void registryCancellingAnAsynchronousStartCancelsTheServicesFuture() {
        CompletableFuture<String> connecting = new CompletableFuture<>();
        registry.install("database", String.class, (AsyncService<String>) ctx -> connecting);
        registry.startAll();

        registry.stop("database").join();

        assertThat(connecting).isCancelled();
        assertThat(registry.snapshot("database").orElseThrow().state()).isEqualTo(ServiceState.STOPPED);
        assertThat(observations).hasObservationWithNameEqualTo("lifecycle.service.start").that()
                .hasLowCardinalityKeyValue("outcome", "failure").hasBeenStopped();
    }

    @Test
    void startThatOutlivesItsTimeoutEndsAtTheTimeoutAsATimeout() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        ServiceRegistry threaded = ServiceRegistry.builder().interceptor(new ServiceObservations(observations,
                registryRef::get)).startTimeout(Duration.ofMillis(200)).build();
        registryRef.set(threaded);
        try {
            threaded.install("database", String.class, ctx -> {
                released.await();
                return "db";
            });

            threaded.startAll();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(observations)
                    .hasObservationWithNameEqualTo("lifecycle.service.start").that().hasBeenStopped()
                    .hasLowCardinalityKeyValue("outcome", "failure").assertThatError()
                    .isInstanceOf(TimeoutException.class)
                    .hasMessageStartingWith("Service 'database' did not start within").hasMessageContaining("200 ms"));
        }
        finally {
            released.countDown();
            threaded.close();
        }
    }

    @Test
    void observationHandlerThatThrowsLeavesTheServicesRunning() {
        ObservationRegistry failing = ObservationRegistry.create();
        failing.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStart(Observation.Context context) {
                throw new IllegalStateException("exporter down");
            }
        });
        AtomicReference<ServiceRegistry> otherRef = new AtomicReference<>();
        TestLifecycle other = new TestLifecycle();
        ServiceRegistry otherRegistry = otherRef.updateAndGet(r -> other.registry(
                builder -> builder.interceptor(new ServiceObservations(failing, otherRef::get))));
        otherRegistry.install("database", String.class, ctx -> "db");

        otherRegistry.startAll().join();
        otherRegistry.stopAll().join();

        assertThat(other.events().transitions()).extracting(t -> t.to()).containsSubsequence(ServiceState.RUNNING,
                ServiceState.STOPPED);
        other.close();
    }

    @Test
    void globalConventionRegisteredWithTheObservationRegistryReplacesTheDefault() {
        observations.observationConfig().observationConvention(new TeamConvention());
        registry.install("database", String.class, ctx -> "db");

        registry.startAll().join();

        assertThat(observations).hasObservationWithNameEqualTo("team.service.start").that()
                .hasLowCardinalityKeyValue("team", "payments");
    }

    @Test
    void conventionGivenReplacesGlobalAndDefaultOnes() {
        observations.observationConfig().observationConvention(new TeamConvention());
        ServiceObservations withConvention = new ServiceObservations(observations, registryRef::get,
                new DefaultServiceStartObservationConvention() {
                    @Override
                    public String getName() {
                        return "billing.service.start";
                    }
                }, null, null);
        ServiceRegistry other = new TestLifecycle().registry(b -> b.interceptor(withConvention));
        registryRef.set(other);
        other.install("database", String.class, ctx -> "db");

        other.startAll().join();

        assertThat(observations).hasObservationWithNameEqualTo("billing.service.start").that()
                .hasLowCardinalityKeyValue("service", "database");
        other.close();
    }

    private String current() {
        Observation current = observations.getCurrentObservation();
        return current == null ? "none" : current.getContext().getName();
    }

    private List<Observation.Context> contexts(String name) {
        List<Observation.Context> found = new ArrayList<>();
        assertThat(observations).hasHandledContextsThatSatisfy(contexts -> contexts.stream()
                .filter(c -> name.equals(c.getName())).forEach(found::add));
        return found;
    }

    private ServiceStartObservationContext start(String service) {
        return contexts("lifecycle.service.start").stream().map(ServiceStartObservationContext.class::cast)
                .filter(c -> c.getServiceKey().id().equals(service)).reduce((first, latest) -> latest).orElseThrow();
    }

    /** A team's convention for every start: its own name and a key of its own. */
    static final class TeamConvention extends DefaultServiceStartObservationConvention
            implements GlobalObservationConvention<ServiceStartObservationContext> {

        @Override
        public String getName() {
            return "team.service.start";
        }

        @Override
        public KeyValues getLowCardinalityKeyValues(ServiceStartObservationContext context) {
            return super.getLowCardinalityKeyValues(context).and("team", "payments");
        }
    }
}
