package dev.lifecycle.spring.observation;

import dev.lifecycle.spring.observation.LifecycleObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValues;

/**
 * The default convention of the application's start-up of the services: named {@value #NAME}, key {@code outcome}
 * ({@code failure} when the start-up failed the application; a start-up that lets the application start degraded is a
 * {@code success} whose failed starts are its children).
 *
 * @since 0.1
 */
public class DefaultServiceStartupObservationConvention implements ServiceStartupObservationConvention {

    /** The observation's name. */
    public static final String NAME = "lifecycle.startup";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(ServiceStartupObservationContext context) {
        return KeyValues.of(LowCardinalityKeyNames.OUTCOME.withValue(Outcomes.of(context.isEnded(),
                context.getError())));
    }
}
