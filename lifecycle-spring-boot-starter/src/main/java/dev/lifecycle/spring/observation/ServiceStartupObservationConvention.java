package dev.lifecycle.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The name and keys of the observation of the application's start-up of the services. Replace
 * {@link DefaultServiceStartupObservationConvention} with a bean of this type, or register a
 * {@code GlobalObservationConvention} of {@link ServiceStartupObservationContext} with the {@code ObservationRegistry}.
 *
 * @since 0.1
 */
public interface ServiceStartupObservationConvention
        extends ObservationConvention<ServiceStartupObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof ServiceStartupObservationContext;
    }
}
