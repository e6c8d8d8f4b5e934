package dev.lifecycle.spring.internal;

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.SimpleAliasRegistry;

/** Bean names as a bean factory registered them. */
final class BeanNames {

    private BeanNames() {
    }

    /**
     * The name under which {@code beanFactory} registered the bean that {@code name} refers to: an alias or a
     * {@code &} factory-bean name resolved to the bean's own name.
     */
    static String canonical(ConfigurableListableBeanFactory beanFactory, String name) {
        String transformed = BeanFactoryUtils.transformedBeanName(name);
        return beanFactory instanceof SimpleAliasRegistry aliases ? aliases.canonicalName(transformed) : transformed;
    }
}
