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
 * children follow the registry: a service installed later appears, a removed one disappears. Its own status is what
 * Spring Boot's status aggregator makes of its children's: with the default order, DOWN or OUT_OF_SERVICE when a
 * critical service is, else UP ({@link ServiceHealthIndicator#DEGRADED} children are left out, and when every child
 * is DEGRADED the aggregate is UNKNOWN, which still answers 200).
 *
 * @since 0.1
 */
public final class ServicesHealthContributor implements CompositeHealthContributor {

    private final ServiceRegistry registry;
    private final Predicate<String> critical;
    private final Predicate<String> hasHealthCheck;

    /**
     * The health of {@code registry}'s services, taking each to have a health check (its last result is reported).
     *
     * @param registry the registry
     * @param critical which service ids are critical
     */
    public ServicesHealthContributor(ServiceRegistry registry, Predicate<String> critical) {
        this(registry, critical, any -> true);
    }

    /**
     * The health of {@code registry}'s services.
     *
     * @param registry the registry
     * @param critical which service ids are critical
     * @param hasHealthCheck which service ids have a health check
     */
    public ServicesHealthContributor(ServiceRegistry registry, Predicate<String> critical,
            Predicate<String> hasHealthCheck) {
        this.registry = registry;
        this.critical = critical;
        this.hasHealthCheck = hasHealthCheck;
    }

    @Override
    public @Nullable HealthContributor getContributor(String name) {
        return registry.snapshot(name).isPresent()
                ? new ServiceHealthIndicator(registry, name, critical, hasHealthCheck) : null;
    }

    @Override
    public Stream<HealthContributors.Entry> stream() {
        return registry.snapshot().stream().map(s -> new HealthContributors.Entry(s.id(),
                new ServiceHealthIndicator(registry, s.id(), critical, hasHealthCheck)));
    }
}
