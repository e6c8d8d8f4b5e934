package dev.lifecycle.spring.autoconfigure.observation;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The observations of the services reach the application's observation registry, looked up at their first use.
 */
class DeferredObservationRegistryTests {

    private final ObservationRegistry application = ObservationRegistry.create();
    private final AtomicInteger lookups = new AtomicInteger();
    private final DeferredObservationRegistry deferred = new DeferredObservationRegistry(() -> {
        lookups.incrementAndGet();
        return application;
    });

    @Test
    void theApplicationsRegistryIsLookedUpAtTheFirstUseOnceOnly() {
        assertThat(lookups).as("lookups before any use").hasValue(0);

        assertThat(deferred.isNoop()).as("a registry without handlers records nothing").isTrue();
        assertThat(deferred.observationConfig()).isSameAs(application.observationConfig());

        assertThat(lookups).hasValue(1);
    }

    @Test
    void anObservationMadeWithItReachesTheApplicationsHandlersAndIsCurrentInItsScope() {
        List<String> seen = new CopyOnWriteArrayList<>();
        application.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public void onStart(Observation.Context context) {
                seen.add("start " + context.getName());
            }

            @Override
            public void onStop(Observation.Context context) {
                seen.add("stop " + context.getName());
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });

        Observation observation = Observation.start("lifecycle.service.start", deferred);
        try (Observation.Scope scope = observation.openScope()) {
            assertThat(application.getCurrentObservation()).isSameAs(observation);
            assertThat(deferred.getCurrentObservation()).isSameAs(observation);
        }
        observation.stop();

        assertThat(deferred.isNoop()).isFalse();
        assertThat(seen).containsExactly("start lifecycle.service.start", "stop lifecycle.service.start");
        assertThat(application.getCurrentObservation()).isNull();
    }
}
