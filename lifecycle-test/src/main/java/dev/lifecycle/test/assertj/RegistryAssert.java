package dev.lifecycle.test.assertj;

import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceSnapshot;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.test.RecordingListener;
import dev.lifecycle.test.TestLifecycle;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;

/**
 * Assertions about a registry: its services, and the order of their transitions when the registry's transitions are
 * recorded (a registry of {@link TestLifecycle}'s is). A failure message shows the registry's services.
 *
 * @since 0.1
 */
public final class RegistryAssert extends AbstractAssert<RegistryAssert, ServiceRegistry> {

    RegistryAssert(ServiceRegistry registry) {
        super(registry, RegistryAssert.class);
    }

    /**
     * Assertions about the service {@code id}.
     *
     * @param id the service id
     * @return the assertions about that service
     * @throws AssertionError if no service {@code id} is installed
     */
    public ServiceAssert service(String id) {
        isNotNull();
        Optional<ServiceSnapshot> snapshot = actual.snapshot(id);
        if (snapshot.isEmpty()) {
            throw failure("Expecting service '%s' to be installed, but the registry has:%s", id, everything());
        }
        return new ServiceAssert(actual, id);
    }

    /**
     * Verifies that no service {@code id} is installed (it never was, or it was removed).
     *
     * @param id the service id
     * @return these assertions, to chain another
     */
    public RegistryAssert hasNoService(String id) {
        isNotNull();
        actual.snapshot(id).ifPresent(s -> {
            throw failure("Expecting no service '%s', but it is installed: %s", id, Snapshots.describe(s));
        });
        return this;
    }

    /**
     * Verifies that every installed service is RUNNING.
     *
     * @return these assertions, to chain another
     */
    public RegistryAssert allServicesRunning() {
        isNotNull();
        List<ServiceSnapshot> all = actual.snapshot();
        if (all.stream().anyMatch(s -> s.state() != ServiceState.RUNNING)) {
            throw failure("Expecting every service to be RUNNING, but:%s", Snapshots.describe(all));
        }
        return this;
    }

    /**
     * Verifies that {@code first} last finished stopping before {@code second} last did.
     *
     * @param first the id of the service to have stopped first
     * @param second the id of the other
     * @return these assertions, to chain another
     */
    public RegistryAssert stoppedBefore(String first, String second) {
        if (!order(first, second, true)) {
            throw failure("Expecting %s to have stopped before %s, but the transitions were:%n  %s", first, second,
                    recorder().arrivals());
        }
        return this;
    }

    /**
     * Verifies that {@code first} last became RUNNING before {@code second} last did.
     *
     * @param first the id of the service to have started first
     * @param second the id of the other
     * @return these assertions, to chain another
     */
    public RegistryAssert startedBefore(String first, String second) {
        if (!order(first, second, false)) {
            throw failure("Expecting %s to have started before %s, but the transitions were:%n  %s", first, second,
                    recorder().arrivals());
        }
        return this;
    }

    /**
     * Assertions about every recorded transition, each as {@code id:STATE} (the state it entered), in order.
     *
     * @return AssertJ's assertions about the list of transitions
     */
    public ListAssert<String> transitions() {
        return Assertions.assertThat(recorder().arrivals()).as("the transitions of the registry");
    }

    private boolean order(String first, String second, boolean stopped) {
        try {
            return stopped ? recorder().stoppedBefore(first, second) : recorder().startedBefore(first, second);
        } catch (IllegalStateException ex) {
            throw failure("%s", ex.getMessage());
        }
    }

    RecordingListener recorder() {
        isNotNull();
        RecordingListener recorder = TestLifecycle.recorderOf(actual);
        if (recorder == null) {
            throw failure("The transitions of this registry are not recorded: build it with TestLifecycle, or "
                    + "attach it with TestLifecycle.attach(registry)");
        }
        return recorder;
    }

    private String everything() {
        return Snapshots.describe(actual.snapshot());
    }
}
