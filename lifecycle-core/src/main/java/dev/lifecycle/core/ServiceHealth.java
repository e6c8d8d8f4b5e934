package dev.lifecycle.core;

/**
 * The outcome of a service's health check.
 *
 * @since 0.1
 */
public enum ServiceHealth {
    /** RUNNING, and its last health check (if it has one) passed. */
    UP,
    /** RUNNING, but its last health check failed. */
    DOWN,
    /** Not RUNNING, so not checked. */
    UNKNOWN
}
