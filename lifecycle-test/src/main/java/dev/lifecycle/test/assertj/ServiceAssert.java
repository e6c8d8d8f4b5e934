package dev.lifecycle.test.assertj;

import dev.lifecycle.core.ServiceNotRunningException;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceSnapshot;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.test.RecordingListener;
import dev.lifecycle.test.TestLifecycle;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions about one service of a registry. Each reads the service's current snapshot, and a failure message
 * shows it: state, reason, what it waits on and why, restarts, last failure.
 *
 * @since 0.1
 */
public final class ServiceAssert extends AbstractAssert<ServiceAssert, String> {

    private final ServiceRegistry registry;

    ServiceAssert(ServiceRegistry registry, String id) {
        super(id, ServiceAssert.class);
        this.registry = registry;
    }

    private ServiceSnapshot snapshot() {
        return registry.snapshot(actual).orElseThrow(() -> failure("Expecting service '%s' to be installed, but it "
                + "is not (removed?)", actual));
    }

    /**
     * Verifies that the service is in {@code state}.
     *
     * @param state the state expected
     * @return these assertions, to chain another
     */
    public ServiceAssert hasState(ServiceState state) {
        ServiceSnapshot s = snapshot();
        if (s.state() != state) {
            throw failure("Expecting service '%s' to be %s, but it is %s", actual, state, Snapshots.describe(s));
        }
        return this;
    }

    /**
     * Verifies that the service is RUNNING.
     *
     * @return these assertions, to chain another
     */
    public ServiceAssert isRunning() {
        return hasState(ServiceState.RUNNING);
    }

    /**
     * Verifies that the service is STOPPED.
     *
     * @return these assertions, to chain another
     */
    public ServiceAssert isStopped() {
        return hasState(ServiceState.STOPPED);
    }

    /**
     * Verifies that the service is FAILED.
     *
     * @return these assertions, to chain another
     */
    public ServiceAssert isFailed() {
        return hasState(ServiceState.FAILED);
    }

    /**
     * Verifies that the service is WAITING.
     *
     * @return these assertions, to chain another
     */
    public ServiceAssert isWaiting() {
        return hasState(ServiceState.WAITING);
    }

    /**
     * Verifies that the service is WAITING and that {@code ids} are among the requirements it waits on.
     *
     * @param ids the ids of requirements it must wait on
     * @return these assertions, to chain another
     */
    public ServiceAssert isWaitingFor(String... ids) {
        ServiceSnapshot s = snapshot();
        if (s.state() != ServiceState.WAITING || !s.waitingOn().containsAll(List.of(ids))) {
            throw failure("Expecting service '%s' to be WAITING for %s, but it is %s", actual, List.of(ids),
                    Snapshots.describe(s));
        }
        return this;
    }

    /**
     * Verifies that the service is down by design because this instance does not lead a group: it is leader-only
     * and on standby (STOPPED, reason LEADERSHIP), or it waits only for such services.
     *
     * @return these assertions, to chain another
     */
    public ServiceAssert isOnStandby() {
        ServiceSnapshot s = snapshot();
        if (!s.standby()) {
            throw failure("Expecting service '%s' to be on standby (down until this instance leads its group), but it "
                    + "is %s", actual, Snapshots.describe(s));
        }
        return this;
    }

    /**
     * Verifies that the service is leader-only for {@code group}.
     *
     * @param group the leader group expected
     * @return these assertions, to chain another
     */
    public ServiceAssert isLeaderOnlyFor(String group) {
        ServiceSnapshot s = snapshot();
        if (!group.equals(s.leaderGroup())) {
            throw failure("Expecting service '%s' to be leader-only for group '%s', but it is %s", actual, group,
                    s.leaderGroup() == null ? "not leader-only" : "leader-only for group '" + s.leaderGroup() + "'");
        }
        return this;
    }

    /**
     * Verifies the sentence naming what holds the service back ("blocked by db, which failed with ...").
     *
     * @param rootCause the sentence expected, exactly
     * @return these assertions, to chain another
     */
    public ServiceAssert hasRootCause(String rootCause) {
        ServiceSnapshot s = snapshot();
        if (!rootCause.equals(s.rootCause())) {
            throw failure("Expecting service '%s' to have the root cause%n  \"%s\"%nbut it is %s", actual, rootCause,
                    Snapshots.describe(s));
        }
        return this;
    }

    /**
     * Verifies how many times the service was restarted (by its policy or by hand).
     *
     * @param times the restart count expected
     * @return these assertions, to chain another
     */
    public ServiceAssert hasRestarted(int times) {
        ServiceSnapshot s = snapshot();
        if (s.restarts() != times) {
            throw failure("Expecting service '%s' to have restarted %d time(s), but it restarted %d: %s", actual,
                    times, s.restarts(), Snapshots.describe(s));
        }
        return this;
    }

    /**
     * Verifies the type of the service's last failure.
     *
     * @param type the type (or a supertype) of the exception expected
     * @return these assertions, to chain another
     */
    public ServiceAssert hasFailedWith(Class<? extends Throwable> type) {
        ServiceSnapshot s = snapshot();
        if (s.lastFailure() == null || !type.isInstance(s.lastFailure().cause())) {
            throw failure("Expecting service '%s' to have failed with %s, but it is %s", actual, type.getName(),
                    Snapshots.describe(s));
        }
        return this;
    }

    /**
     * Verifies that a restart is scheduled (the service waits out its back-off).
     *
     * @return these assertions, to chain another
     */
    public ServiceAssert hasRestartScheduled() {
        ServiceSnapshot s = snapshot();
        if (s.nextRestartAt() == null) {
            throw failure("Expecting service '%s' to have a restart scheduled, but it is %s", actual,
                    Snapshots.describe(s));
        }
        return this;
    }

    /**
     * Verifies the service's published value.
     *
     * @param expected the value expected, compared with {@code equals}
     * @return these assertions, to chain another
     */
    public ServiceAssert hasValue(@Nullable Object expected) {
        ServiceSnapshot s = snapshot();
        Object value;
        try {
            value = registry.get(s.key());
        } catch (ServiceNotRunningException ex) {
            throw failure("Expecting service '%s' to have the value %s, but it has none: %s", actual, expected,
                    Snapshots.describe(s));
        }
        if (!Objects.equals(value, expected)) {
            throw failure("Expecting service '%s' to have the value%n  %s%nbut it has%n  %s", actual, expected, value);
        }
        return this;
    }

    /**
     * Assertions about the service's recorded transitions, each as {@code FROM->TO}, in order.
     *
     * @return AssertJ's assertions about the list of transitions
     */
    public ListAssert<String> transitions() {
        RecordingListener recorder = TestLifecycle.recorderOf(registry);
        if (recorder == null) {
            throw failure("The transitions of this registry are not recorded: build it with TestLifecycle, or "
                    + "attach it with TestLifecycle.attach(registry)");
        }
        return Assertions.assertThat(recorder.transitionsOf(actual)).as("the transitions of %s", actual);
    }
}
