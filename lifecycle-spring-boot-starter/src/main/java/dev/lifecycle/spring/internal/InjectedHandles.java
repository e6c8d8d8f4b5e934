package dev.lifecycle.spring.internal;

import dev.lifecycle.core.ServiceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Which {@link dev.lifecycle.core.ServiceHandle}s were injected into which bean, by bean name. Thread-safe. */
final class InjectedHandles {

    static final String BEAN_NAME = "lifecycleInjectedServiceHandles";

    private final Map<String, List<ServiceKey<?>>> byBean = new ConcurrentHashMap<>();

    void record(String beanName, ServiceKey<?> key) {
        byBean.compute(beanName, (name, keys) -> {
            List<ServiceKey<?>> list = keys == null ? new ArrayList<>() : new ArrayList<>(keys);
            if (!list.contains(key)) {
                list.add(key);
            }
            return List.copyOf(list);
        });
    }

    List<ServiceKey<?>> of(String beanName) {
        return byBean.getOrDefault(beanName, List.of());
    }
}
