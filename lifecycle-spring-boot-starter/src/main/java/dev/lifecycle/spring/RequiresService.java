package dev.lifecycle.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a service requires another one, by service name and optional qualifier.
 *
 * <p>On a service bean's class or {@code @Bean} method (repeatable), it is a requirement without value: the service
 * starts only once the other is RUNNING, is stopped before it, and starts again once it is back.
 *
 * <p>On a {@link dev.lifecycle.core.ServiceHandle} constructor parameter, {@code @Bean} method parameter or
 * {@code @Autowired} field, it names the service the handle refers to (the default is the parameter or field name);
 * the bean, if it is a service, then requires that service and reads its value through the handle:
 * <pre>{@code
 * @Bean
 * Service<Repository> repository(@RequiresService("database") ServiceHandle<DataSource> database) {
 *     return ctx -> new Repository(database.get());
 * }
 * }</pre>
 *
 * @since 0.1
 */
@Target({ ElementType.TYPE, ElementType.METHOD, ElementType.PARAMETER, ElementType.FIELD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(RequiresService.List.class)
public @interface RequiresService {

    /**
     * The name of the required service.
     *
     * @return the service name
     */
    String value();

    /**
     * The qualifier of the required service; empty for none.
     *
     * @return the qualifier
     */
    String qualifier() default "";

    /**
     * Several {@link RequiresService} on one element.
     *
     * @since 0.1
     */
    @Target({ ElementType.TYPE, ElementType.METHOD })
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @interface List {

        /**
         * The requirements.
         *
         * @return the requirements
         */
        RequiresService[] value();
    }
}
