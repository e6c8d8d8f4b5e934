package com.example.consumer;

import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceSnapshot;
import dev.lifecycle.core.ServiceState;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * One service bean, run by the starter: the application starts, checks that the service is RUNNING with its value,
 * and exits with status 0; any other outcome exits with another status.
 */
@SpringBootApplication
public class ConsumerApplication {

    @Bean
    Service<String> greeting() {
        return ctx -> "hello from " + ctx.key().id();
    }

    public static void main(String[] args) {
        int status;
        try (ConfigurableApplicationContext context = SpringApplication.run(ConsumerApplication.class, args)) {
            ServiceRegistry registry = context.getBean(ServiceRegistry.class);
            ServiceSnapshot greeting = registry.snapshot("greeting").orElseThrow(
                    () -> new IllegalStateException("The starter did not install the service bean 'greeting'"));
            if (greeting.state() != ServiceState.RUNNING) {
                throw new IllegalStateException("The service 'greeting' is " + greeting.state() + ", not RUNNING");
            }
            System.out.println("Consumer: service 'greeting' is " + greeting.state() + " with the value '"
                    + registry.get(ServiceKey.of("greeting", String.class)) + "'");
            status = SpringApplication.exit(context);
        }
        System.exit(status);
    }
}
