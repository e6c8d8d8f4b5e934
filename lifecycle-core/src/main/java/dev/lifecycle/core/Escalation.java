package dev.lifecycle.core;

/**
 * What happens when a service gives up: it failed more often than its restart policy's intensity allows.
 *
 * @since 0.1
 */
public enum Escalation {
    /** The service stays FAILED (health DOWN); the rest of the registry carries on. */
    NONE,
    /** The registry stops every service (a Spring application closes its context and exits non-zero). */
    SHUTDOWN
}
