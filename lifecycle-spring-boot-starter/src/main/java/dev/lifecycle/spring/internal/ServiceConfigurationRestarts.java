package dev.lifecycle.spring.internal;

import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.spring.ConfigurationRestarts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindingPostProcessor;
import org.springframework.boot.context.properties.bind.BindMethod;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The starter's {@link ConfigurationRestarts}: which service reads which keys is worked out at the first change, from
 * the service beans' declared prefixes and the {@code @ConfigurationProperties} beans Spring injected into them.
 *
 * @since 0.1
 */
public final class ServiceConfigurationRestarts implements ConfigurationRestarts {

    private static final Logger logger = LoggerFactory.getLogger(ServiceConfigurationRestarts.class);

    private final ServiceRegistry registry;
    private final ServiceBeans serviceBeans;
    private final ConfigurableApplicationContext context;
    private final Object lock = new Object();
    /** What each service reads, once worked out. Guarded by {@link #lock}. */
    private @Nullable List<Reader> readers;

    /**
     * Restarts for the services of {@code serviceBeans}.
     *
     * @param registry the registry they are installed in
     * @param serviceBeans the service beans
     * @param context the application context, whose {@code @ConfigurationProperties} beans are bound again
     */
    public ServiceConfigurationRestarts(ServiceRegistry registry, ServiceBeans serviceBeans,
            ConfigurableApplicationContext context) {
        this.registry = registry;
        this.serviceBeans = serviceBeans;
        this.context = context;
    }

    @Override
    public CompletableFuture<Set<String>> restartFor(Collection<String> changedKeys) {
        Objects.requireNonNull(changedKeys, "ConfigurationRestarts.restartFor(changedKeys): changedKeys is null");
        List<String> keys = new ArrayList<>(changedKeys.size());
        List<ConfigurationPropertyName> names = new ArrayList<>(changedKeys.size());
        for (String key : changedKeys) {
            Objects.requireNonNull(key, "ConfigurationRestarts.restartFor(changedKeys): a key is null");
            ConfigurationPropertyName name = KeyPrefix.key(key);
            if (name != null) {
                keys.add(key);
                names.add(name);
            }
        }
        Set<String> ids = new LinkedHashSet<>();
        Map<String, ConfigurationPropertiesBean> rebind = new LinkedHashMap<>();
        synchronized (lock) {
            for (Reader reader : readers()) {
                if (reader.reads(names, rebind)) {
                    ids.add(reader.id());
                }
            }
            rebind.values().forEach(this::rebind);
        }
        ids.removeIf(id -> registry.snapshot(id).isEmpty());
        if (ids.isEmpty()) {
            logger.debug("Configuration keys {} changed; no service reads them", keys);
            return CompletableFuture.completedFuture(Set.of());
        }
        logger.info("Configuration keys {} changed; restarting the services that read them: {}", keys, ids);
        Set<String> restarted = Set.copyOf(ids);
        return registry.restartForConfiguration(ids, keys).thenApply(settled -> restarted);
    }

    /** Binds a {@code @ConfigurationProperties} bean again, as Spring Boot bound it at start-up. */
    private void rebind(ConfigurationPropertiesBean bean) {
        if (bean.asBindTarget().getBindMethod() == BindMethod.VALUE_OBJECT) {
            logger.warn("@ConfigurationProperties bean '{}' ({}) is bound through its constructor and cannot be bound "
                    + "again: the services reading it restart with its old values. Give it setters (JavaBean "
                    + "binding) to have it follow changes.", bean.getName(), bean.getInstance().getClass().getName());
            return;
        }
        context.getBean(ConfigurationPropertiesBindingPostProcessor.BEAN_NAME,
                ConfigurationPropertiesBindingPostProcessor.class)
                .postProcessBeforeInitialization(bean.getInstance(), bean.getName());
        logger.debug("Bound @ConfigurationProperties bean '{}' again", bean.getName());
    }

    private List<Reader> readers() {
        List<Reader> found = readers;
        if (found == null) {
            found = new ArrayList<>();
            ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
            for (ServiceBean bean : serviceBeans.beans()) {
                Map<KeyPrefix, ConfigurationPropertiesBean> properties = new LinkedHashMap<>();
                for (String dependency : beanFactory.getDependenciesForBean(bean.beanName())) {
                    ConfigurationPropertiesBean configuration = configurationProperties(beanFactory, dependency);
                    KeyPrefix prefix = configuration == null ? null
                            : KeyPrefix.ofBound(configuration.getAnnotation().prefix());
                    if (prefix != null) {
                        properties.put(prefix, configuration);
                    }
                }
                if (!bean.restartOnChange().isEmpty() || !properties.isEmpty()) {
                    found.add(new Reader(bean.key().id(), bean.restartOnChange(), properties));
                }
            }
            readers = found;
        }
        return found;
    }

    private @Nullable ConfigurationPropertiesBean configurationProperties(ConfigurableListableBeanFactory beanFactory,
            String name) {
        if (!beanFactory.containsSingleton(name)) {
            return null;
        }
        return ConfigurationPropertiesBean.get(context, beanFactory.getSingleton(name), name);
    }

    /**
     * A service and the keys it reads.
     *
     * @param id the service id
     * @param prefixes the prefixes it declares
     * @param properties the {@code @ConfigurationProperties} beans injected into it, by prefix
     */
    private record Reader(String id, List<KeyPrefix> prefixes,
            Map<KeyPrefix, ConfigurationPropertiesBean> properties) {

        /** Whether it reads one of {@code keys}; adds the properties beans it reads under them to {@code rebind}. */
        boolean reads(List<ConfigurationPropertyName> keys, Map<String, ConfigurationPropertiesBean> rebind) {
            boolean reads = false;
            for (ConfigurationPropertyName key : keys) {
                for (KeyPrefix prefix : prefixes) {
                    reads |= prefix.matches(key);
                }
                for (Map.Entry<KeyPrefix, ConfigurationPropertiesBean> entry : properties.entrySet()) {
                    if (entry.getKey().matches(key)) {
                        reads = true;
                        rebind.putIfAbsent(entry.getValue().getName(), entry.getValue());
                    }
                }
            }
            return reads;
        }
    }
}
