package dev.lifecycle.spring.autoconfigure.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.util.function.SingletonSupplier;

/**
 * The application's observation registry, looked up at its first use rather than when the observations of the services
 * are made: its handlers (the timers' needs the service metrics, which need the service registry, which needs the
 * observations) are made once it is. Every call goes to that registry.
 */
final class DeferredObservationRegistry implements ObservationRegistry {

    private final SingletonSupplier<ObservationRegistry> registry;

    DeferredObservationRegistry(Supplier<ObservationRegistry> lookup) {
        this.registry = SingletonSupplier.of(lookup);
    }

    private ObservationRegistry registry() {
        return registry.obtain();
    }

    @Override
    public @Nullable Observation getCurrentObservation() {
        return registry().getCurrentObservation();
    }

    @Override
    public Observation.@Nullable Scope getCurrentObservationScope() {
        return registry().getCurrentObservationScope();
    }

    @Override
    public void setCurrentObservationScope(Observation.@Nullable Scope current) {
        registry().setCurrentObservationScope(current);
    }

    @Override
    public ObservationConfig observationConfig() {
        return registry().observationConfig();
    }

    @Override
    public boolean isNoop() {
        return registry().isNoop();
    }

    @Override
    public String toString() {
        return "the application's observation registry, looked up at its first use";
    }
}
