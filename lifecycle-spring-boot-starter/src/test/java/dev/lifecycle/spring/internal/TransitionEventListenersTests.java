package dev.lifecycle.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.spring.ServiceTransitionEvent;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Transition events are published only while something listens to them: which listeners count, and that one added
 * while the application runs receives the transitions from then on.
 */
class TransitionEventListenersTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ServiceRegistryAutoConfiguration.class))
            .withBean("config", Service.class, () -> context -> "value");

    @Test
    void aContextWithoutAListenerOfTransitionsHasNone() {
        runner.withBean("refreshed", RefreshListener.class, RefreshListener::new).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(listeners(context).any()).isFalse();
        });
    }

    @Test
    void anEventListenerMethodAListenerBeanOfTransitionsAndOneOfEveryEventEachCount() {
        runner.withBean(MethodListener.class, MethodListener::new)
                .run(context -> assertThat(listeners(context).any()).isTrue());
        runner.withBean("transitions", TransitionListener.class, TransitionListener::new)
                .run(context -> assertThat(listeners(context).any()).isTrue());
        runner.withBean("everything", EveryEventListener.class, EveryEventListener::new)
                .run(context -> assertThat(listeners(context).any()).isTrue());
    }

    @Test
    void aLazyListenerBeanOfTransitionsCountsBeforeItIsCreated() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            context.registerBean("lazyTransitions", TransitionListener.class, TransitionListener::new,
                    definition -> definition.setLazyInit(true));
            context.registerBean("lazyClock", Object.class, Object::new, definition -> definition.setLazyInit(true));
            context.refresh();
            assertThat(context.getBeanFactory().containsSingleton("lazyTransitions")).isFalse();
            assertThat(new TransitionEventListeners(context, ServiceRegistry.class).any()).isTrue();
        }
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            context.registerBean("lazyRefreshed", RefreshListener.class, RefreshListener::new,
                    definition -> definition.setLazyInit(true));
            context.refresh();
            assertThat(new TransitionEventListeners(context, ServiceRegistry.class).any()).isFalse();
        }
    }

    @Test
    void aListenerAddedWhileTheApplicationRunsReceivesTheTransitionsFromThenOn() {
        runner.run(context -> {
            ServiceRegistry registry = context.getBean(ServiceRegistry.class);
            TransitionEventListeners listeners = listeners(context);
            assertThat(listeners.any()).isFalse();

            TransitionListener added = new TransitionListener();
            context.addApplicationListener(added);
            assertThat(listeners.any()).isTrue();
            registry.restart("config").get(10, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(added.events)
                    .extracting(e -> e.getFrom() + "->" + e.getTo())
                    .containsExactly("RUNNING->STOPPING", "STOPPING->WAITING", "WAITING->STARTING",
                            "STARTING->RUNNING"));
        });
    }

    @Test
    void aSpringBootApplicationWithItsOwnListenersAndNoneOfTransitionsHasNone() {
        SpringApplication application = new SpringApplication(QuietApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setBannerMode(Banner.Mode.OFF);
        try (ConfigurableApplicationContext context = application.run("--spring.main.log-startup-info=false")) {
            assertThat(context.getBean(ServiceRegistry.class).snapshot("quiet")).isPresent();
            assertThat(listeners(context).any()).isFalse();
        }
    }

    @Test
    void aListenerInTheParentContextCounts() {
        try (GenericApplicationContext parent = new GenericApplicationContext()) {
            parent.registerBean("transitions", TransitionListener.class, TransitionListener::new);
            parent.refresh();
            runner.withParent(parent).run(context -> assertThat(listeners(context).any()).isTrue());
        }
        try (GenericApplicationContext quietParent = new GenericApplicationContext()) {
            quietParent.refresh();
            runner.withParent(quietParent).run(context -> assertThat(listeners(context).any()).isFalse());
        }
    }

    private static TransitionEventListeners listeners(ConfigurableApplicationContext context) {
        ConfigurableApplicationContext source = context instanceof AssertableApplicationContext assertable
                ? assertable.getSourceApplicationContext() : context;
        return new TransitionEventListeners(source, context.getBean(ServiceRegistry.class).getClass());
    }

    /** A Boot application with auto-configuration (the starter's included) and one service. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class QuietApplication {

        @Bean
        Service<String> quiet() {
            return context -> "value";
        }
    }

    static class MethodListener {

        @EventListener
        void on(ServiceTransitionEvent event) {
        }
    }

    static class TransitionListener implements ApplicationListener<ServiceTransitionEvent> {

        final List<ServiceTransitionEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(ServiceTransitionEvent event) {
            events.add(event);
        }
    }

    static class EveryEventListener implements ApplicationListener<ApplicationEvent> {

        @Override
        public void onApplicationEvent(ApplicationEvent event) {
        }
    }

    static class RefreshListener implements ApplicationListener<ContextRefreshedEvent> {

        @Override
        public void onApplicationEvent(ContextRefreshedEvent event) {
        }
    }
}
