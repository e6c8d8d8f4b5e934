package dev.lifecycle.core;

import java.time.Duration;

/**
 * What a running service knows of itself, passed to every phase after {@link Service#init}.
 *
 * <p>Thread-safe; a service may keep it for the whole start cycle, for example to report from a background loop
 * that its work has died.
 *
 * @since 0.1
 */
public interface ServiceContext {

    /**
     * The key the service is installed under.
     *
     * @return the service's key
     */
    ServiceKey<?> key();

    /**
     * Reports that this service has failed: the registry stops its dependents, stops it (stop and join run), marks
     * it FAILED and applies its restart policy. Calls after the first in one start cycle are merged into it; a call
     * from a start cycle that has already ended is ignored.
     *
     * @param cause why the service failed
     */
    void fail(Throwable cause);

    /**
     * How long setup and start together may take before the service is failed.
     *
     * @return the service's start timeout
     */
    Duration startTimeout();

    /**
     * How long stop and join together may take before the registry stops waiting.
     *
     * @return the service's stop timeout
     */
    Duration stopTimeout();

    /**
     * Whether this is the stop (and join) of a value returned by a start the registry had abandoned after its start
     * timeout: its requirements may have stopped already, so it must not rely on them, and {@link #fail} is ignored.
     * {@code false} in every other phase.
     *
     * @return whether the value being stopped is that of an abandoned start
     */
    default boolean abandoned() {
        return false;
    }
}
