package dev.lifecycle.core.internal;

import dev.lifecycle.core.ServiceState;

/**
 * The names of the key-values the engine's log lines carry (SLF4J 2's {@code addKeyValue}), which structured logging
 * writes as fields: dotted, lower-case, under {@code lifecycle.}, so that none clashes with the Elastic Common
 * Schema's own fields ({@code service.*} there is the application). Spring Boot's starter logs the same names.
 */
final class LogKeys {

    static final String SERVICE_ID = "lifecycle.service.id";
    static final String STATE_FROM = "lifecycle.state.from";
    static final String STATE_TO = "lifecycle.state.to";
    static final String REASON = "lifecycle.reason";
    static final String DETAIL = "lifecycle.detail";
    static final String FAILURE_TYPE = "lifecycle.failure.type";
    static final String FAILURE_MESSAGE = "lifecycle.failure.message";
    static final String RESTART_DELAY = "lifecycle.restart.delay_ms";
    static final String RESTART_ATTEMPT = "lifecycle.restart.attempt";
    static final String RESTART_MAX = "lifecycle.restart.max";
    static final String RESTART_WINDOW = "lifecycle.restart.window_ms";
    static final String ESCALATION = "lifecycle.escalation";
    static final String STOP_TIMEOUT = "lifecycle.stop.timeout_ms";
    static final String HEALTH_STREAK = "lifecycle.health.failures_in_a_row";

    private LogKeys() {
    }

    /**
     * The name of the time a service spent in {@code from}, by what it measures: {@code lifecycle.uptime_ms} after
     * RUNNING, {@code lifecycle.start.duration_ms} after STARTING, {@code lifecycle.stop.duration_ms} after STOPPING,
     * {@code lifecycle.wait.duration_ms} after WAITING or INSTALLED, {@code lifecycle.downtime_ms} after FAILED or
     * STOPPED.
     */
    static String timeIn(ServiceState from) {
        return switch (from) {
            case RUNNING -> "lifecycle.uptime_ms";
            case STARTING -> "lifecycle.start.duration_ms";
            case STOPPING -> "lifecycle.stop.duration_ms";
            case INSTALLED, WAITING -> "lifecycle.wait.duration_ms";
            case STOPPED, FAILED, REMOVED -> "lifecycle.downtime_ms";
        };
    }
}
