package dev.lifecycle.spring;

import dev.lifecycle.core.StartMode;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Configures a service bean, or puts an existing {@link org.springframework.context.Lifecycle Lifecycle} bean under
 * the service graph. Goes on the bean class or on its {@code @Bean} method.
 *
 * <p>On a bean implementing {@link dev.lifecycle.core.Service}, it sets the service's name, qualifier, requirements
 * and whether it is critical; such a bean is a service with or without this annotation.
 *
 * <p>On a bean implementing {@link org.springframework.context.Lifecycle} (a listener container, a scheduler), it
 * <em>adopts</em> the bean: the registry starts it once its requirements are RUNNING, stops it before them, and
 * starts it again when they are back; Spring's own lifecycle processor then leaves the bean alone.
 *
 * <pre>{@code
 * @Bean
 * @LifecycleService(name = "orders", requires = "database", critical = true)
 * Service<OrderRepository> orderRepository(...) { ... }
 * }</pre>
 *
 * @since 0.1
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface LifecycleService {

    /**
     * The service name; empty (the default) for the bean name. It must not contain ':' or whitespace.
     *
     * @return the service name
     */
    String name() default "";

    /**
     * The qualifier that tells apart several services of one name (one client per cluster); empty for none. The
     * service's id is then {@code name:qualifier}.
     *
     * @return the qualifier
     */
    String qualifier() default "";

    /**
     * Ids of the services this one requires, without reading their values: {@code "name"} or
     * {@code "name:qualifier"}. Adds to {@link RequiresService @RequiresService}, Spring's {@code @DependsOn} on
     * other service beans, and the {@link dev.lifecycle.core.ServiceHandle} injection points of the bean.
     *
     * @return the required service ids
     */
    String[] requires() default {};

    /**
     * Whether the application cannot work without this service: if it gives up during start-up, the application
     * fails to start; while it is not RUNNING, the application refuses traffic (readiness). Overridden by
     * {@code lifecycle.services.<id>.critical}.
     *
     * @return whether the service is critical
     */
    boolean critical() default false;

    /**
     * When the service starts: {@link StartMode#ACTIVE} (the default) as soon as its requirements are RUNNING,
     * {@link StartMode#ON_DEMAND} only while a dependent needs it, {@link StartMode#NEVER} not at all. Overridden by
     * {@code lifecycle.services.<id>.mode}; the idle delay of an on-demand service is
     * {@code lifecycle.services.<id>.idle-delay}.
     *
     * @return the start mode
     */
    StartMode mode() default StartMode.ACTIVE;

    /**
     * The group whose leader alone runs this service, making it leader-only: on the other instances of the fleet it is
     * STOPPED by design ("standby", UP in health, not refusing traffic) and its dependents wait, until an election
     * engine grants this instance leadership of the group (see {@link dev.lifecycle.core.Leadership}). Empty (the
     * default): the service runs on every instance. Overridden by {@code lifecycle.services.<id>.leader}.
     *
     * @return the leader group, or empty
     */
    String leader() default "";

    /**
     * Prefixes of the configuration keys the service reads, such as {@code "db."} or {@code "cache"}: when keys under
     * one of them change (see {@link ConfigurationRestarts}), the service restarts, with its dependents. Adds to
     * {@code lifecycle.services.<id>.restart-on-change} and to the prefixes of the {@code @ConfigurationProperties}
     * beans injected into the bean.
     *
     * @return the key prefixes, in the form of {@code application.properties}
     */
    String[] restartOnChange() default {};
}
