package dev.lifecycle.core;

/**
 * When a service starts.
 *
 * @since 0.1
 */
public enum StartMode {
    /** Starts as soon as its requirements are RUNNING, and keeps running: the default. */
    ACTIVE,
    /**
     * Starts only while a dependent needs it: one that is running, starting, stopping, or waiting to start (its
     * requirements permitting). When no dependent needs it any more (they stopped, were stopped by an operator or
     * removed) it stops, after its idle delay if it has one, and is STOPPED, "not needed", until one does again.
     */
    ON_DEMAND,
    /** Never starts: disabled. It is STOPPED once the registry starts, and its dependents wait for it. */
    NEVER
}
