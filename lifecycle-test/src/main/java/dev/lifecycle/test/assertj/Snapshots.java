package dev.lifecycle.test.assertj;

import dev.lifecycle.core.ServiceSnapshot;
import java.util.List;
import java.util.stream.Collectors;

/** How the assertions show a service in a failure message: the part of its snapshot a reader needs. */
final class Snapshots {

    private Snapshots() {
    }

    static String describe(ServiceSnapshot s) {
        StringBuilder out = new StringBuilder(s.id()).append(": ").append(s.state()).append(" (").append(s.reason())
                .append(')');
        if (!s.waitingOn().isEmpty()) {
            out.append(", waiting on ").append(s.waitingOn());
        }
        if (s.rootCause() != null) {
            out.append(", ").append(s.rootCause());
        }
        if (s.leaderGroup() != null) {
            out.append(", leader-only for group '").append(s.leaderGroup()).append("' (").append(s.leadership())
                    .append(')');
        }
        out.append(", restarts ").append(s.restarts());
        if (s.lastFailure() != null) {
            out.append(", last failure ").append(s.lastFailure().summary());
        }
        if (s.nextRestartAt() != null) {
            out.append(", restarts at ").append(s.nextRestartAt());
        }
        return out.toString();
    }

    static String describe(List<ServiceSnapshot> all) {
        return all.isEmpty() ? "(no service installed)"
                : all.stream().map(s -> "  " + describe(s)).collect(Collectors.joining("\n", "\n", ""));
    }
}
