package dev.lifecycle.spring.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.spring.ServiceStartupException;
import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;

/** Finds the {@link ServiceStartupException} behind a context that failed to start. */
public final class StartupFailures {

    private StartupFailures() {
    }

    /** The exception behind {@code context}'s start-up failure; fails the test if there is none. */
    public static ServiceStartupException of(ApplicationContextAssertProvider<?> context) {
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
