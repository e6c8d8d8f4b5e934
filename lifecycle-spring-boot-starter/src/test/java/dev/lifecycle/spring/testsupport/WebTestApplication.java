package dev.lifecycle.spring.testsupport;

import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceHandle;
import dev.lifecycle.spring.LifecycleService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.DependsOn;

/**
 * The application of the web tests: a configuration, a database client built from it, a repository and a listener
 * container (a SmartLifecycle bean adopted as a service) that both need the database.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class WebTestApplication {

    /** The value of the configuration service. */
    public record Config(String url) {
    }

    /** The value of the database service. */
    public record Database(String url) {
    }

    @Bean
    @LifecycleService(critical = true)
    Service<Config> config() {
        return ctx -> new Config("jdbc:h2:mem:orders");
    }

    @Bean
    Service<Database> database(ServiceHandle<Config> config) {
        return ctx -> new Database(config.get().url());
    }

    @Bean
    @DependsOn("database")
    Service<Void> repository() {
        return ctx -> null;
    }

    @Bean
    @LifecycleService(requires = "database")
    ListenerContainer listener() {
        return new ListenerContainer();
    }

    /** Stands for a message listener container: a SmartLifecycle bean that starts automatically. */
    public static class ListenerContainer implements SmartLifecycle {

        private final AtomicBoolean running = new AtomicBoolean();

        @Override
        public void start() {
            running.set(true);
        }

        @Override
        public void stop() {
            running.set(false);
        }

        @Override
        public boolean isRunning() {
            return running.get();
        }

        @Override
        public String toString() {
            return "ListenerContainer[running=" + running.get() + "]";
        }
    }
}
