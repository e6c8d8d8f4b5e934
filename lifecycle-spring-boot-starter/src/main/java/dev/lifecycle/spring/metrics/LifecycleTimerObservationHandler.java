package dev.lifecycle.spring.metrics;

import dev.lifecycle.spring.observation.DefaultServiceStartupObservationConvention;
import dev.lifecycle.spring.observation.ServiceStartObservationContext;
import dev.lifecycle.spring.observation.ServiceStartupObservationContext;
import dev.lifecycle.spring.observation.ServiceStopObservationContext;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Records the timer of each lifecycle observation (a service's start or stop, the start-up) when it stops, into the
 * meter registries of a {@link ServiceMetrics}: named as the observation, tagged with its low cardinality keys, and
 * described as the service metrics describe {@value ServiceMetrics#START} and {@value ServiceMetrics#STOP}. So with the default conventions these are exactly the timers the service metrics document (tags {@code service} and
 * {@code outcome}), without the {@code error} tag and the {@code .active} long task timer that Micrometer's
 * {@code DefaultMeterObservationHandler} would add. Made by {@link ServiceMetrics#timersFromObservations()}; it
 * handles no other observation.
 *
 * @since 0.1
 */
public final class LifecycleTimerObservationHandler implements MeterObservationHandler<Observation.Context> {

    private final ServiceMetrics metrics;

    LifecycleTimerObservationHandler(ServiceMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof ServiceStartObservationContext || context instanceof ServiceStopObservationContext
                || context instanceof ServiceStartupObservationContext;
    }

    @Override
    public void onStart(Observation.Context context) {
        context.put(Began.class, new Began(System.nanoTime()));
    }

    @Override
    public void onStop(Observation.Context context) {
        Began began = context.get(Began.class);
        String name = context.getName();
        if (began == null || name == null) {
            return;
        }
        List<Tag> tags = new ArrayList<>();
        for (KeyValue keyValue : context.getLowCardinalityKeyValues()) {
            tags.add(Tag.of(keyValue.getKey(), keyValue.getValue()));
        }
        metrics.record(name, description(name), Tags.of(tags), System.nanoTime() - began.nanos());
    }

    private static @Nullable String description(String name) {
        return switch (name) {
            case ServiceMetrics.START -> ServiceMetrics.START_DESCRIPTION;
            case ServiceMetrics.STOP -> ServiceMetrics.STOP_DESCRIPTION;
            case DefaultServiceStartupObservationConvention.NAME -> "The duration of the application's start-up of "
                    + "the services";
            default -> null;
        };
    }

    /** When an observation started, in {@link System#nanoTime()}. */
    private record Began(long nanos) {
    }
}
