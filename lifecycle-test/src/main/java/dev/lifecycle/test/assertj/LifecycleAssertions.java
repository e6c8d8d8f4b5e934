package dev.lifecycle.test.assertj;

import dev.lifecycle.core.ServiceRegistry;

/**
 * Entry point of the assertions: {@code import static dev.lifecycle.test.assertj.LifecycleAssertions.assertThat;}.
 *
 * <pre>{@code
 * assertThat(registry).service("db").isRunning().hasRestarted(1).hasValue("db@v2");
 * assertThat(registry).service("repository").isWaitingFor("db").hasRootCause("blocked by db, which was stopped");
 * assertThat(registry).service("db").transitions().endsWith("FAILED->STARTING", "STARTING->RUNNING");
 * assertThat(registry).stoppedBefore("repository", "db");
 * }</pre>
 *
 * @since 0.1
 */
public final class LifecycleAssertions {

    private LifecycleAssertions() {
    }

    /**
     * Assertions about {@code registry} and its services.
     *
     * @param registry the registry
     * @return the assertions
     */
    public static RegistryAssert assertThat(ServiceRegistry registry) {
        return new RegistryAssert(registry);
    }
}
