package dev.lifecycle.spring.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.core.LeadershipState;
import dev.lifecycle.core.ServiceDefinition;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.core.TransitionReason;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.leader.event.AbstractLeaderEvent;
import org.springframework.integration.support.locks.LockRegistry;

/**
 * The initiators' own step-down: a leader whose lock renewal hangs (as it does while a connection pool waits out its
 * connection timeout for an unreachable database) stops its leader-only services, dependents first, once the renewal
 * deadline has passed, without waiting for the renewal to fail; and leads again when a renewal succeeds.
 */
class LeaderInitiatorsTests {

    private static final Duration HEARTBEAT = Duration.ofMillis(50);

    private static final Duration DEADLINE = Duration.ofMillis(400);

    private final ServiceRegistry registry = ServiceRegistry.builder().build();

    private final HangingLocks locks = new HangingLocks();

    private LeaderInitiators initiators;

    @AfterEach
    void stop() {
        locks.release();
        if (initiators != null) {
            initiators.stop();
        }
        registry.close();
    }

    @Test
    void leaderWhoseRenewalHangsPastTheDeadlineStopsItsServicesAndLeadsAgainOnceARenewalSucceeds() throws Exception {
        registry.install(ServiceDefinition.builder(ServiceKey.of("scheduler", String.class), ctx -> "scheduler")
                .leader("jobs").build());
        registry.install(ServiceDefinition.builder(ServiceKey.of("reports", String.class), ctx -> "reports")
                .dependsOn("scheduler").build());
        registry.startAll().get(20, TimeUnit.SECONDS);
        LeaderEventsListener listener = new LeaderEventsListener(registry, Duration.ofSeconds(10));
        ApplicationEventPublisher publisher = event -> listener.onApplicationEvent((AbstractLeaderEvent) event);
        initiators = new LeaderInitiators(registry, locks, publisher, HEARTBEAT, Duration.ofMillis(10),
                Duration.ofSeconds(10), DEADLINE, 0);
        initiators.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> state("reports") == ServiceState.RUNNING);

        long hung = System.nanoTime();
        locks.hang();

        await().atMost(Duration.ofSeconds(20)).until(() -> state("scheduler") == ServiceState.STOPPED);
        Duration steppedDown = Duration.ofNanos(System.nanoTime() - hung);
        // The last renewal came a heartbeat or so before the hang (more on a loaded machine): not long before.
        assertThat(steppedDown).as("not long before the deadline").isGreaterThanOrEqualTo(DEADLINE.dividedBy(2));
        assertThat(registry.snapshot("scheduler").orElseThrow().reason()).isEqualTo(TransitionReason.LEADERSHIP);
        assertThat(state("reports")).isEqualTo(ServiceState.WAITING);
        assertThat(registry.leadership().state("jobs")).isEqualTo(LeadershipState.STANDBY);
        assertThat(locks.waiting()).as("the renewal still hangs: the initiator has not noticed anything").isTrue();

        locks.release();

        await().atMost(Duration.ofSeconds(20)).until(() -> state("reports") == ServiceState.RUNNING);
        assertThat(registry.leadership().state("jobs")).isEqualTo(LeadershipState.LEADER);
        assertThat(state("scheduler")).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void renewalDeadlineNotLongerThanTheHeartbeatIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new LeaderInitiators(registry, locks, event -> { }, Duration.ofSeconds(1),
                        Duration.ofMillis(10), Duration.ofSeconds(10), Duration.ofSeconds(1), 0))
                .withMessage("The renewal deadline (PT1S) must be longer than the heartbeat (PT1S), or the leader "
                        + "steps down between two renewals");
    }

    private ServiceState state(String id) {
        return registry.snapshot(id).orElseThrow().state();
    }

    /** Locks always granted, whose acquisition can be made to hang until released. */
    private static final class HangingLocks implements LockRegistry<Lock> {

        private volatile CountDownLatch hanging = new CountDownLatch(0);
        private volatile boolean waiting;

        void hang() {
            hanging = new CountDownLatch(1);
        }

        void release() {
            hanging.countDown();
        }

        boolean waiting() {
            return waiting;
        }

        @Override
        public Lock obtain(Object lockKey) {
            return new Lock() {
                @Override
                public void lock() {
                }

                @Override
                public void lockInterruptibly() {
                }

                @Override
                public boolean tryLock() {
                    return true;
                }

                @Override
                public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
                    waiting = true;
                    hanging.await();
                    waiting = false;
                    return true;
                }

                @Override
                public void unlock() {
                }

                @Override
                public Condition newCondition() {
                    throw new UnsupportedOperationException();
                }
            };
        }
    }
}
