package dev.lifecycle.test.spring;

import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryCustomizer;
import dev.lifecycle.test.Faults;
import dev.lifecycle.test.ManualTime;
import dev.lifecycle.test.TestLifecycle;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Auto-configuration for testing the application's {@link ServiceRegistry} with a {@link TestLifecycle}: the
 * registry's builder is made deterministic (manual time, user code on the calling thread, no jitter, faults, a
 * recorder) after every other customizer, and the registry built is attached to it.
 *
 * @since 0.1
 */
@AutoConfiguration(before = ServiceRegistryAutoConfiguration.class)
public final class LifecycleTestAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TestLifecycle testLifecycle() {
        return new TestLifecycle();
    }

    @Bean
    @ConditionalOnMissingBean
    ManualTime lifecycleManualTime(TestLifecycle lifecycle) {
        return lifecycle.time();
    }

    @Bean
    @ConditionalOnMissingBean
    Faults lifecycleFaults(TestLifecycle lifecycle) {
        return lifecycle.faults();
    }

    /** Applied last, so that the test's time and threads win over what the application's customizers set. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    ServiceRegistryCustomizer lifecycleTestRegistryCustomizer(TestLifecycle lifecycle) {
        return lifecycle::applyTo;
    }

    @Bean
    static BeanPostProcessor lifecycleTestRegistryAttacher(ObjectProvider<TestLifecycle> lifecycle) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof ServiceRegistry registry) {
                    lifecycle.getObject().attach(registry);
                }
                return bean;
            }
        };
    }
}
