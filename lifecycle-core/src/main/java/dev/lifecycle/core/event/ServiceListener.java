package dev.lifecycle.core.event;

import dev.lifecycle.core.Escalation;
import dev.lifecycle.core.RestartPolicy;
import dev.lifecycle.core.ServiceKey;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Receives a registry's events. Each listener receives its events one at a time, in the order they happened, never
 * while the registry holds its lock, so a listener may call the registry. Events are delivered on the thread that
 * made the change, so a listener should return promptly. Delivery is asynchronous: when another thread is delivering
 * to a listener at the time, that thread delivers the change's events, shortly after the future of the operation that
 * made the change may have completed; code that needs an event waits for the event, not for the future. Where every
 * call runs on one thread (the test kit's executor), there is no such gap. A listener that throws is logged and keeps
 * receiving events.
 * A listener that blocks holds back only its own events: the others keep receiving theirs, and once a delivery has
 * lasted about 200 ms, the registry's futures that it held back are completed from another thread (and a warning is
 * logged); its own events wait until it returns. Every method has a no-op default.
 *
 * @since 0.1
 */
public interface ServiceListener {

    /**
     * A listener that passes every transition to {@code consumer}, for a lambda:
     * {@code registry.addListener(ServiceListener.ofTransitions(t -> log.info("{}", t)))}.
     *
     * @param consumer what to do with each transition
     * @return the listener
     */
    static ServiceListener ofTransitions(Consumer<ServiceTransition> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        return new ServiceListener() {
            @Override
            public void onTransition(ServiceTransition transition) {
                consumer.accept(transition);
            }
        };
    }

    /**
     * A service changed state.
     *
     * @param transition the service, both states, the reason and when
     */
    default void onTransition(ServiceTransition transition) {
    }

    /**
     * A start cycle finished: setup and start succeeded or failed after {@code duration}.
     *
     * @param key the service
     * @param duration how long setup and start took
     * @param failure the failure, or {@code null} if it is now RUNNING
     */
    default void onStarted(ServiceKey<?> key, Duration duration, @Nullable Throwable failure) {
    }

    /**
     * A stop cycle finished: stop and join returned, failed or timed out after {@code duration}.
     *
     * @param key the service
     * @param duration how long stop and join took
     * @param failure the failure or timeout, or {@code null}
     */
    default void onStopped(ServiceKey<?> key, Duration duration, @Nullable Throwable failure) {
    }

    /**
     * A service stays FAILED with no restart until it is started again by hand: it failed more often than its restart
     * policy allows and gave up, or it failed and its restart policy never restarts it ({@link RestartPolicy#never()};
     * nothing was retried, and {@code escalation} is then {@link Escalation#NONE}).
     *
     * @param key the service
     * @param escalation what the registry does about it
     * @param cause its last failure
     */
    default void onGiveUp(ServiceKey<?> key, Escalation escalation, Throwable cause) {
    }

    /**
     * This instance's leadership of a group changed (see {@link dev.lifecycle.core.Leadership}): delivered before the
     * transitions of the services the change starts or stops.
     *
     * @param change the group, both states and when
     */
    default void onLeadershipChanged(LeadershipChange change) {
    }
}
