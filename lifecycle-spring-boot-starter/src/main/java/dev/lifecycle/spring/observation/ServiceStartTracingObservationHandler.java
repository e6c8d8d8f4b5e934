package dev.lifecycle.spring.observation;

import dev.lifecycle.spring.observation.LifecycleObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.observation.Observation;
import io.micrometer.tracing.Link;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import java.util.Map;

/**
 * Makes the span of a service's start ({@link ServiceStartObservationContext}) the way Micrometer Tracing's default
 * handler does (a child of the start-up's span during start-up, named and tagged when it ends), and links it to the
 * spans of the latest starts of the service's requirements, each link tagged {@code service} with the requirement's
 * id: a trace viewer shows which starts a start waited for, so the critical path of the start-up can be followed back
 * from the last service to start. Ordered before the default handler, it handles only the starts.
 *
 * @since 0.1
 */
public class ServiceStartTracingObservationHandler extends DefaultTracingObservationHandler {

    /**
     * A handler creating spans with {@code tracer}.
     *
     * @param tracer the tracer
     */
    public ServiceStartTracingObservationHandler(Tracer tracer) {
        super(tracer);
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof ServiceStartObservationContext;
    }

    @Override
    public void onStart(Observation.Context context) {
        ServiceStartObservationContext start = (ServiceStartObservationContext) context;
        Span.Builder builder = getTracer().spanBuilder().name(getSpanName(context));
        Span parent = getParentSpan(context);
        if (parent != null) {
            builder.setParent(parent.context());
        }
        for (ServiceStartObservationContext requirement : start.getRequirementStarts()) {
            TracingContext tracing = requirement.get(TracingContext.class);
            Span span = tracing != null ? tracing.getSpan() : null;
            if (span != null) {
                builder.addLink(new Link(span, Map.of(LowCardinalityKeyNames.SERVICE.asString(),
                        requirement.getServiceKey().id())));
            }
        }
        getTracingContext(context).setSpan(builder.start());
    }
}
