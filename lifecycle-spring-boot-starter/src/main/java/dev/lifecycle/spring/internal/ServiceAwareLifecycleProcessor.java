package dev.lifecycle.spring.internal;

import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.context.Lifecycle;
import org.springframework.context.support.DefaultLifecycleProcessor;

/**
 * Spring's {@link DefaultLifecycleProcessor}, except that it leaves the {@link Lifecycle} beans adopted as services
 * alone: the service registry starts and stops them, in dependency order, and restarts them when what they depend on
 * comes back. Registered as the context's {@code lifecycleProcessor} bean only when the application adopts beans
 * ({@link OnAdoptedLifecycleBeansCondition}), in place of Spring Boot's, whose
 * {@code spring.lifecycle.timeout-per-shutdown-phase} it applies; otherwise Spring Boot's processor is the context's.
 * An application that defines its own keeps it (and Spring may then also start and stop adopted beans itself).
 *
 * @since 0.1
 */
public class ServiceAwareLifecycleProcessor extends DefaultLifecycleProcessor {

    private final Supplier<Set<String>> adoptedBeanNames;

    /**
     * A processor that skips the beans named by {@code adoptedBeanNames}.
     *
     * @param adoptedBeanNames the names of the adopted beans, asked each time the processor starts or stops beans
     */
    public ServiceAwareLifecycleProcessor(Supplier<Set<String>> adoptedBeanNames) {
        this.adoptedBeanNames = adoptedBeanNames;
    }

    @Override
    protected Map<String, Lifecycle> getLifecycleBeans() {
        Map<String, Lifecycle> beans = super.getLifecycleBeans();
        beans.keySet().removeAll(adoptedBeanNames.get());
        return beans;
    }
}
