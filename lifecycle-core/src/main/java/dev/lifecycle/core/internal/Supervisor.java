package dev.lifecycle.core.internal;

import dev.lifecycle.core.LogText;
import dev.lifecycle.core.Escalation;
import dev.lifecycle.core.FailureInfo;
import dev.lifecycle.core.RestartPolicy;
import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceFailedException;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.core.TransitionReason;
import java.time.Duration;
import java.time.Instant;

/**
 * The restart decisions for a service that has failed: its {@link RestartPolicy} read against its
 * {@link RestartHistory} (back-off, intensity window), the restart timer, giving up and escalating; each failure,
 * restart decision and give-up is also a flight-recorder event ({@link FlightEvents}). Under the registry's lock.
 */
final class Supervisor {

    private final Engine engine;

    Supervisor(Engine engine) {
        this.engine = engine;
    }

    /**
     * Marks a service FAILED, applies its restart policy and logs the failure as one line that says what happens next
     * (a restart after its back-off, giving up and the escalation, or no restart because it is stopping anyway): WARN
     * while it is restarted, ERROR once it stays FAILED.
     *
     * @param failedAt when the failure happened or was reported, in clock nanos: its {@link FailureInfo#at()}
     * @param thrown whether its own setup or start threw {@code cause} (logged with the stack trace), rather than
     *        a failure that was reported or requested (logged as one line)
     */
    void landFailed(ServiceRecord c, Throwable cause, long failedAt, boolean thrown, Change change) {
        long nowNanos = change.now(engine);
        Instant now = RegistryClock.instant(nowNanos);
        c.lastFailure = FailureInfo.of(cause, RegistryClock.instant(failedAt));
        c.restart = null;
        ServiceState from = c.phase().state;
        long inState = Math.max(0, nowNanos - c.since);
        engine.transitions.setPhase(c, Phase.FAILED, TransitionReason.FAILURE, cause, null, change);
        FlightEvents.failed(c, from, cause, thrown);
        FailureLine line = new FailureLine(c, from, Duration.ofNanos(inState), thrown);
        supervise(c, cause, now, line, change);
        line.log(cause);
    }

    /** Applies the restart policy to a service that has just failed, and says what it decided on {@code line}. */
    void supervise(ServiceRecord c, Throwable cause, Instant now, FailureLine line, Change change) {
        if (engine.state.shuttingDown || c.removing || c.operatorStopped) {
            // Not restarted: it goes where it was headed (removed, or stopped by the operator).
            line.notRestarted(engine.state.shuttingDown ? "the registry is stopping"
                    : c.removing ? "it is being removed" : "an operator stopped it");
            change.evaluate(c);
            return;
        }
        if (c.settings.leaderGroup != null && engine.leadership.onStandby(c)) {
            // A failure racing a revoke: no restart here, it lands on standby at once (the failure stays recorded).
            line.notRestarted("this instance does not lead group '" + LogText.escape(c.settings.leaderGroup)
                    + "'; it is on standby");
            change.evaluate(c);
            return;
        }
        RestartPolicy policy = c.settings.policy;
        if (!policy.restart()) {
            line.neverRestarted(c.dependentCount > 0);
            giveUp(c, cause, "its restart policy does not restart it", change);
            return;
        }
        RestartHistory history = c.supervision();
        long nowNanos = RegistryClock.nanos(now);
        long ran = history.runningSince == ServiceRecord.UNSET ? 0 : nowNanos - history.runningSince;
        if (ran >= policy.window().toNanos()) {
            history.reset();
        }
        history.runningSince = ServiceRecord.UNSET;
        Instant windowStart = now.minus(policy.window());
        while (!history.restartTimes.isEmpty() && !history.restartTimes.peekFirst().isAfter(windowStart)) {
            history.restartTimes.pollFirst();
        }
        if (history.restartTimes.size() >= policy.maxRestarts()) {
            String why = "it failed more than " + policy.maxRestarts() + " times in "
                    + LogText.duration(policy.window());
            line.gaveUp(why, policy, c.dependentCount > 0);
            giveUp(c, cause, why, change);
            return;
        }
        Duration delay = policy.backoff(history.backoffAttempt++, engine.random.getAsDouble());
        history.restartTimes.addLast(now);
        line.restarts(delay, history.restartTimes.size(), policy);
        FlightEvents.restart(c, delay, history.restartTimes.size(), policy);
        if (delay.isZero() || delay.isNegative()) {
            // Due now: restarted in this change rather than through the timer.
            restartNow(c, change);
            return;
        }
        history.nextRestartAt = now.plus(delay);
        engine.state.scheduledRestarts++;
        DeferredTimer timer = new DeferredTimer(engine.scheduler, RegistryClock.nanos(history.nextRestartAt),
                t -> engine.loop.lockedRun(b -> restartDue(c, t, b)));
        history.restartTimer = timer;
        change.arm(timer);
    }

    void restartDue(ServiceRecord c, DeferredTimer timer, Change change) {
        RestartHistory history = c.supervision;
        if (history == null || history.restartTimer != timer) {
            return;
        }
        history.restartTimer = null;
        history.nextRestartAt = null;
        engine.state.scheduledRestarts--;
        restartNow(c, change);
    }

    void restartNow(ServiceRecord c, Change change) {
        c.restarts++;
        c.startCause = StartCause.of(TransitionReason.RESTART);
        change.evaluate(c);
    }

    void cancelRestart(ServiceRecord c, Change change) {
        RestartHistory history = c.supervision;
        if (history != null && history.restartTimer != null) {
            change.cancel(history.restartTimer);
            history.restartTimer = null;
            history.nextRestartAt = null;
            engine.state.scheduledRestarts--;
        }
    }

    void giveUp(ServiceRecord c, Throwable cause, String why, Change change) {
        c.gaveUp = true;
        if (c.supervision != null) {
            c.supervision.nextRestartAt = null;
        }
        RestartPolicy policy = c.settings.policy;
        Escalation escalation = policy.restart() ? policy.escalation() : Escalation.NONE;
        engine.progress.failAwaiters(c, new ServiceFailedException("Service '" + c.id + "' "
                + (policy.restart() ? "gave up: " + why : "failed and its restart policy never restarts it"), cause),
                change);
        engine.demand.demandChanged(c, change);
        FlightEvents.gaveUp(c, why, escalation, cause);
        engine.events.enqueue(l -> l.onGiveUp(c.key, escalation, cause));
        if (escalation == Escalation.SHUTDOWN) {
            change.after(() -> engine.loop.lockedRun(engine.requests::requestStopAll));
        }
    }
}
