package dev.lifecycle.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.spring.observation.ServiceObservations;
import dev.lifecycle.test.TestLifecycle;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The service metrics' timers once handed over to the observations: recorded once per start and stop, by the
 * observations' handler, exactly as the service metrics document them.
 */
class LifecycleTimerObservationHandlerTests {

    private final TestLifecycle lifecycle = new TestLifecycle();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private final ObservationRegistry observations = ObservationRegistry.create();

    private final AtomicReference<ServiceRegistry> registryRef = new AtomicReference<>();

    private final ServiceRegistry registry = registryRef.updateAndGet(r -> lifecycle.registry(
            builder -> builder.interceptor(new ServiceObservations(observations, registryRef::get))));

    private final ServiceMetrics metrics = new ServiceMetrics(registry);

    @AfterEach
    void close() {
        lifecycle.close();
    }

    @Test
    void startsAndStopsAreTimedOnceWithTheDocumentedNamesTagsAndDescriptions() {
        observations.observationConfig().observationHandler(metrics.timersFromObservations());
        metrics.bindTo(meters);
        registry.addListener(metrics);
        registry.install("config", String.class, ctx -> "config");
        registry.install("database", String.class, ctx -> {
            throw new IOException("connection refused");
        });

        registry.startAll();
        registry.stopAll().join();

        Timer start = meters.get("lifecycle.service.start").tags("service", "config", "outcome", "success").timer();
        assertThat(start.count()).isEqualTo(1);
        assertThat(start.getId().getTags()).extracting(Tag::getKey).containsExactly("outcome", "service");
        assertThat(start.getId().getDescription()).isEqualTo("The duration of a service's setup and start");
        assertThat(meters.get("lifecycle.service.start").tags("service", "database", "outcome", "failure").timer()
                .count()).isEqualTo(1);
        Timer stop = meters.get("lifecycle.service.stop").tags("service", "config", "outcome", "success").timer();
        assertThat(stop.count()).isEqualTo(1);
        assertThat(stop.getId().getDescription()).isEqualTo("The duration of a service's stop and join");
        assertThat(meters.getMeters()).extracting(Meter::getId).filteredOn(id -> id.getName().startsWith(
                "lifecycle.service.st")).allSatisfy(id -> assertThat(id.getTag("error")).isNull())
                .extracting(id -> id.getName()).containsOnly("lifecycle.service.start", "lifecycle.service.stop");
    }

    @Test
    void timersStayMeasuredFromTheRegistryEventsUntilHandedOver() {
        metrics.bindTo(meters);
        registry.addListener(metrics);
        registry.install("config", String.class, ctx -> "config");

        registry.startAll().join();

        assertThat(meters.get("lifecycle.service.start").tags("service", "config", "outcome", "success").timer()
                .count()).isEqualTo(1);
    }

    @Test
    void handlerTimesOnlyTheLifecyclesObservations() {
        LifecycleTimerObservationHandler handler = metrics.timersFromObservations();
        observations.observationConfig().observationHandler(handler);
        metrics.bindTo(meters);

        Observation.createNotStarted("http.server.requests", observations).start().stop();

        assertThat(meters.find("http.server.requests").timer()).isNull();
    }
}
