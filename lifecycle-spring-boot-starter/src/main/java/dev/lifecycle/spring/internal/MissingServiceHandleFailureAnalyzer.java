package dev.lifecycle.spring.internal;

import dev.lifecycle.core.ServiceHandle;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.analyzer.AbstractInjectionFailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Explains why a {@link ServiceHandle} could not be injected: the service registry, which provides every handle, is
 * not there. Either {@code lifecycle.enabled=false} turned it off (the description says where that is set), or its
 * auto-configuration did not run: it is excluded, auto-configuration is turned off
 * ({@code spring.boot.enableautoconfiguration=false}), or the application does not enable auto-configuration at all.
 * The action says how to bring the registry back, or to keep {@code ServiceHandle} out of beans that must work without
 * it.
 *
 * <p>It reads only Spring's {@link NoSuchBeanDefinitionException} for the type {@code ServiceHandle}, which is what
 * any injection of a handle fails with when the registry's auto-configuration did not run, however handles are
 * injected. The reasons are read from the environment and the bean definitions, which outlive a failed start-up (the
 * beans, Spring Boot's condition report among them, do not). When the auto-configuration did run, or did not for a
 * reason it cannot tell, it leaves the failure to Spring Boot's own analysis. Ordered before Spring Boot's
 * {@code NoSuchBeanDefinitionFailureAnalyzer}, which would otherwise report a bean that could not be found.
 */
final class MissingServiceHandleFailureAnalyzer extends AbstractInjectionFailureAnalyzer<NoSuchBeanDefinitionException>
        implements Ordered {

    private static final String ENABLED = "lifecycle.enabled";

    /** The registry's auto-configuration, named rather than imported: the wiring is not imported back. */
    private static final String AUTO_CONFIGURATION =
            "dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration";

    private static final String SIMPLE_NAME = "ServiceRegistryAutoConfiguration";

    private static final String EXCLUDE = "spring.autoconfigure.exclude";

    private static final String LEAVE_OUT = "or stop injecting ServiceHandle into beans that must work without the "
            + "registry (leave them out as well when it is off, for example with @ConditionalOnBooleanProperty(name = "
            + "\"lifecycle.enabled\", matchIfMissing = true) on them).";

    private final @Nullable ConfigurableListableBeanFactory beanFactory;
    private final Environment environment;

    MissingServiceHandleFailureAnalyzer(BeanFactory beanFactory, Environment environment) {
        this.beanFactory = beanFactory instanceof ConfigurableListableBeanFactory factory ? factory : null;
        this.environment = environment;
    }

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause,
            @Nullable String description) {
        if (!ServiceHandle.class.equals(cause.getBeanType())) {
            return null;
        }
        String site = (description != null ? description : "A bean") + " required a " + ServiceHandle.class.getName()
                + ", which only the service registry provides, but there is no service registry: ";
        if (Boolean.FALSE.equals(booleanProperty(ENABLED))) {
            return new FailureAnalysis(site + "it is turned off by " + ENABLED + "=false" + origin(ENABLED) + ".",
                    "Remove " + ENABLED + "=false (or set it to true) so that the service registry runs, "
                            + LEAVE_OUT, cause);
        }
        if (beanFactory == null || beanFactory.containsBeanDefinition(AUTO_CONFIGURATION)) {
            // The registry's auto-configuration ran: something else is wrong, which Spring Boot's analysis describes.
            return null;
        }
        if (excludedAutoConfigurations().contains(AUTO_CONFIGURATION)) {
            return new FailureAnalysis(site + "its auto-configuration, " + AUTO_CONFIGURATION + ", is excluded "
                    + "(spring.autoconfigure.exclude, or the exclude attribute of @SpringBootApplication or "
                    + "@EnableAutoConfiguration).", "Remove " + SIMPLE_NAME + " from the excluded "
                            + "auto-configurations so that the service registry runs, " + LEAVE_OUT, cause);
        }
        if (Boolean.FALSE.equals(booleanProperty(EnableAutoConfiguration.ENABLED_OVERRIDE_PROPERTY))) {
            return new FailureAnalysis(site + "auto-configuration, the registry's included, is turned off by "
                    + EnableAutoConfiguration.ENABLED_OVERRIDE_PROPERTY + "=false"
                    + origin(EnableAutoConfiguration.ENABLED_OVERRIDE_PROPERTY) + ".", "Remove "
                            + EnableAutoConfiguration.ENABLED_OVERRIDE_PROPERTY + "=false so that the service "
                            + "registry runs, " + LEAVE_OUT, cause);
        }
        if (!annotatedBeans(EnableAutoConfiguration.class).isEmpty()) {
            // Auto-configuration ran without the registry's, for a reason this analyzer cannot tell.
            return null;
        }
        return new FailureAnalysis(site + "its auto-configuration, " + AUTO_CONFIGURATION + ", did not run: "
                + "auto-configuration is not enabled in this application (no @SpringBootApplication or "
                + "@EnableAutoConfiguration).", "Enable auto-configuration (@SpringBootApplication or "
                        + "@EnableAutoConfiguration, or @ImportAutoConfiguration(" + SIMPLE_NAME + ".class)) so "
                        + "that the service registry runs, " + LEAVE_OUT, cause);
    }

    /**
     * The auto-configurations the application excludes: {@code spring.autoconfigure.exclude} and the exclude
     * attributes of its {@code @EnableAutoConfiguration} (or {@code @SpringBootApplication}). Read from the
     * environment and the bean definitions, which outlive a failed start-up.
     */
    private Set<String> excludedAutoConfigurations() {
        Set<String> excluded = new HashSet<>(Binder.get(environment).bind(EXCLUDE, Bindable.listOf(String.class))
                .orElse(List.of()).stream().map(String::strip).toList());
        for (EnableAutoConfiguration annotation : annotatedBeans(EnableAutoConfiguration.class)) {
            for (Class<?> type : annotation.exclude()) {
                excluded.add(type.getName());
            }
            excluded.addAll(List.of(annotation.excludeName()));
        }
        return excluded;
    }

    /** The annotations {@code type} of the beans that carry it (directly or as a meta-annotation). */
    private <A extends Annotation> List<A> annotatedBeans(Class<A> type) {
        List<A> found = new ArrayList<>();
        if (beanFactory == null) {
            return found;
        }
        for (String name : beanFactory.getBeanDefinitionNames()) {
            try {
                A annotation = beanFactory.findAnnotationOnBean(name, type, false);
                if (annotation != null) {
                    found.add(annotation);
                }
            }
            catch (RuntimeException ex) {
                // A bean whose type cannot be told from its definition carries none that matters here.
            }
        }
        return found;
    }

    private @Nullable Boolean booleanProperty(String name) {
        try {
            return environment.getProperty(name, Boolean.class);
        }
        catch (RuntimeException ex) {
            // Not a boolean: the condition reading it fails the start-up with its own message.
            return null;
        }
    }

    /** Where {@code name} is set, as " (origin: ...)", or "" when that cannot be told. */
    private String origin(String name) {
        if (!(environment instanceof ConfigurableEnvironment)) {
            return "";
        }
        ConfigurationPropertyName propertyName = ConfigurationPropertyName.of(name);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty property = source.getConfigurationProperty(propertyName);
            if (property != null) {
                return property.getOrigin() != null ? " (origin: " + property.getOrigin() + ")" : "";
            }
        }
        return "";
    }

    /** Before Spring Boot's {@code NoSuchBeanDefinitionFailureAnalyzer}, which has no order (the lowest). */
    @Override
    public int getOrder() {
        return 0;
    }
}
