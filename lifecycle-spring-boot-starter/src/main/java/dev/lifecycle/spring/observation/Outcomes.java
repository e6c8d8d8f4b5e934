package dev.lifecycle.spring.observation;

import org.jspecify.annotations.Nullable;

/** The values of the {@code outcome} key, as the service metrics' timers have always had them. */
final class Outcomes {

    /** The cycle succeeded. */
    static final String SUCCESS = "success";
    /** The cycle failed. */
    static final String FAILURE = "failure";
    /** The cycle is still running. */
    static final String UNKNOWN = "unknown";

    private Outcomes() {
    }

    static String of(boolean ended, @Nullable Throwable error) {
        return !ended ? UNKNOWN : error == null ? SUCCESS : FAILURE;
    }
}
