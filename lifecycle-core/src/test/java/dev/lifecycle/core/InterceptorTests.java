package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Interceptors wrap every installed service, in the order they were added; overrides are not wrapped. */
class InterceptorTests {

    private final List<String> calls = new CopyOnWriteArrayList<>();

    private ServiceInterceptor tracing(String name) {
        return new ServiceInterceptor() {
            @Override
            public <T> Service<T> intercept(ServiceKey<T> key, Service<T> service) {
                calls.add(name + " wraps " + key.id());
                return new Service<>() {
                    @Override
                    public T start(ServiceContext context) throws Exception {
                        calls.add(name + " starts " + key.id());
                        return service.start(context);
                    }

                    @Override
                    public void stop(ServiceContext context) throws Exception {
                        calls.add(name + " stops " + key.id());
                        service.stop(context);
                    }
                };
            }
        };
    }

    @Test
    void interceptorsWrapEveryInstalledServiceOnceInTheOrderTheyWereAdded() {
        ServiceKey<String> fixed = ServiceKey.of("fixed", String.class);
        try (ServiceRegistry registry = ServiceRegistry.builder().executor(Runnable::run).interceptor(tracing("a"))
                .interceptor(tracing("b")).override(fixed, "42").build()) {
            registry.install("db", String.class, ctx -> "db");
            registry.install("fixed", String.class, ctx -> "not used");
            registry.startAll().join();
            registry.stopAll().join();

            assertThat(calls).containsExactly("a wraps db", "b wraps db", "b starts db", "a starts db", "b stops db",
                    "a stops db");
            assertThat(registry.snapshot("fixed")).isPresent();
        }
    }

    @Test
    void anInterceptorThatReturnsNothingIsRefusedAtInstallAndNothingIsInstalled() {
        try (ServiceRegistry registry = ServiceRegistry.builder().interceptor(new ServiceInterceptor() {
            @Override
            public <T> Service<T> intercept(ServiceKey<T> key, Service<T> service) {
                return null;
            }
        }).build()) {
            assertThatThrownBy(() -> registry.install("db", String.class, ctx -> "db"))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("ServiceInterceptor.intercept(key, service): its result must not be null");
            assertThat(registry.snapshot()).isEmpty();
        }
    }
}
