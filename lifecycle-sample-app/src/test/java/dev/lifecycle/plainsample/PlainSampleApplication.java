package dev.lifecycle.plainsample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The sample without the lifecycle starter, for measuring what the starter adds to the start-up: the same settings
 * file, the same six services, each run by a plain {@code SmartLifecycle} bean ({@link PlainService}) that Spring
 * starts in phases (the database and the settings service, then the repository and the heartbeat) and stops in
 * reverse, one after the other ({@link PlainSampleServices}). The leader-only report and its clean-up are elected as
 * Spring Integration's users do it. The same web layer as the sample's, found by the same component scan: the notes
 * API, the info endpoint and the advice answering 503 while the repository is not running, reading the plain
 * services' values. The starter's auto-configurations are left out entirely. What the engine does beyond that is not
 * here: no restarts, no configuration restarts (a settings change is put into the environment and nothing restarts),
 * no health per service, no endpoint. It lives outside the sample's package so that the sample's component scan does
 * not find it.
 */
@SpringBootApplication(excludeName = {
        "dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration",
        "dev.lifecycle.spring.autoconfigure.endpoint.ServicesEndpointAutoConfiguration",
        "dev.lifecycle.spring.autoconfigure.endpoint.ServiceEventsEndpointAutoConfiguration",
        "dev.lifecycle.spring.autoconfigure.health.LifecycleHealthContributorAutoConfiguration",
        "dev.lifecycle.spring.autoconfigure.metrics.LifecycleMetricsAutoConfiguration",
        "dev.lifecycle.spring.autoconfigure.console.LifecycleConsoleAutoConfiguration",
        "dev.lifecycle.spring.autoconfigure.observation.LifecycleObservationAutoConfiguration",
        "dev.lifecycle.spring.autoconfigure.observation.LifecycleStartupStepsAutoConfiguration",
        "dev.lifecycle.spring.autoconfigure.leader.LifecycleJdbcLockRegistryAutoConfiguration",
        "dev.lifecycle.spring.autoconfigure.leader.LifecycleLeadershipAutoConfiguration" })
public class PlainSampleApplication {

    /**
     * Runs the application.
     *
     * @param args command-line arguments, e.g. {@code --sample.settings-file=/tmp/settings.properties}
     */
    public static void main(String[] args) {
        SpringApplication.run(PlainSampleApplication.class, args);
    }
}
