package dev.lifecycle.core;

/**
 * The names of the key-values the engine's log lines carry (SLF4J 2's {@code addKeyValue}), which structured logging
 * (Spring Boot's {@code logging.structured.format.console=ecs}, {@code logstash}, {@code gelf}) writes as fields:
 * dotted, lower-case, under {@code lifecycle.}, so that none clashes with the Elastic Common Schema's own fields
 * ({@code service.*} there is the application). Integrations that log about services (the Spring Boot starter) use the
 * same names.
 *
 * @since 0.1
 */
public final class LogKeys {

    /** The service's id, {@code name} or {@code name:qualifier}. */
    public static final String SERVICE_ID = "lifecycle.service.id";
    /** The state the service left. */
    public static final String STATE_FROM = "lifecycle.state.from";
    /** The state the service entered. */
    public static final String STATE_TO = "lifecycle.state.to";
    /** Why: {@code STARTUP}, {@code FAILURE}, {@code DEPENDENCY}, ... */
    public static final String REASON = "lifecycle.reason";
    /** The transition's detail, escaped. */
    public static final String DETAIL = "lifecycle.detail";
    /** The class name of the failure behind the line. */
    public static final String FAILURE_TYPE = "lifecycle.failure.type";
    /** The message of the failure behind the line, escaped. */
    public static final String FAILURE_MESSAGE = "lifecycle.failure.message";
    /** The delay before the restart a failure schedules, in milliseconds. */
    public static final String RESTART_DELAY = "lifecycle.restart.delay_ms";
    /** The number of that restart within the restart policy's window. */
    public static final String RESTART_ATTEMPT = "lifecycle.restart.attempt";
    /** How many restarts the restart policy allows within its window. */
    public static final String RESTART_MAX = "lifecycle.restart.max";
    /** The restart policy's window, in milliseconds. */
    public static final String RESTART_WINDOW = "lifecycle.restart.window_ms";
    /** What a give-up does: {@code NONE}, {@code SHUTDOWN}. */
    public static final String ESCALATION = "lifecycle.escalation";
    /** The stop timeout a stop ran past, in milliseconds. */
    public static final String STOP_TIMEOUT = "lifecycle.stop.timeout_ms";
    /** How many health checks in a row failed. */
    public static final String HEALTH_STREAK = "lifecycle.health.failures_in_a_row";
    /** An operator's action: {@code fail}, {@code restart}, {@code stop}, {@code start}. */
    public static final String OPERATOR_ACTION = "lifecycle.operator.action";
    /** An operator's reason for a {@code fail}, escaped. */
    public static final String OPERATOR_REASON = "lifecycle.operator.reason";
    /** The exit status the process ends with. */
    public static final String EXIT_STATUS = "lifecycle.exit_status";
    /** How many services a line counts. */
    public static final String SERVICES = "lifecycle.services.count";
    /** How many of them are not RUNNING. */
    public static final String SERVICES_DOWN = "lifecycle.services.down";
    /** How long the start-up took, in milliseconds. */
    public static final String STARTUP_DURATION = "lifecycle.startup.duration_ms";

    private LogKeys() {
    }

    /**
     * The name of the time a service spent in {@code from}, in milliseconds, by what it measures:
     * {@code lifecycle.uptime_ms} after RUNNING, {@code lifecycle.start.duration_ms} after STARTING,
     * {@code lifecycle.stop.duration_ms} after STOPPING, {@code lifecycle.wait.duration_ms} after WAITING or
     * INSTALLED, {@code lifecycle.downtime_ms} after FAILED, STOPPED or REMOVED.
     *
     * @param from the state the service left
     * @return the key's name
     */
    public static String timeIn(ServiceState from) {
        return switch (from) {
            case RUNNING -> "lifecycle.uptime_ms";
            case STARTING -> "lifecycle.start.duration_ms";
            case STOPPING -> "lifecycle.stop.duration_ms";
            case INSTALLED, WAITING -> "lifecycle.wait.duration_ms";
            case STOPPED, FAILED, REMOVED -> "lifecycle.downtime_ms";
        };
    }
}
