package dev.lifecycle.spring.autoconfigure;

import dev.lifecycle.core.RestartPolicy;
import dev.lifecycle.spring.internal.KeyPrefix;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.Errors;

/**
 * Checks {@link ServiceRegistryProperties} when they are bound. Each error names the property as the binder reports it
 * ({@code restart.backoff.jitter}, {@code services[database].stopTimeout}) and says what the value must be. A
 * service's restart settings are checked as they apply: each unset value taken from those of every service.
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
        if (p.getExitStatus() == 0) {
            errors.rejectValue("exitStatus", "invalid", "must not be 0: it tells the platform the application failed");
        }
        RestartPolicies.Values every = RestartPolicies.values(p.getRestart(),
                RestartPolicies.Values.of(RestartPolicy.defaults()));
        checkRestart(errors, "restart.", every);
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
            checkRestart(errors, prefix + "restart.", RestartPolicies.values(s.getRestart(), every));
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
        if (values.maxBackoff().compareTo(initial) < 0) {
            errors.rejectValue(field(prefix + "backoff.max"), "invalid",
                    "must be at least the initial back-off (" + initial + "), was " + values.maxBackoff());
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
