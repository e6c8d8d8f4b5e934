package dev.lifecycle.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;

/** Finds the {@link ServiceStartupException} behind a context that failed to start. */
final class StartupFailures {

    private StartupFailures() {
    }

    static ServiceStartupException of(ApplicationContextAssertProvider<?> context) {
        Throwable failure = context.getStartupFailure();
        assertThat(failure).as("start-up failure").isNotNull();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ServiceStartupException startup) {
                return startup;
            }
        }
        throw new AssertionError("No ServiceStartupException behind " + failure, failure);
    }
}
