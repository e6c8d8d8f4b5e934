package dev.lifecycle.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The name and keys of the observation of a service's stop. Replace {@link DefaultServiceStopObservationConvention}
 * with a bean of this type, or register a {@code GlobalObservationConvention} of {@link ServiceStopObservationContext}
 * with the {@code ObservationRegistry}.
 *
 * @since 0.1
 */
public interface ServiceStopObservationConvention extends ObservationConvention<ServiceStopObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof ServiceStopObservationContext;
    }
}
