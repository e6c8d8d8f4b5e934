package dev.lifecycle.spring.internal;

import dev.lifecycle.core.ServiceState;

/**
 * The names of the key-values the starter's log lines carry (SLF4J 2's {@code addKeyValue}), which Spring Boot's
 * structured logging ({@code logging.structured.format.console=ecs}, {@code logstash}, {@code gelf}) writes as
 * fields. Dotted and lower-case under {@code lifecycle.}, so that none clashes with the Elastic Common Schema's own
 * ({@code service.*} there is the application); the engine's lines carry the same names.
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
    /** The operator's action: {@code fail}, {@code restart}, {@code stop}, {@code start}. */
    public static final String OPERATOR_ACTION = "lifecycle.operator.action";
    /** The operator's reason for a {@code fail}, escaped. */
    public static final String OPERATOR_REASON = "lifecycle.operator.reason";
    /** What a give-up does: {@code NONE}, {@code SHUTDOWN}. */
    public static final String ESCALATION = "lifecycle.escalation";
    /** The exit status the process ends with. */
    public static final String EXIT_STATUS = "lifecycle.exit_status";
    /** The application's availability a line publishes: {@code REFUSING_TRAFFIC}, {@code BROKEN}, ... */
    public static final String AVAILABILITY = "lifecycle.availability";
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
     * INSTALLED, {@code lifecycle.downtime_ms} after FAILED or STOPPED. The engine names them alike.
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
