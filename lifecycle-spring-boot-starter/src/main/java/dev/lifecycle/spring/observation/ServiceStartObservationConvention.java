package dev.lifecycle.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The name and keys of the observation of a service's start. Replace {@link DefaultServiceStartObservationConvention}
 * with a bean of this type, or register a {@code GlobalObservationConvention} of {@link ServiceStartObservationContext}
 * with the {@code ObservationRegistry}.
 *
 * @since 0.1
 */
public interface ServiceStartObservationConvention extends ObservationConvention<ServiceStartObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof ServiceStartObservationContext;
    }
}
