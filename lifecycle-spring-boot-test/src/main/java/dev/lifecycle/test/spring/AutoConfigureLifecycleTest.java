package dev.lifecycle.test.spring;

import dev.lifecycle.test.TestLifecycle;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Puts the application's service registry under test: on manual time, with its services' code running on the thread
 * that calls the registry, no back-off jitter, {@link dev.lifecycle.test.Faults} to inject and every transition
 * recorded. The test injects the {@link TestLifecycle} (or its {@link dev.lifecycle.test.ManualTime} and
 * {@link dev.lifecycle.test.Faults}) to drive it. Works on {@code @SpringBootTest} and on slice tests (it imports the
 * lifecycle auto-configuration itself); with {@code ApplicationContextRunner}, add
 * {@link LifecycleTestAutoConfiguration} to the auto-configurations.
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureLifecycleTest
 * class CascadeTests {
 *     @Autowired ServiceRegistry registry;
 *     @Autowired TestLifecycle lifecycle;
 *     ...
 * }
 * }</pre>
 *
 * @since 0.1
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureLifecycleTest {
}
