package dev.lifecycle.spring.leader;

import dev.lifecycle.core.LeadershipState;
import dev.lifecycle.core.ServiceRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.support.TaskExecutorAdapter;
import org.springframework.integration.leader.DefaultCandidate;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;
import org.springframework.integration.support.locks.LockRegistry;

/**
 * One Spring Integration {@link LockRegistryLeaderInitiator} per leader group of the registry: this instance leads a
 * group while it holds the group's lock (the lock's key is the group's name), and the initiator publishes
 * {@code OnGrantedEvent} and {@code OnRevokedEvent} with the group as role, which {@link LeaderEventsListener} passes
 * to the registry.
 *
 * <p>{@link #start()} runs just after the registry's bridge has started (one phase above it), when the registry knows
 * the groups of its installed leader-only services. {@link #stop()} runs just before the registry's bridge stops: it
 * first revokes every group and waits (at most the stop timeout) for their services and dependents to stop, dependents
 * first, and only then stops the initiators, which release their locks, and waits for them to have done so: another
 * instance takes over at once, without waiting for the locks to expire, and never while the services still run here.
 *
 * <p>A leader steps down on its own when its lock has not been renewed for the renewal deadline (shorter than the
 * lock's time-to-live): an initiator learns that it lost its lock only when a renewal fails, and a renewal that hangs
 * (a connection pool waiting out its connection timeout while the database is unreachable) would keep the services
 * running here after the lock expired and another instance took it. It revokes the group here, which stops its
 * services, dependents first; when a later renewal succeeds (the lock was still this instance's), it grants the group
 * again.
 *
 * @since 0.1
 */
public final class LeaderInitiators implements SmartLifecycle {

    private static final Logger logger = LoggerFactory.getLogger(LeaderInitiators.class);

    private final ServiceRegistry registry;
    private final LockRegistry<?> locks;
    private final ApplicationEventPublisher publisher;
    private final Duration heartbeat;
    private final Duration busyWait;
    private final Duration stopTimeout;
    private final Duration renewalDeadline;
    private final int phase;
    private final String candidateId = UUID.randomUUID().toString();
    private final Map<String, LockRegistryLeaderInitiator> initiators = new LinkedHashMap<>();
    private final List<ExecutorService> executors = new ArrayList<>();
    /** When each group's lock was last acquired or renewed here, in {@link System#nanoTime()}. */
    private final Map<String, Long> renewedAt = new ConcurrentHashMap<>();
    /** The groups this instance stepped down from because their locks' renewal was overdue; guarded by itself. */
    private final Set<String> steppedDown = new HashSet<>();
    private @Nullable ScheduledExecutorService watchdog;
    private volatile boolean running;

    /**
     * Initiators for the leader groups of {@code registry}.
     *
     * @param registry the registry whose leader groups are elected
     * @param locks the locks, shared by the instances of the fleet, whose holder leads a group
     * @param publisher where the initiators publish their leader events
     * @param heartbeat how often the leader renews its lock; must be shorter than the locks' time-to-live
     * @param busyWait how long an instance that does not lead waits between attempts to take the lock
     * @param stopTimeout how long stopping waits for the services of the groups to stop and for the locks' release
     * @param renewalDeadline how long a leader may go without renewing its lock before it stops the group's services
     *        itself; longer than the heartbeat, shorter than the locks' time-to-live
     * @param phase the lifecycle phase; one above the registry's bridge
     */
    public LeaderInitiators(ServiceRegistry registry, LockRegistry<?> locks, ApplicationEventPublisher publisher,
            Duration heartbeat, Duration busyWait, Duration stopTimeout, Duration renewalDeadline, int phase) {
        if (renewalDeadline.compareTo(heartbeat) <= 0) {
            throw new IllegalArgumentException("The renewal deadline (" + renewalDeadline + ") must be longer than "
                    + "the heartbeat (" + heartbeat + "), or the leader steps down between two renewals");
        }
        this.registry = registry;
        this.locks = locks;
        this.publisher = publisher;
        this.heartbeat = heartbeat;
        this.busyWait = busyWait;
        this.stopTimeout = stopTimeout;
        this.renewalDeadline = renewalDeadline;
        this.phase = phase;
    }

    /**
     * Starts an initiator for each leader group the registry knows; each group is on standby until its initiator
     * takes the lock.
     */
    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        LockRegistry<?> recording = new RenewalRecordingLockRegistry(locks, this::renewed);
        for (String group : registry.leadership().groups().keySet()) {
            // Known from now on: standby until the initiator takes the lock.
            registry.leadership().revoke(group);
            ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "lifecycle-leader-" + group);
                thread.setDaemon(true);
                return thread;
            });
            LockRegistryLeaderInitiator initiator = new LockRegistryLeaderInitiator(recording,
                    new DefaultCandidate(candidateId, group));
            initiator.setApplicationEventPublisher(publisher);
            initiator.setTaskExecutor(new TaskExecutorAdapter(executor));
            initiator.setHeartBeatMillis(heartbeat.toMillis());
            initiator.setBusyWaitMillis(busyWait.toMillis());
            initiator.setAutoStartup(false);
            initiator.start();
            initiators.put(group, initiator);
            executors.add(executor);
            logger.info("Electing the leader of group '{}' through {}", group, locks);
        }
        if (!initiators.isEmpty()) {
            ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "lifecycle-leader-renewals");
                thread.setDaemon(true);
                return thread;
            });
            long period = Math.max(10, Math.min(heartbeat.toMillis(), renewalDeadline.toMillis() / 4));
            checks.scheduleAtFixedRate(this::stepDownWhereRenewalIsOverdue, period, period, TimeUnit.MILLISECONDS);
            watchdog = checks;
        }
        running = true;
    }

    /**
     * Revokes every group, waits for their services to stop, then stops the initiators and waits for their locks'
     * release; each wait is bounded by the stop timeout.
     */
    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        if (watchdog != null) {
            watchdog.shutdownNow();
            watchdog = null;
        }
        List<CompletableFuture<?>> revokes = new ArrayList<>();
        initiators.keySet().forEach(group -> revokes.add(registry.leadership().revoke(group)));
        try {
            CompletableFuture.allOf(revokes.toArray(CompletableFuture[]::new))
                    .get(stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (TimeoutException ex) {
            logger.warn("The leader-only services of groups {} had not stopped after {}; releasing their locks",
                    initiators.keySet(), stopTimeout);
        }
        catch (Exception ex) {
            logger.warn("Stopping the leader-only services of groups {} failed", initiators.keySet(), ex);
        }
        initiators.values().forEach(LockRegistryLeaderInitiator::stop);
        executors.forEach(ExecutorService::shutdown);
        for (ExecutorService executor : executors) {
            try {
                if (!executor.awaitTermination(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    logger.warn("A leader lock was not released within {}", stopTimeout);
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        initiators.clear();
        executors.clear();
        renewedAt.clear();
        synchronized (steppedDown) {
            steppedDown.clear();
        }
    }

    /** A group's lock was acquired or renewed here: a group stepped down from is granted again. */
    private void renewed(String group) {
        renewedAt.put(group, System.nanoTime());
        synchronized (steppedDown) {
            if (steppedDown.remove(group) && running) {
                logger.info("The lock of group '{}' is held here again after its renewal was overdue: "
                        + "leading it again", group);
                registry.leadership().grant(group);
            }
        }
    }

    /** Revokes each group led here whose lock has not been renewed for the renewal deadline. */
    private void stepDownWhereRenewalIsOverdue() {
        long now = System.nanoTime();
        synchronized (steppedDown) {
            for (String group : renewedAt.keySet()) {
                Long renewed = renewedAt.get(group);
                if (renewed == null || steppedDown.contains(group)
                        || registry.leadership().state(group) != LeadershipState.LEADER) {
                    continue;
                }
                long overdue = now - renewed;
                if (overdue > renewalDeadline.toNanos()) {
                    steppedDown.add(group);
                    logger.warn("The lock of group '{}' has not been renewed for {} ms (renewal deadline {}): "
                            + "stopping its leader-only services before the lock may expire", group,
                            TimeUnit.NANOSECONDS.toMillis(overdue), renewalDeadline);
                    registry.leadership().revoke(group);
                }
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return phase;
    }

    /**
     * The groups that have an initiator, while running.
     *
     * @return the groups' names
     */
    public synchronized Set<String> groups() {
        return Set.copyOf(initiators.keySet());
    }
}
