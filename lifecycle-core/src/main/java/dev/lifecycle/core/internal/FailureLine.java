package dev.lifecycle.core.internal;

import dev.lifecycle.core.LogKeys;
import dev.lifecycle.core.LogText;
import dev.lifecycle.core.Escalation;
import dev.lifecycle.core.FailureInfo;
import dev.lifecycle.core.RestartPolicy;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.core.TransitionReason;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The one log line of a failure, the service's transition to FAILED: what failed, and what happens next, as the
 * {@link Supervisor} decided it. WARN while the service is restarted; ERROR when it stays FAILED (it gave up, or its
 * restart policy never restarts it). Its key-values are those of a transition (see {@link LogKeys}) and the restart
 * decision's. Built and logged under the registry's lock, as the decision is made.
 */
final class FailureLine {

    private final ServiceRecord service;
    private final ServiceState from;
    private final Duration timeInFrom;
    private final boolean thrown;
    private String next = "";
    private boolean staysFailed;
    private @Nullable Duration restartDelay;
    private int restartAttempt;
    private @Nullable RestartPolicy policy;
    private @Nullable Escalation escalation;

    /**
     * The line of {@code service}'s failure.
     *
     * @param from the state it left for FAILED
     * @param timeInFrom how long it was in that state
     * @param thrown whether its own setup or start threw: the line then carries the stack trace
     */
    FailureLine(ServiceRecord service, ServiceState from, Duration timeInFrom, boolean thrown) {
        this.service = service;
        this.from = from;
        this.timeInFrom = timeInFrom;
        this.thrown = thrown;
    }

    /** It restarts after {@code delay} (zero: now), its restart number {@code attempt} within the window. */
    void restarts(Duration delay, int attempt, RestartPolicy policy) {
        this.restartDelay = delay;
        this.restartAttempt = attempt;
        this.policy = policy;
        next = (delay.isZero() || delay.isNegative() ? "it restarts now" : "it restarts in " + LogText.duration(delay))
                + " (restart " + attempt + " of at most " + policy.maxRestarts() + " in "
                + LogText.duration(policy.window()) + ")";
    }

    /** It failed too often: it gives up and {@code policy}'s escalation applies. */
    void gaveUp(String why, RestartPolicy policy, boolean hasDependents) {
        this.policy = policy;
        this.escalation = policy.escalation();
        staysFailed = true;
        next = "it gave up: " + why + "; escalation " + escalation + ": " + (escalation == Escalation.SHUTDOWN
                ? "every service is stopped"
                : "it stays FAILED, with no restart, until it is started again by hand"
                        + (hasDependents ? ", and its dependents wait" : ""));
    }

    /** Its restart policy never restarts it: nothing was retried, so it did not give up. */
    void neverRestarted(boolean hasDependents) {
        this.escalation = Escalation.NONE;
        staysFailed = true;
        next = "its restart policy never restarts it: it stays FAILED until it is started again by hand"
                + (hasDependents ? ", and its dependents wait" : "");
    }

    /** It is not restarted because it is going down anyway: the registry stops, it is removed or stopped. */
    void notRestarted(String why) {
        next = "not restarted: " + why;
    }

    /** Logs the line, with {@code cause}'s stack trace if the service's own code threw it. */
    void log(Throwable cause) {
        if (staysFailed ? !Engine.log.isErrorEnabled() : !Engine.log.isWarnEnabled()) {
            return;
        }
        FailureInfo failure = service.lastFailure;
        String summary = failure != null ? failure.summary() : LogText.escape(cause.toString());
        LoggingEventBuilder line = (staysFailed ? Engine.log.atError() : Engine.log.atWarn())
                .addKeyValue(LogKeys.SERVICE_ID, service.id)
                .addKeyValue(LogKeys.STATE_FROM, from.name())
                .addKeyValue(LogKeys.STATE_TO, ServiceState.FAILED.name())
                .addKeyValue(LogKeys.REASON, TransitionReason.FAILURE.name())
                .addKeyValue(LogKeys.timeIn(from), timeInFrom.toMillis())
                .addKeyValue(LogKeys.FAILURE_TYPE, cause.getClass().getName());
        if (cause.getMessage() != null) {
            line.addKeyValue(LogKeys.FAILURE_MESSAGE, LogText.escape(cause.getMessage()));
        }
        if (restartDelay != null && policy != null) {
            line.addKeyValue(LogKeys.RESTART_DELAY, Math.max(0, restartDelay.toMillis()))
                    .addKeyValue(LogKeys.RESTART_ATTEMPT, restartAttempt)
                    .addKeyValue(LogKeys.RESTART_MAX, policy.maxRestarts())
                    .addKeyValue(LogKeys.RESTART_WINDOW, policy.window().toMillis());
        }
        if (escalation != null) {
            line.addKeyValue(LogKeys.ESCALATION, escalation.name());
        }
        if (thrown) {
            line.setCause(EscapedFailure.forLog(cause));
        }
        line.log("Service '" + service.id + "' failed" + (thrown ? " to start" : "") + ": " + summary + "; " + next);
    }
}
