package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SmokeTests {

    @Test
    void chainStartsInOrderAndCascades() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        try (ServiceRegistry registry = ServiceRegistry.builder().build()) {
            ServiceHandle<String> config = registry.install("config", String.class, ctx -> {
                calls.add("start config");
                return "v" + calls.size();
            });
            registry.install(ServiceDefinition.builder(ServiceKey.of("db", String.class), new Service<String>() {
                @Override
                public String start(ServiceContext context) {
                    calls.add("start db");
                    return "db(" + config.get() + ")";
                }

                @Override
                public void stop(ServiceContext context) {
                    calls.add("stop db");
                }
            }).requires(config.key()).build());
            registry.startAll().get(5, TimeUnit.SECONDS);
            assertThat(calls).containsExactly("start config", "start db");
            assertThat(registry.get(ServiceKey.of("db", String.class))).isEqualTo("db(v1)");

            registry.fail("config", new IllegalStateException("config changed")).get(5, TimeUnit.SECONDS);
            registry.await(ServiceKey.of("db", String.class)).get(5, TimeUnit.SECONDS);
            registry.settled().get(5, TimeUnit.SECONDS);
            assertThat(calls).containsExactly("start config", "start db", "stop db", "start config", "start db");
            assertThat(registry.get(ServiceKey.of("db", String.class))).isEqualTo("db(v4)");
            System.out.println(registry.snapshot());
            System.out.println(registry.graph().toMermaid());
            System.out.println(registry.startupReport());
        }
    }
}
