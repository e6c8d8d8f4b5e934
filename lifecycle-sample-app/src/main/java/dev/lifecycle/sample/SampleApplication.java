package dev.lifecycle.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;

/**
 * The sample application. Its services, declared in {@link SampleServices}, are {@code database <- repository,
 * heartbeat} and the {@code settings} service beside them, which watches the settings file; the REST API in
 * {@code dev.lifecycle.sample.web} reads through them.
 *
 * <p>The database is a service built from settings that change at run time, not a bean built once at start-up, so
 * Spring Boot's own {@code DataSource} auto-configuration is left out.
 */
@SpringBootApplication(exclude = DataSourceAutoConfiguration.class)
public class SampleApplication {

    /**
     * Runs the application.
     *
     * @param args command-line arguments, e.g. {@code --sample.settings-file=/tmp/settings.properties}
     */
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
