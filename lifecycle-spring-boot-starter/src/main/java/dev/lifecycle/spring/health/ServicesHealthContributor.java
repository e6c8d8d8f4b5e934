package dev.lifecycle.spring.health;

import dev.lifecycle.core.ServiceRegistry;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;

/**
 * The health of every service of a registry, one {@link ServiceHealthIndicator} per service, named by its id. The
 * children follow the registry: a service installed later appears, a removed one disappears.
 *
 * @since 0.1
 */
public final class ServicesHealthContributor implements CompositeHealthContributor {

    private final ServiceRegistry registry;
    private final Predicate<String> critical;

    /**
     * The health of {@code registry}'s services.
     *
     * @param registry the registry
     * @param critical which service ids are critical
     */
    public ServicesHealthContributor(ServiceRegistry registry, Predicate<String> critical) {
        this.registry = registry;
        this.critical = critical;
    }

    @Override
    public @Nullable HealthContributor getContributor(String name) {
        return registry.snapshot(name).isPresent() ? new ServiceHealthIndicator(registry, name, critical) : null;
    }

    @Override
    public Stream<HealthContributors.Entry> stream() {
        return registry.snapshot().stream().map(s -> new HealthContributors.Entry(s.id(),
                new ServiceHealthIndicator(registry, s.id(), critical)));
    }
}
