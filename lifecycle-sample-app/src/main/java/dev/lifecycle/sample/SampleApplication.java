package dev.lifecycle.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The sample application. Its services, declared in {@link SampleServices}, are {@code database <- repository,
 * heartbeat} and the {@code settings} service beside them, which watches the settings file; the REST API in
 * {@code dev.lifecycle.sample.web} reads through them. The leader-only {@code report <- reportCleanup} run on one
 * instance of the fleet at a time.
 *
 * <p>The notes' database is a service built from settings that change at run time, not a bean built once at start-up.
 * Spring Boot's own {@code DataSource} ({@code spring.datasource.*}) is the fleet's shared database: the leader
 * election's lock table and the report's rows.
 */
@SpringBootApplication
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
