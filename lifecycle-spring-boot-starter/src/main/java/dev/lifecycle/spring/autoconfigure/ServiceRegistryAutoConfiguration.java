package dev.lifecycle.spring.autoconfigure;

import dev.lifecycle.core.RestartPolicy;
import dev.lifecycle.core.Scheduler;
import dev.lifecycle.core.ServiceHandle;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceRegistryBuilder;
import dev.lifecycle.core.ServiceSnapshot;
import dev.lifecycle.spring.ConfigurationRestarts;
import dev.lifecycle.spring.EscalationExit;
import dev.lifecycle.spring.ServiceRegistryLifecycle;
import dev.lifecycle.spring.ServiceTransitionLogger;
import dev.lifecycle.spring.health.CriticalServicesAvailability;
import dev.lifecycle.spring.internal.EnvironmentChangeRestarts;
import dev.lifecycle.spring.internal.EscalationShutdown;
import dev.lifecycle.spring.internal.InjectedHandles;
import dev.lifecycle.spring.internal.OnAdoptedLifecycleBeansCondition;
import dev.lifecycle.spring.internal.OnServiceRegistryBeanCondition;
import dev.lifecycle.spring.internal.ServiceAwareLifecycleProcessor;
import dev.lifecycle.spring.internal.ServiceBeans;
import dev.lifecycle.spring.internal.ServiceConfigurationRestarts;
import dev.lifecycle.spring.internal.ServiceOptions;
import dev.lifecycle.spring.internal.ServiceTransitionEventPublisher;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import org.springframework.beans.factory.InjectionPoint;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SearchStrategy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.util.function.SingletonSupplier;

/**
 * Auto-configuration for a {@link ServiceRegistry} that runs the application's service beans inside Spring's
 * lifecycle.
 *
 * <p>The parts an application may replace back off when it defines a bean of their type: the {@link ServiceRegistry}
 * itself, the default {@link RestartPolicy}, the {@link ServiceRegistryLifecycle} bridge, the {@link EscalationExit},
 * the {@link ServiceTransitionLogger} and the {@link ConfigurationRestarts}. The starter's other beans are its own
 * machinery and do not: each condition on a missing bean reads every bean definition of the context, which a context
 * of many beans pays for at every start. The registry runs user code on the {@link Executor} bean named
 * {@value #EXECUTOR_BEAN_NAME} and its timers on the {@link Scheduler} bean, when there are such beans; without the
 * executor, user code runs on virtual threads when {@code spring.threads.virtual.enabled} is set on Java 21 and later,
 * as Spring Boot's own executors do, and on platform threads otherwise. {@link ServiceRegistryCustomizer} beans adjust its builder.
 *
 * <p>Spring Boot's infrastructure stays Spring Boot's: a {@link ServiceHandle} is injected by a prototype bean taking
 * the {@link InjectionPoint}, not by a replaced autowire candidate resolver; and the context's lifecycle processor is
 * the starter's only when the application adopts {@code Lifecycle} beans as services ({@code lifecycle.adopt}, or
 * {@code @LifecycleService} on a {@code Lifecycle} bean), so that Spring leaves them to the registry.
 * {@code lifecycle.enabled=false} turns all of it off.
 *
 * @since 0.1
 */
@AutoConfiguration(beforeName = "org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration")
@ConditionalOnBooleanProperty(name = "lifecycle.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ServiceRegistryProperties.class)
public final class ServiceRegistryAutoConfiguration {

    /** The name of the {@link Executor} bean that runs the services' code, if the application defines one. */
    public static final String EXECUTOR_BEAN_NAME = "lifecycleExecutor";

    /** The name of the prototype {@link ServiceHandle} bean made for each handle injection point. */
    static final String SERVICE_HANDLE_BEAN_NAME = "lifecycleServiceHandle";

    @Bean(InjectedHandles.BEAN_NAME)
    InjectedHandles lifecycleInjectedHandles(ObjectProvider<ServiceRegistry> registry) {
        return new InjectedHandles(registry::getObject);
    }

    // ServiceHandle<?> matches a ServiceHandle<T> injection point only as a fallback (its type argument is not
    // resolvable): a ServiceHandle<T> bean of the application's own is injected in its stead.
    @Bean(SERVICE_HANDLE_BEAN_NAME)
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    @ConditionalOnMissingBean(name = SERVICE_HANDLE_BEAN_NAME)
    ServiceHandle<?> lifecycleServiceHandle(InjectionPoint injectionPoint, InjectedHandles handles) {
        return handles.handleFor(injectionPoint);
    }

    @Bean
    @ConditionalOnMissingBean
    RestartPolicy lifecycleRestartPolicy(ServiceRegistryProperties properties) {
        return RestartPolicies.of(properties.getRestart(), RestartPolicy.defaults());
    }

    @Bean(OnServiceRegistryBeanCondition.REGISTRY_BEAN_NAME)
    @ConditionalOnMissingBean
    ServiceRegistry lifecycleServiceRegistry(ServiceRegistryProperties properties, RestartPolicy restartPolicy,
            ConfigurableApplicationContext context, ObjectProvider<Scheduler> scheduler,
            ObjectProvider<ServiceRegistryCustomizer> customizers) {
        ServiceRegistryBuilder builder = ServiceRegistry.builder().restartPolicy(restartPolicy)
                .startTimeout(properties.getStartTimeout()).stopTimeout(properties.getStopTimeout())
                .healthCheckInterval(properties.getHealthCheckInterval())
                .eventDeliveryTimeout(properties.getEventDeliveryTimeout())
                // As Boot's own executors: virtual threads only with spring.threads.virtual.enabled on Java 21+.
                .virtualThreads(Threading.VIRTUAL.isActive(context.getEnvironment()));
        // By name: a look-up by type would read every bean definition of the context.
        if (context.containsBean(EXECUTOR_BEAN_NAME)) {
            builder.executor(context.getBean(EXECUTOR_BEAN_NAME, Executor.class));
        }
        scheduler.ifAvailable(builder::scheduler);
        customizers.orderedStream().forEach(c -> c.customize(builder));
        return builder.build();
    }

    @Bean
    ServiceBeans lifecycleServiceBeans(ConfigurableApplicationContext context, ServiceRegistryProperties properties,
            RestartPolicy restartPolicy) {
        Map<String, ServiceOptions> options = new LinkedHashMap<>();
        properties.getServices().forEach((id, s) -> options.put(id, new ServiceOptions(s.getStartTimeout(),
                s.getStopTimeout(),
                RestartPolicies.isUnset(s.getRestart()) ? null : RestartPolicies.of(s.getRestart(), restartPolicy),
                s.getCritical(), s.isEnabled(), s.getMode(), s.getIdleDelay(), s.getRestartOnChange(),
                s.getLiveness(), s.getLeader())));
        return new ServiceBeans(context.getBeanFactory(), options, properties.getAdopt());
    }

    @Bean
    @ConditionalOnMissingBean
    ServiceRegistryLifecycle serviceRegistryLifecycle(ServiceRegistry registry, ServiceBeans serviceBeans,
            ServiceRegistryProperties properties) {
        Duration startupTimeout = properties.getStartupTimeout();
        return new ServiceRegistryLifecycle(registry, serviceBeans,
                startupTimeout != null ? startupTimeout : properties.getStartTimeout(), properties.getPhase());
    }

    // Only for adopted Lifecycle beans; otherwise Spring Boot's lifecycle processor is the context's.
    @Bean(name = AbstractApplicationContext.LIFECYCLE_PROCESSOR_BEAN_NAME)
    @ConditionalOnMissingBean(name = AbstractApplicationContext.LIFECYCLE_PROCESSOR_BEAN_NAME,
            search = SearchStrategy.CURRENT)
    @Conditional(OnAdoptedLifecycleBeansCondition.class)
    ServiceAwareLifecycleProcessor lifecycleProcessor(ObjectProvider<ServiceBeans> serviceBeans,
            Environment environment) {
        SingletonSupplier<ServiceBeans> beans = SingletonSupplier.of(serviceBeans::getObject);
        ServiceAwareLifecycleProcessor processor = new ServiceAwareLifecycleProcessor(
                () -> beans.obtain().adoptedBeanNames());
        // Spring Boot's own lifecycle processor backs off: its shutdown timeout, default included, is applied here.
        processor.setTimeoutPerShutdownPhase(Binder.get(environment).bindOrCreate("spring.lifecycle",
                org.springframework.boot.autoconfigure.context.LifecycleProperties.class)
                .getTimeoutPerShutdownPhase().toMillis());
        return processor;
    }

    @Bean
    @ConditionalOnMissingBean
    ConfigurationRestarts lifecycleConfigurationRestarts(ServiceRegistry registry, ServiceBeans serviceBeans,
            ConfigurableApplicationContext context) {
        return new ServiceConfigurationRestarts(registry, serviceBeans, context);
    }

    @Bean
    @ConditionalOnMissingBean
    ServiceTransitionLogger lifecycleTransitionLogger() {
        return new ServiceTransitionLogger();
    }

    @Bean
    ServiceTransitionEventPublisher lifecycleTransitionEventPublisher(ServiceRegistry registry,
            ConfigurableApplicationContext context) {
        return new ServiceTransitionEventPublisher(registry, context);
    }

    @Bean
    @ConditionalOnMissingBean
    EscalationExit lifecycleEscalationExit() {
        return System::exit;
    }

    @Bean
    EscalationShutdown lifecycleEscalationShutdown(ConfigurableApplicationContext context,
            ServiceRegistryProperties properties, EscalationExit exit) {
        return new EscalationShutdown(context, properties.getExitStatus(), exit);
    }

    @Bean
    CriticalServicesAvailability lifecycleCriticalServicesAvailability(ConfigurableApplicationContext publisher,
            ObjectProvider<ServiceBeans> serviceBeans, ServiceRegistryProperties properties,
            ObjectProvider<ServiceRegistry> registry) {
        // Asked on every transition: the bean is looked up once.
        SingletonSupplier<ServiceBeans> beans = SingletonSupplier.of(serviceBeans::getObject);
        SingletonSupplier<ServiceRegistry> services = SingletonSupplier.of(registry::getObject);
        return new CriticalServicesAvailability(publisher, id -> beans.obtain().isCritical(id),
                properties.getAvailability().isReadiness(), properties.getAvailability().isLiveness(),
                id -> beans.obtain().liveness(id),
                id -> services.obtain().snapshot(id).map(ServiceSnapshot::standby).orElse(false));
    }

    /** With Spring Cloud Context: its environment changes restart the services that read the changed keys. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.cloud.context.environment.EnvironmentChangeEvent")
    static final class EnvironmentChangeConfiguration {

        @Bean
        @ConditionalOnMissingBean
        EnvironmentChangeRestarts lifecycleEnvironmentChangeRestarts(ConfigurationRestarts restarts) {
            return new EnvironmentChangeRestarts(restarts);
        }
    }
}
