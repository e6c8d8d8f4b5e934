package dev.lifecycle.spring.autoconfigure;

import dev.lifecycle.core.RestartPolicy;
import dev.lifecycle.spring.internal.KeyPrefix;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.validation.Errors;

/**
 * Checks {@link ServiceRegistryProperties} when they are bound. Each error names the property as the binder reports it
 * ({@code restart.backoff.jitter}, {@code services[database].stopTimeout}) and says what the value must be. A
 * service's restart settings are checked as they apply: each unset value taken from those of every service. An initial
 * back-off above the longest is reported on the property the user set, naming the limit it broke and where that limit
 * comes from (the default, the settings of every service).
 */
final class ServiceRegistryPropertiesValidator {

    private ServiceRegistryPropertiesValidator() {
    }

    static void validate(ServiceRegistryProperties p, Errors errors) {
        positive(errors, "start-timeout", p.getStartTimeout());
        positive(errors, "stop-timeout", p.getStopTimeout());
        positive(errors, "startup-timeout", p.getStartupTimeout());
        positive(errors, "health-check-interval", p.getHealthCheckInterval());
        positive(errors, "event-delivery-timeout", p.getEventDeliveryTimeout());
        positive(errors, "endpoint.operation-timeout", p.getEndpoint().getOperationTimeout());
        if (p.getEndpoint().getMaxReasonLength() <= 0) {
            errors.rejectValue(field("endpoint.max-reason-length"), "invalid",
                    "must be positive (the longest reason the endpoint accepts), was "
                            + p.getEndpoint().getMaxReasonLength());
        }
        if (p.getHistory().getSize() <= 0) {
            errors.rejectValue(field("history.size"), "invalid",
                    "must be positive (how many transitions the serviceevents endpoint keeps), was "
                            + p.getHistory().getSize());
        }
        if (p.getExitStatus() == 0) {
            errors.rejectValue("exitStatus", "invalid", "must not be 0: it tells the platform the application failed");
        }
        RestartPolicies.Values every = RestartPolicies.values(p.getRestart(),
                RestartPolicies.Values.of(RestartPolicy.defaults()));
        BackoffProperties everyBackoff = p.getRestart().getBackoff();
        checkRestart(errors, "restart.", every);
        checkBackoffLimit(errors, "restart.", every, everyBackoff, null);
        p.getServices().forEach((id, s) -> {
            String prefix = "services[" + id + "].";
            if (id.isBlank() || id.chars().anyMatch(Character::isWhitespace)) {
                errors.rejectValue("services", "invalid", "invalid service id '" + id + "': a service id is a name, "
                        + "or name:qualifier, without whitespace");
            }
            positive(errors, prefix + "start-timeout", s.getStartTimeout());
            positive(errors, prefix + "stop-timeout", s.getStopTimeout());
            Duration idleDelay = s.getIdleDelay();
            if (idleDelay != null && idleDelay.isNegative()) {
                errors.rejectValue(field(prefix + "idle-delay"), "invalid", "must not be negative, was " + idleDelay);
            }
            for (String keyPrefix : s.getRestartOnChange()) {
                String problem = KeyPrefix.problem(keyPrefix);
                if (problem != null) {
                    errors.rejectValue(field(prefix + "restart-on-change"), "invalid", problem);
                }
            }
            RestartPolicies.Values values = RestartPolicies.values(s.getRestart(), every);
            checkRestart(errors, prefix + "restart.", values);
            checkBackoffLimit(errors, prefix + "restart.", values, s.getRestart().getBackoff(), everyBackoff);
        });
    }

    /** Checks the values of a restart policy, as {@link RestartPolicy}'s constructor would, naming the property. */
    private static void checkRestart(Errors errors, String prefix, RestartPolicies.Values values) {
        if (values.maxRestarts() < 0) {
            errors.rejectValue(field(prefix + "max-restarts"), "invalid",
                    "must be 0 or more, was " + values.maxRestarts());
        }
        positive(errors, prefix + "window", values.window());
        Duration initial = values.initialBackoff();
        if (initial.isNegative()) {
            errors.rejectValue(field(prefix + "backoff.initial"), "invalid", "must not be negative, was " + initial);
        }
        double multiplier = values.multiplier();
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            errors.rejectValue(field(prefix + "backoff.multiplier"), "invalid",
                    "must be 1 or more (the delay must not shrink), was " + multiplier);
        }
        double jitter = values.jitter();
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            errors.rejectValue(field(prefix + "backoff.jitter"), "invalid",
                    "must be between 0 and 1 (a fraction of the delay), was " + jitter);
        }
    }

    /**
     * The initial delay must not exceed the longest. The error names the property that was set: the longest delay
     * when it was set at this level (alone or with the initial delay), else the initial delay; and the limit it broke,
     * with where that comes from (this level, the settings of every service, or the default). When neither was set
     * for a service, its values are those of every service, which are checked already.
     *
     * @param prefix {@code restart.} or {@code services[id].restart.}
     * @param own the back-off properties of this level
     * @param every for one service, the back-off of every service; {@code null} for every service itself
     */
    private static void checkBackoffLimit(Errors errors, String prefix, RestartPolicies.Values values,
            BackoffProperties own, @Nullable BackoffProperties every) {
        Duration initial = values.initialBackoff();
        Duration max = values.maxBackoff();
        if (initial.isNegative() || max.compareTo(initial) >= 0) {
            return;
        }
        String here = "lifecycle." + prefix + "backoff.";
        if (initialSet(own) || maxSet(own)) {
            if (maxSet(own)) {
                errors.rejectValue(field(prefix + "backoff.max"), "invalid", here + "max (" + durationText(max)
                        + ") must be at least " + setting(prefix, "initial", initial, initialSet(own),
                                every != null && initialSet(every))
                        + "; raise " + here + "max or lower " + here + "initial");
            }
            else {
                errors.rejectValue(field(prefix + "backoff.initial"), "invalid", here + "initial ("
                        + durationText(initial) + ") must not exceed " + setting(prefix, "max", max, false,
                                every != null && maxSet(every))
                        + "; raise " + here + "max too");
            }
        }
    }

    private static boolean initialSet(BackoffProperties backoff) {
        return backoff.initialWasSet() && backoff.getInitial() != null;
    }

    private static boolean maxSet(BackoffProperties backoff) {
        return backoff.maxWasSet() && backoff.getMax() != null;
    }

    /**
     * A back-off setting and its value, saying where the value comes from: {@code lifecycle.restart.backoff.max (30s,
     * the default)}.
     */
    private static String setting(String prefix, String name, Duration value, boolean setHere, boolean setForEvery) {
        if (setHere) {
            return "lifecycle." + prefix + "backoff." + name + " (" + durationText(value) + ")";
        }
        String every = "lifecycle.restart.backoff." + name + " (" + durationText(value);
        if (prefix.equals("restart.")) {
            return every + ", the default)";
        }
        return every + (setForEvery ? ", the setting of every service)" : ", the default)");
    }

    /** A duration as it is written in a property: {@code 45s}, {@code 100ms}, {@code 2m}. */
    private static String durationText(Duration value) {
        if (value.isZero()) {
            return "0s";
        }
        for (ChronoUnit unit : new ChronoUnit[] { ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES,
                ChronoUnit.SECONDS, ChronoUnit.MILLIS, ChronoUnit.MICROS }) {
            if (value.truncatedTo(unit).equals(value)) {
                return DurationStyle.SIMPLE.print(value, unit);
            }
        }
        return DurationStyle.SIMPLE.print(value, ChronoUnit.NANOS);
    }

    private static void positive(Errors errors, String name, @Nullable Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            errors.rejectValue(field(name), "invalid", "must be positive, was " + value);
        }
    }

    /** A property path ({@code restart.max-restarts}) as the bean field path the binder reports. */
    private static String field(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = false;
        boolean inBrackets = false;
        for (char c : name.toCharArray()) {
            if (c == '[') {
                inBrackets = true;
            }
            else if (c == ']') {
                inBrackets = false;
            }
            if (c == '-' && !inBrackets) {
                upper = true;
            }
            else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
