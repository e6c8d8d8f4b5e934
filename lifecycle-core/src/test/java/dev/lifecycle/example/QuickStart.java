package dev.lifecycle.example;

import dev.lifecycle.core.ServiceDefinition;
import dev.lifecycle.core.ServiceHandle;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.event.ServiceListener;
import java.util.concurrent.atomic.AtomicInteger;

/** The README's quick-start example, kept compiling and running by {@link QuickStartTests}. */
public class QuickStart {

    record Config(String url, int version) {
    }

    record Database(String url) {
    }

    public static void main(String[] args) {
        AtomicInteger configVersion = new AtomicInteger();
        try (ServiceRegistry registry = ServiceRegistry.builder().build()) {
            registry.addListener(ServiceListener.ofTransitions(System.out::println));

            ServiceHandle<Config> config = registry.install("config", Config.class,
                    ctx -> new Config("jdbc:h2:mem:demo", configVersion.incrementAndGet()));
            ServiceHandle<Database> database = registry.install(
                    ServiceDefinition.builder(ServiceKey.of("database", Database.class),
                            ctx -> new Database(config.get().url() + "?v=" + config.get().version()))
                            .requires(config.key())
                            .build());
            registry.install(ServiceDefinition.builder(ServiceKey.of("cache", String.class),
                            ctx -> "cache warmed from " + database.get().url())
                    .requires(database.key())
                    .build());

            registry.startAll().join();
            System.out.println(registry.get(ServiceKey.of("cache", String.class)));
            System.out.print(registry.startupReport());

            // The configuration changed: fail its service. Database and cache stop first, config stops and
            // fails, restarts after its back-off, then database and cache start again with the new value.
            registry.fail("config", new IllegalStateException("config file changed")).join();
            System.out.println(registry.await(ServiceKey.of("cache", String.class)).join());
        }
    }
}
