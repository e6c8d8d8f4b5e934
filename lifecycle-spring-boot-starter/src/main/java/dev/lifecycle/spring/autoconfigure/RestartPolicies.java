package dev.lifecycle.spring.autoconfigure;

import dev.lifecycle.core.Escalation;
import dev.lifecycle.core.RestartPolicy;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The restart policy that {@link RestartProperties} describe: each value that is set, and the base policy's for each
 * one left unset. For every service the base is {@link RestartPolicy#defaults()}; for one service, the policy of
 * every service.
 */
final class RestartPolicies {

    private RestartPolicies() {
    }

    /**
     * The policy {@code restart} describes over {@code base}.
     *
     * @throws IllegalArgumentException if the values do not make a policy (the validator reports them first)
     */
    static RestartPolicy of(RestartProperties restart, RestartPolicy base) {
        return values(restart, Values.of(base)).policy();
    }

    /** Whether {@code restart} sets nothing, so that the base policy applies unchanged. */
    static boolean isUnset(RestartProperties restart) {
        BackoffProperties b = restart.getBackoff();
        return restart.getEnabled() == null && restart.getMaxRestarts() == null && restart.getWindow() == null
                && restart.getEscalation() == null && b.getInitial() == null && b.getMax() == null
                && b.getMultiplier() == null && b.getJitter() == null;
    }

    /** The values {@code restart} describes over {@code base}, not checked yet. */
    static Values values(RestartProperties restart, Values base) {
        BackoffProperties b = restart.getBackoff();
        return new Values(or(restart.getEnabled(), base.restart()), or(b.getInitial(), base.initialBackoff()),
                or(b.getMax(), base.maxBackoff()), or(b.getMultiplier(), base.multiplier()),
                or(b.getJitter(), base.jitter()), or(restart.getMaxRestarts(), base.maxRestarts()),
                or(restart.getWindow(), base.window()), or(restart.getEscalation(), base.escalation()));
    }

    private static <T> T or(@Nullable T value, T fallback) {
        return value != null ? value : fallback;
    }

    /**
     * The values of a {@link RestartPolicy}, before the policy checks them: what the validator looks at.
     *
     * @param restart whether a failed service is restarted
     * @param initialBackoff the delay before the first restart
     * @param maxBackoff the longest delay
     * @param multiplier how much the delay grows per restart
     * @param jitter the random fraction by which a delay may be shortened
     * @param maxRestarts how many restarts are allowed within the window
     * @param window the intensity window
     * @param escalation what happens when the service gives up
     */
    record Values(boolean restart, Duration initialBackoff, Duration maxBackoff, double multiplier, double jitter,
            int maxRestarts, Duration window, Escalation escalation) {

        static Values of(RestartPolicy policy) {
            return new Values(policy.restart(), policy.initialBackoff(), policy.maxBackoff(), policy.multiplier(),
                    policy.jitter(), policy.maxRestarts(), policy.window(), policy.escalation());
        }

        RestartPolicy policy() {
            return new RestartPolicy(restart, initialBackoff, maxBackoff, multiplier, jitter, maxRestarts, window,
                    escalation);
        }
    }
}
