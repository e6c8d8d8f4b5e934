package dev.lifecycle.spring.console;

import dev.lifecycle.core.RestartPolicy;
import dev.lifecycle.core.ServiceDefinition;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A realistic graph of 200 services, the same for a seed: 20 services of infrastructure (configuration and secrets,
 * whose values are {@code java.util.Properties}, four data sources, Kafka, Redis, an HTTP client pool, a clock, ...) and 20 business domains (accounts, orders, payments, ...) of 9
 * services each: a repository on one of the data sources, a cache, a client of a remote system, a validator, the
 * domain's service (which also requires the services of up to two earlier domains, drawn from the seed), an event
 * publisher, a listener, a scheduler and an API. Layered like an application's beans: the infrastructure left, the APIs
 * and listeners right.
 */
final class LayeredServiceGraph {

    /** The seed of the graph the tests and the screenshot use. */
    static final long SEED = 20261206L;

    static final List<String> DOMAINS = List.of("accounts", "customers", "catalog", "pricing", "inventory",
            "warehouses", "suppliers", "carts", "coupons", "orders", "payments", "invoices", "refunds", "shipping",
            "returns", "loyalty", "reviews", "search", "recommendations", "notifications");

    static final List<String> ROLES = List.of("repository", "cache", "client", "validator", "service", "publisher",
            "listener", "scheduler", "api");

    private static final List<String> DATA_SOURCES = List.of("datasource-primary", "datasource-replica",
            "datasource-reporting", "datasource-audit");

    private LayeredServiceGraph() {
    }

    /**
     * Installs the graph of {@code seed} into {@code registry}; {@code neverRestarted} is not restarted after a
     * failure, so that its failure stays on screen.
     *
     * @return the ids installed, in the order installed
     */
    static List<String> install(ServiceRegistry registry, long seed, String neverRestarted) {
        Random random = new Random(seed);
        List<String> ids = new ArrayList<>();
        Installer installer = new Installer(registry, ids, neverRestarted);
        installer.add("config-server", Properties.class, new Properties());
        installer.add("secrets-vault", Properties.class, new Properties(), "config-server");
        installer.add("feature-flags", Map.class, Map.of(), "config-server");
        installer.add("clock", Clock.class, Clock.systemUTC());
        installer.add("schema-registry", Void.class, "config-server");
        installer.add("tracing", Void.class, "config-server");
        installer.add("metrics-registry", Void.class, "config-server");
        for (String dataSource : DATA_SOURCES) {
            installer.add(dataSource, Void.class, "config-server", "secrets-vault");
        }
        installer.add("kafka-client", Void.class, "config-server", "schema-registry");
        installer.add("redis-client", Void.class, "config-server");
        installer.add("http-client-pool", Void.class, "config-server", "tracing");
        installer.add("mail-gateway", Void.class, "http-client-pool", "secrets-vault");
        installer.add("sms-gateway", Void.class, "http-client-pool", "secrets-vault");
        installer.add("object-store", Void.class, "http-client-pool", "secrets-vault");
        installer.add("rate-limiter", Void.class, "redis-client");
        installer.add("id-generator", Void.class, "clock");
        installer.add("task-scheduler", Void.class, "clock");
        for (int i = 0; i < DOMAINS.size(); i++) {
            String domain = DOMAINS.get(i);
            installer.add(domain + "-repository", Void.class,
                    DATA_SOURCES.get(random.nextInt(DATA_SOURCES.size())), "id-generator");
            installer.add(domain + "-cache", Map.class, Map.of(), domain + "-repository", "redis-client");
            installer.add(domain + "-client", Void.class, "http-client-pool", "rate-limiter");
            installer.add(domain + "-validator", Void.class, domain + "-repository");
            Set<String> service = new LinkedHashSet<>(List.of(domain + "-cache", domain + "-validator",
                    domain + "-client"));
            for (int k = Math.min(i, random.nextInt(3)); k > 0; k--) {
                service.add(DOMAINS.get(random.nextInt(i)) + "-service");
            }
            installer.add(domain + "-service", Void.class, service.toArray(String[]::new));
            installer.add(domain + "-publisher", Void.class, "kafka-client", domain + "-service");
            installer.add(domain + "-listener", Void.class, "kafka-client", domain + "-service");
            installer.add(domain + "-scheduler", Void.class, "task-scheduler", domain + "-service");
            List<String> api = new ArrayList<>(List.of(domain + "-service", "feature-flags"));
            if (random.nextInt(10) < 3) {
                api.add("metrics-registry");
            }
            if (domain.equals("notifications")) {
                api.addAll(List.of("mail-gateway", "sms-gateway"));
            }
            if (domain.equals("invoices")) {
                api.add("object-store");
            }
            installer.add(domain + "-api", Void.class, api.toArray(String[]::new));
        }
        return ids;
    }

    private record Installer(ServiceRegistry registry, List<String> ids, String neverRestarted) {

        /** A service of no value. */
        void add(String id, Class<Void> type, String... requires) {
            add(id, type, null, requires);
        }

        /** A service whose value, of {@code type}, is {@code value}. */
        <T> void add(String id, Class<T> type, @Nullable T value, String... requires) {
            ServiceDefinition.Builder<T> definition = ServiceDefinition.builder(ServiceKey.of(id, type),
                    ctx -> value);
            definition.dependsOn(requires);
            if (id.equals(neverRestarted)) {
                definition.restartPolicy(RestartPolicy.never());
            }
            registry.install(definition.build());
            ids.add(id);
        }
    }
}
