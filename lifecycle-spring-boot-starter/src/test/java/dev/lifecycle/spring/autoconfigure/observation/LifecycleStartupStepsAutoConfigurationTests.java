package dev.lifecycle.spring.autoconfigure.observation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.Service;
import dev.lifecycle.spring.LifecycleService;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration;
import dev.lifecycle.spring.observation.ServiceStartupSteps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.metrics.StartupStep;

/** Conditions of {@link LifecycleStartupStepsAutoConfiguration}, and the steps of a {@link BufferingApplicationStartup}. */
class LifecycleStartupStepsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ServiceRegistryAutoConfiguration.class,
                    LifecycleStartupStepsAutoConfiguration.class))
            .withUserConfiguration(Services.class);

    @Test
    void noStepsWithSpringsDefaultApplicationStartup() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ServiceStartupSteps.class)
                .doesNotHaveBean("lifecycleServiceStartupStepsCustomizer"));
    }

    @Test
    void eachStartDuringStartupIsAStepWithTheServiceAndItsRequirements() {
        BufferingApplicationStartup startup = new BufferingApplicationStartup(1000);

        runner.withInitializer(context -> context.setApplicationStartup(startup)).run(context -> {
            assertThat(context).hasSingleBean(ServiceStartupSteps.class);
            List<TimelineEvent> events = startup.getBufferedTimeline().getEvents();
            Map<String, Map<String, String>> starts = new LinkedHashMap<>();
            events.stream().filter(e -> e.getStartupStep().getName().equals("lifecycle.service.start"))
                    .forEach(e -> starts.put(tags(e.getStartupStep()).get("service"), tags(e.getStartupStep())));

            assertThat(starts).containsOnlyKeys("config", "database");
            assertThat(starts.get("database")).containsEntry("requires", "config").containsEntry("outcome",
                    "success");
            assertThat(starts.get("config")).containsEntry("requires", "");
            assertThat(events).filteredOn(e -> e.getStartupStep().getName().equals("lifecycle.startup")).singleElement()
                    .satisfies(e -> assertThat(tags(e.getStartupStep())).containsEntry("outcome", "success"));
        });
    }

    @Test
    void noStepsWhenTurnedOff() {
        BufferingApplicationStartup startup = new BufferingApplicationStartup(1000);

        runner.withInitializer(context -> context.setApplicationStartup(startup))
                .withPropertyValues("lifecycle.observations.startup-steps=false")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(ServiceStartupSteps.class);
                    assertThat(startup.getBufferedTimeline().getEvents())
                            .noneMatch(e -> e.getStartupStep().getName().startsWith("lifecycle."));
                });
    }

    private static Map<String, String> tags(StartupStep step) {
        Map<String, String> tags = new LinkedHashMap<>();
        step.getTags().forEach(tag -> tags.put(tag.getKey(), tag.getValue()));
        return tags;
    }

    @Configuration(proxyBeanMethods = false)
    static class Services {

        @Bean
        Service<String> config() {
            return ctx -> "config";
        }

        @Bean
        @LifecycleService(requires = "config")
        Service<String> database() {
            return ctx -> "database";
        }
    }
}
