package dev.lifecycle.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceContext;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.spring.testsupport.Calls;
import dev.lifecycle.spring.testsupport.WebTestApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shutdown of a web application: the server drains its requests while the services run, and the services stop, in
 * reverse order, only once the server has stopped.
 */
class GracefulShutdownTests {

    @Test
    void servicesStopAfterTheWebServerHasDrainedAndStopped() throws Exception {
        Calls calls = new Calls();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WebTestApplication.class,
                ShutdownConfiguration.class).initializers(ctx -> ctx.getBeanFactory().registerSingleton("calls", calls))
                .properties("server.port=0", "server.shutdown=graceful",
                        "spring.lifecycle.timeout-per-shutdown-phase=20s")
                .run();
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        SlowController controller = context.getBean(SlowController.class);
        ServiceRegistry registry = context.getBean(ServiceRegistry.class);
        CompletableFuture<HttpResponse<String>> response = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/slow")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(controller.entered.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> closed = CompletableFuture.runAsync(context::close);
        controller.release.countDown();

        assertThat(response.get(20, TimeUnit.SECONDS).body()).isEqualTo("database RUNNING");
        closed.get(30, TimeUnit.SECONDS);
        assertThat(calls.all()).containsExactly("request done", "stop:probe (web server running: false, graceful shutdown running: false)",
                "stop:prober-dependency");
        assertThat(registry.snapshot()).allSatisfy(s -> assertThat(s.state().name()).isEqualTo("STOPPED"));
    }

    @Configuration(proxyBeanMethods = false)
    static class ShutdownConfiguration {

        @Bean
        SlowController slowController(ServiceRegistry registry, Calls calls) {
            return new SlowController(registry, calls);
        }

        @Bean
        Service<String> proberDependency(Calls calls) {
            return new Service<>() {
                @Override
                public String start(ServiceContext context) {
                    return "dependency";
                }

                @Override
                public void stop(ServiceContext context) {
                    calls.add("stop:prober-dependency");
                }
            };
        }

        /** On stop, records whether the web server (its start-stop lifecycle, which Boot registers) still runs. */
        @Bean
        @LifecycleService(name = "probe", requires = "proberDependency")
        Service<Void> probe(Calls calls, ConfigurableApplicationContext context) {
            return new Service<>() {
                @Override
                public @Nullable Void start(ServiceContext ctx) {
                    return null;
                }

                @Override
                public void stop(ServiceContext ctx) {
                    calls.add("stop:probe (web server running: "
                            + context.getBean("webServerStartStop", SmartLifecycle.class).isRunning()
                            + ", graceful shutdown running: "
                            + context.getBean("webServerGracefulShutdown", SmartLifecycle.class).isRunning() + ")");
                }
            };
        }
    }

    /** Holds a request until released, then answers with the state of the database service. */
    @RestController
    static class SlowController {

        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final ServiceRegistry registry;
        private final Calls calls;

        SlowController(ServiceRegistry registry, Calls calls) {
            this.registry = registry;
            this.calls = calls;
        }

        @GetMapping("/slow")
        String slow() throws InterruptedException {
            entered.countDown();
            release.await(20, TimeUnit.SECONDS);
            String state = "database " + registry.snapshot("database").orElseThrow().state();
            calls.add("request done");
            return state;
        }
    }
}
