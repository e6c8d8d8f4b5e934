package dev.lifecycle.spring;

import dev.lifecycle.core.ServiceState;
import dev.lifecycle.core.event.ServiceListener;
import dev.lifecycle.core.event.ServiceTransition;
import dev.lifecycle.core.LogKeys;
import dev.lifecycle.core.LogText;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Logs every transition at INFO as one line naming the time it measures,
 * {@code service database: STARTING -> RUNNING (STARTUP, started in 120 ms)}, with the service, both states, the
 * reason, the failure and that time as key-values ({@code lifecycle.service.id}, {@code lifecycle.state.from}, ...)
 * for structured logging.
 *
 * <p>A transition to FAILED is not logged here: the engine logs it, once, with the failure and what happens next
 * (category {@code dev.lifecycle.core.ServiceRegistry}, WARN, or ERROR when the service stays FAILED). The lines of one
 * cascade spell out the failure behind them once and then write {@code same cause as above}; each line's key-values
 * carry it all the same. Operator- and service-supplied text is logged with its control characters escaped.
 *
 * <p>The registry delivers the transitions to a listener one at a time, in order, which is what lets a line refer to
 * the one before.
 *
 * @since 0.1
 */
public final class ServiceTransitionLogger implements ServiceListener {

    /** What a line writes in place of a failure the line before it spelled out. */
    static final String SAME_CAUSE = "same cause as above";

    private static final Logger logger = LoggerFactory.getLogger(ServiceTransitionLogger.class);

    /** The failure the last line logged spelled out, for the next lines of its cascade to refer to. */
    private volatile @Nullable Throwable lastCause;

    @Override
    public void onTransition(ServiceTransition transition) {
        if (transition.to() == ServiceState.FAILED || !logger.isInfoEnabled()) {
            return;
        }
        Throwable cause = transition.cause();
        boolean sameCause = cause != null && cause == lastCause;
        LoggingEventBuilder line = logger.atInfo()
                .addKeyValue(LogKeys.SERVICE_ID, transition.key().id())
                .addKeyValue(LogKeys.STATE_FROM, transition.from().name())
                .addKeyValue(LogKeys.STATE_TO, transition.to().name())
                .addKeyValue(LogKeys.REASON, transition.reason().name());
        if (transition.detail() != null) {
            line.addKeyValue(LogKeys.DETAIL, LogText.escape(transition.detail()));
        }
        if (cause != null) {
            line.addKeyValue(LogKeys.FAILURE_TYPE, cause.getClass().getName());
            if (cause.getMessage() != null) {
                line.addKeyValue(LogKeys.FAILURE_MESSAGE, LogText.escape(cause.getMessage()));
            }
        }
        line.addKeyValue(LogKeys.timeIn(transition.from()), Math.max(0, transition.timeInPreviousState().toMillis()))
                .log(describe(transition, sameCause));
        if (cause != null) {
            lastCause = cause;
        }
    }

    /**
     * The line of {@code transition}: {@code service <id>: <from> -> <to> (<reason>[: <detail>][, <cause>]; <time>)}.
     *
     * @param sameCause whether the line before spelled out the same failure: the line refers to it instead
     */
    static String describe(ServiceTransition transition, boolean sameCause) {
        StringBuilder out = new StringBuilder("service ").append(transition.key().id()).append(": ")
                .append(transition.from()).append(" -> ").append(transition.to()).append(" (")
                .append(transition.reason());
        boolean text = false;
        if (transition.detail() != null) {
            out.append(": ").append(LogText.escape(transition.detail()));
            text = true;
        }
        Throwable cause = transition.cause();
        if (cause != null) {
            out.append(text ? ", " : ": ")
                    .append(sameCause ? SAME_CAUSE : LogText.escape(cause.toString()));
            text = true;
        }
        out.append(text ? "; " : ", ").append(timeIn(transition.from(), transition.to(),
                transition.timeInPreviousState()));
        return out.append(')').toString();
    }

    /** The time spent in {@code from}, named for what it measures. */
    static String timeIn(ServiceState from, ServiceState to, Duration time) {
        String text = LogText.duration(time);
        return switch (from) {
            case RUNNING -> "after running " + text;
            case STARTING -> to == ServiceState.RUNNING ? "started in " + text : "after starting for " + text;
            case STOPPING -> "stopped in " + text;
            case INSTALLED, WAITING -> "after waiting " + text;
            case STOPPED, FAILED, REMOVED -> "down for " + text;
        };
    }
}
