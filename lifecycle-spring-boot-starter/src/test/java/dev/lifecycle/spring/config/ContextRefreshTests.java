package dev.lifecycle.spring.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.autoconfigure.RefreshAutoConfiguration;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With Spring Cloud Context (2025.1, on Spring Boot 4.1): a refresh that finds a changed key in an imported
 * configuration file restarts the service that reads it, with the new value, and no other.
 */
class ContextRefreshTests {

    @Test
    void aRefreshAfterTheSettingsFileChangedRestartsTheServiceReadingTheChangedKey(@TempDir Path dir)
            throws Exception {
        Path settings = dir.resolve("settings.properties");
        Files.writeString(settings, "db.url=jdbc:h2:mem:a\nmail.host=smtp-a\n");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .run("--spring.config.import=file:" + settings, "--spring.main.banner-mode=off")) {
            List<String> starts = starts(context);
            assertThat(starts).containsExactlyInAnyOrder("database jdbc:h2:mem:a", "mailer smtp-a");

            Files.writeString(settings, "db.url=jdbc:h2:mem:b\nmail.host=smtp-a\n");
            Set<String> changed = context.getBean(ContextRefresher.class).refresh();
            context.getBean(ServiceRegistry.class).settled().get(10, TimeUnit.SECONDS);

            assertThat(changed).contains("db.url").doesNotContain("mail.host");
            assertThat(starts.subList(2, starts.size())).containsExactly("database jdbc:h2:mem:b");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> starts(ConfigurableApplicationContext context) {
        return context.getBean("starts", List.class);
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ RefreshAutoConfiguration.class, ServiceRegistryAutoConfiguration.class })
    @EnableConfigurationProperties(ConfigurationRestartsTests.DbProperties.class)
    static class App {

        @Bean
        List<String> starts() {
            return new CopyOnWriteArrayList<>();
        }

        @Bean
        Service<String> database(ConfigurationRestartsTests.DbProperties properties, List<String> starts) {
            return ctx -> {
                starts.add("database " + properties.getUrl());
                return properties.getUrl();
            };
        }

        @Bean
        Service<String> mailer(org.springframework.core.env.Environment environment, List<String> starts) {
            return ctx -> {
                String host = environment.getProperty("mail.host");
                starts.add("mailer " + host);
                return host;
            };
        }
    }
}
