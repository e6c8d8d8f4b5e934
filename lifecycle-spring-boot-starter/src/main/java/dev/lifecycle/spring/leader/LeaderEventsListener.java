package dev.lifecycle.spring.leader;

import dev.lifecycle.core.ServiceRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.integration.leader.event.AbstractLeaderEvent;
import org.springframework.integration.leader.event.OnGrantedEvent;
import org.springframework.integration.leader.event.OnRevokedEvent;

/**
 * Passes Spring Integration's leader events to the registry's {@link dev.lifecycle.core.Leadership}, the event's role
 * being the leader group: an {@link OnGrantedEvent} {@linkplain dev.lifecycle.core.Leadership#grant grants} the group
 * (the services start in the background), an {@link OnRevokedEvent} {@linkplain dev.lifecycle.core.Leadership#revoke
 * revokes} it and returns only once the group's services and their dependents have stopped, or the stop timeout has
 * passed: an initiator that publishes the event before it releases its lock lets another instance lead only once they
 * have stopped. Any initiator that publishes these events drives the registry (Zookeeper, Spring Cloud Kubernetes, a
 * {@code LockRegistryLeaderInitiator}).
 *
 * @since 0.1
 */
public final class LeaderEventsListener implements ApplicationListener<AbstractLeaderEvent> {

    private static final Logger logger = LoggerFactory.getLogger(LeaderEventsListener.class);

    private final ServiceRegistry registry;
    private final Duration stopTimeout;

    /**
     * A listener driving {@code registry}.
     *
     * @param registry the registry whose leadership the events change
     * @param stopTimeout how long a revoked event waits for the group's services to stop
     */
    public LeaderEventsListener(ServiceRegistry registry, Duration stopTimeout) {
        this.registry = registry;
        this.stopTimeout = stopTimeout;
    }

    /**
     * Grants or revokes the event's role; other leader events (a failure to acquire) change nothing.
     *
     * @param event the leader event
     */
    @Override
    public void onApplicationEvent(AbstractLeaderEvent event) {
        String group = event.getRole();
        if (group == null || group.isBlank()) {
            return;
        }
        if (event instanceof OnGrantedEvent) {
            logger.info("Leadership of group '{}' granted", group);
            registry.leadership().grant(group);
        }
        else if (event instanceof OnRevokedEvent) {
            logger.info("Leadership of group '{}' revoked", group);
            awaitRevoke(group);
        }
    }

    private void awaitRevoke(String group) {
        try {
            CompletableFuture<?> revoke = registry.leadership().revoke(group);
            if (!revoke.isDone()) {
                revoke.get(stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            logger.warn("Interrupted while the services of group '{}' stop after leadership was revoked", group);
        }
        catch (TimeoutException ex) {
            logger.warn("The services of group '{}' had not stopped {} after leadership was revoked", group,
                    stopTimeout);
        }
        catch (ExecutionException | RuntimeException ex) {
            logger.warn("Stopping the services of group '{}' after leadership was revoked failed", group, ex);
        }
    }
}
