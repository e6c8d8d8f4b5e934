package dev.lifecycle.spring.autoconfigure.console;

import dev.lifecycle.spring.console.ActuatorServicesEndpointLocator;
import dev.lifecycle.spring.console.ConsoleChangeStream;
import dev.lifecycle.spring.console.LifecycleConsole;
import dev.lifecycle.spring.console.ServicesEndpointLink;
import dev.lifecycle.spring.console.ServicesEndpointLocator;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Auto-configuration for the {@link LifecycleConsole}: off unless {@code lifecycle.console.enabled=true}, and only in
 * a servlet web application; with its {@link ConsoleChangeStream} unless {@code lifecycle.console.stream.enabled=false}
 * (the registry receives the stream's transitions as it does every {@code ServiceListener} bean).
 *
 * @since 0.1
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(RouterFunction.class)
@ConditionalOnBooleanProperty(name = "lifecycle.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty("lifecycle.console.enabled")
@EnableConfigurationProperties(LifecycleConsoleProperties.class)
public final class LifecycleConsoleAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    LifecycleConsole lifecycleConsole(LifecycleConsoleProperties properties,
            ObjectProvider<ServicesEndpointLocator> locator, Environment environment,
            ObjectProvider<ConsoleChangeStream> changes) {
        return new LifecycleConsole(properties.getPath(), properties.getRefreshInterval(),
                locator.getIfAvailable(() -> () -> ServicesEndpointLink.unavailable("Spring Boot's actuator is not "
                        + "on the class path: add spring-boot-starter-actuator and expose the services endpoint.")),
                environment.getProperty("spring.application.name"), changes.getIfAvailable());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "lifecycle.console.stream.enabled", matchIfMissing = true)
    ConsoleChangeStream lifecycleConsoleChangeStream(LifecycleConsoleProperties properties) {
        return new ConsoleChangeStream(Duration.ofMillis(ConsoleChangeStream.DEFAULT_COALESCING_MILLIS),
                properties.getStream().getHeartbeatInterval());
    }

    @Bean
    @ConditionalOnMissingBean(name = "lifecycleConsoleRoutes")
    RouterFunction<ServerResponse> lifecycleConsoleRoutes(LifecycleConsole console) {
        return console.routes();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ PathMappedEndpoints.class, ManagementPortType.class })
    static class ActuatorConfiguration {

        @Bean
        @ConditionalOnMissingBean(ServicesEndpointLocator.class)
        ActuatorServicesEndpointLocator lifecycleConsoleEndpointLocator(ObjectProvider<PathMappedEndpoints> endpoints,
                Environment environment) {
            return new ActuatorServicesEndpointLocator(endpoints::getIfAvailable, environment);
        }
    }
}
