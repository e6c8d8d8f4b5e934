package dev.lifecycle.core.internal;

import dev.lifecycle.core.LifecycleException;
import dev.lifecycle.core.ServiceSnapshot;
import dev.lifecycle.core.StartupFailedException;
import dev.lifecycle.core.StartMode;
import dev.lifecycle.core.StartupReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The start-up report: when each service began and finished its first start after start-all, the critical path (the
 * chain of requirements that decided how long start-up took), and, when start-up ended with services not RUNNING,
 * why. Under the registry's lock.
 */
final class StartupTimeline {

    private final Engine engine;

    StartupTimeline(Engine engine) {
        this.engine = engine;
    }

    StartupReport startupReport() {
        Instant began = engine.state.startAllBegan;
        if (began == null) {
            return new StartupReport(null, null, List.of(), List.of());
        }
        List<ServiceRecord> started = new ArrayList<>();
        for (ServiceRecord c = engine.state.firstInstalled; c != null; c = c.nextInstalled) {
            if (c.reportStartMicros != ServiceRecord.NOT_REPORTED) {
                started.add(c);
            }
        }
        started.sort(Comparator.comparingInt((ServiceRecord c) -> c.reportStartMicros).thenComparingInt(c -> c.sequence));
        List<StartupReport.Entry> entries = new ArrayList<>(started.size());
        ServiceRecord last = null;
        for (ServiceRecord c : started) {
            entries.add(entry(c, began));
            if (c.reportReadyMicros != ServiceRecord.NOT_REPORTED && (last == null || c.reportReadyMicros > last.reportReadyMicros)) {
                last = c;
            }
        }
        List<StartupReport.Entry> path = new ArrayList<>();
        for (ServiceRecord at = last; at != null; at = latestRequirement(at)) {
            path.add(0, entry(at, began));
        }
        Instant ended = engine.state.startAllEnded;
        return new StartupReport(began, ended == null ? null : Duration.between(began, ended), entries, path);
    }

    private static StartupReport.Entry entry(ServiceRecord c, Instant began) {
        long start = c.reportStartMicros != ServiceRecord.NOT_REPORTED ? c.reportStartMicros : 0;
        Duration took = c.reportReadyMicros == ServiceRecord.NOT_REPORTED ? null
                : Duration.ofNanos((c.reportReadyMicros - start) * 1_000L);
        return new StartupReport.Entry(c.id, Duration.ofNanos(start * 1_000L), took);
    }

    /** The requirement (or wanted service) of {@code c} that became RUNNING last before it started. */
    private @Nullable ServiceRecord latestRequirement(ServiceRecord c) {
        ServiceRecord latest = null;
        List<ServiceRecord> candidates = new ArrayList<>();
        for (int i = 0; i < c.requirementCount(); i++) {
            ServiceRecord r = c.requirement(i);
            if (r != null) {
                candidates.add(r);
            }
        }
        for (String w : c.wants) {
            ServiceRecord wanted = engine.state.services.get(w);
            if (wanted != null) {
                candidates.add(wanted);
            }
        }
        for (ServiceRecord r : candidates) {
            if (r.reportReadyMicros != ServiceRecord.NOT_REPORTED && c.reportStartMicros != ServiceRecord.NOT_REPORTED
                    && r.reportReadyMicros <= c.reportStartMicros
                    && (latest == null || r.reportReadyMicros > latest.reportReadyMicros)) {
                latest = r;
            }
        }
        return latest;
    }

    /**
     * For a service that requires disabled ones ({@link StartMode#NEVER}), which will never start: which, and how to
     * fix it.
     */
    private static void appendDisabledRequirements(ServiceRecord c, StringBuilder message) {
        List<String> disabled = new ArrayList<>();
        for (int i = 0; i < c.requirementCount(); i++) {
            ServiceRecord r = c.requirement(i);
            if (r != null && r.settings.mode == StartMode.NEVER) {
                disabled.add(r.id);
            }
        }
        if (disabled.isEmpty()) {
            return;
        }
        String names = String.join(", ", disabled);
        boolean one = disabled.size() == 1;
        message.append(": it requires ").append(names).append(", which ").append(one ? "is" : "are")
                .append(" disabled (mode NEVER) and will never start; install ").append(names).append(" with mode ")
                .append("ACTIVE or ON_DEMAND, install ").append(c.id).append(" with mode NEVER too, or drop the ")
                .append(one ? "requirement" : "requirements");
    }

    /** Why start-up ended without every service RUNNING; {@code null} if it did not. */
    @Nullable StartupFailedException startupFailure() {
        List<ServiceSnapshot> notRunning = new ArrayList<>();
        Throwable first = null;
        StringBuilder message = new StringBuilder("Start-up failed:");
        Map<ServiceRecord, @Nullable String> memo = new HashMap<>();
        Map<ServiceRecord, Boolean> standby = new HashMap<>();
        for (ServiceRecord c : engine.views.ordered()) {
            if (c.phase() == Phase.RUNNING || c.operatorStopped || c.settings.mode == StartMode.NEVER
                    || engine.demand.notNeeded(c) || engine.leadership.heldBack(c, standby)) {
                continue;
            }
            notRunning.add(engine.views.snapshot(c, memo));
            message.append("\n  - ").append(c.id).append(" is ").append(c.phase().state);
            if (c.phase() == Phase.FAILED && c.lastFailure != null) {
                message.append(": ").append(c.lastFailure.summary());
                if (first == null) {
                    first = c.lastFailure.cause();
                }
            } else {
                String why = engine.views.rootCause(c, memo);
                if (why != null) {
                    message.append(" (").append(why).append(')');
                }
                appendDisabledRequirements(c, message);
            }
        }
        if (notRunning.isEmpty()) {
            return null;
        }
        return new StartupFailedException(message.toString(), notRunning,
                first != null ? first : new LifecycleException("no service failed, but some never started"));
    }
}
