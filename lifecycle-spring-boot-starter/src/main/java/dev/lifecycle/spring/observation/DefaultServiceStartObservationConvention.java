package dev.lifecycle.spring.observation;

import dev.lifecycle.spring.observation.LifecycleObservationDocumentation.HighCardinalityKeyNames;
import dev.lifecycle.spring.observation.LifecycleObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValues;

/**
 * The default convention of a service's start: named {@value #NAME} (so its timer is the {@code lifecycle.service.start}
 * timer of the service metrics), span named {@code start <id>}, keys {@code service} and {@code outcome}, and
 * {@code requires} on the span.
 *
 * @since 0.1
 */
public class DefaultServiceStartObservationConvention implements ServiceStartObservationConvention {

    /** The observation's name. */
    public static final String NAME = "lifecycle.service.start";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(ServiceStartObservationContext context) {
        return "start " + context.getServiceKey().id();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(ServiceStartObservationContext context) {
        return KeyValues.of(LowCardinalityKeyNames.SERVICE.withValue(context.getServiceKey().id()),
                LowCardinalityKeyNames.OUTCOME.withValue(Outcomes.of(context.isEnded(), context.getError())));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(ServiceStartObservationContext context) {
        return KeyValues.of(HighCardinalityKeyNames.REQUIRES.withValue(String.join(",", context.getRequires())));
    }
}
