package dev.lifecycle.spring.observation;

import dev.lifecycle.spring.observation.LifecycleObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValues;

/**
 * The default convention of a service's stop: named {@value #NAME} (so its timer is the {@code lifecycle.service.stop}
 * timer of the service metrics), span named {@code stop <id>}, keys {@code service} and {@code outcome}.
 *
 * @since 0.1
 */
public class DefaultServiceStopObservationConvention implements ServiceStopObservationConvention {

    /** The observation's name. */
    public static final String NAME = "lifecycle.service.stop";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(ServiceStopObservationContext context) {
        return "stop " + context.getServiceKey().id();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(ServiceStopObservationContext context) {
        return KeyValues.of(LowCardinalityKeyNames.SERVICE.withValue(context.getServiceKey().id()),
                LowCardinalityKeyNames.OUTCOME.withValue(Outcomes.of(context.isEnded(), context.getError())));
    }
}
