package dev.lifecycle.spring.internal;

import dev.lifecycle.core.ServiceDefinition;
import dev.lifecycle.core.ServiceKey;
import java.util.List;

/**
 * A service bean, ready to install.
 *
 * @param beanName the bean name
 * @param key the service key
 * @param critical whether its annotation marks it critical
 * @param definition what to install
 * @param restartOnChange the configuration key prefixes it declares it reads (annotation and property), checked
 */
record ServiceBean(String beanName, ServiceKey<?> key, boolean critical, ServiceDefinition<?> definition,
        List<KeyPrefix> restartOnChange) {
}
