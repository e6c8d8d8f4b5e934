package dev.lifecycle.spring.internal;

import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.spring.RequiresService;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/**
 * Makes {@link dev.lifecycle.core.ServiceHandle} injectable into any bean, as a constructor or {@code @Bean} method
 * parameter or an {@code @Autowired} field. The service is named by {@link RequiresService @RequiresService} on the
 * injection point, or else by the parameter or field name; the value type is the handle's type argument. When the
 * bean is a service (or an adopted lifecycle bean), the handle also makes it require that service.
 *
 * <p>Every injection point of type {@code ServiceHandle} is resolved this way; the handle looks the registry up on
 * first use.
 *
 * @since 0.1
 */
public final class ServiceHandleInjection implements BeanFactoryPostProcessor {

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
        if (!(beanFactory instanceof DefaultListableBeanFactory factory)
                || factory.getAutowireCandidateResolver() instanceof ServiceHandleResolver) {
            return;
        }
        InjectedHandles handles = new InjectedHandles();
        factory.setAutowireCandidateResolver(new ServiceHandleResolver(factory.getAutowireCandidateResolver(),
                handles, () -> factory.getBean(ServiceRegistry.class)));
        factory.registerSingleton(InjectedHandles.BEAN_NAME, handles);
    }
}
