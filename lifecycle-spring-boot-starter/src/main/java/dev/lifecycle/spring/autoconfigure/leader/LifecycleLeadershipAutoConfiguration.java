package dev.lifecycle.spring.autoconfigure.leader;

import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.spring.autoconfigure.LeadershipProperties;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryProperties;
import dev.lifecycle.spring.internal.OnServiceRegistryBeanCondition;
import dev.lifecycle.spring.leader.LeaderEventsListener;
import dev.lifecycle.spring.leader.LeaderInitiators;
import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.leader.event.OnGrantedEvent;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;
import org.springframework.integration.support.locks.LockRegistry;

/**
 * Auto-configuration of leader-only services on Spring Integration's leader election: a {@link LeaderEventsListener}
 * passing its {@code OnGrantedEvent} and {@code OnRevokedEvent} to the registry, and, when the application has a
 * {@link LockRegistry} and defines no {@link LockRegistryLeaderInitiator} of its own, {@link LeaderInitiators}: one
 * initiator per leader group.
 *
 * @since 0.1
 */
@AutoConfiguration(after = { ServiceRegistryAutoConfiguration.class,
        LifecycleJdbcLockRegistryAutoConfiguration.class })
@ConditionalOnClass(OnGrantedEvent.class)
@ConditionalOnBooleanProperty(name = "lifecycle.enabled", matchIfMissing = true)
@Conditional(OnServiceRegistryBeanCondition.class)
public final class LifecycleLeadershipAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    LeaderEventsListener lifecycleLeaderEventsListener(ServiceRegistry registry, ServiceRegistryProperties properties) {
        return new LeaderEventsListener(registry, properties.getStopTimeout());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "lifecycle.leadership.enabled", matchIfMissing = true)
    @ConditionalOnSingleCandidate(LockRegistry.class)
    @ConditionalOnMissingBean({ LockRegistryLeaderInitiator.class, LeaderInitiators.class })
    static final class InitiatorsConfiguration {

        @Bean
        LeaderInitiators lifecycleLeaderInitiators(ServiceRegistry registry, LockRegistry<?> locks,
                ApplicationEventPublisher publisher, ServiceRegistryProperties properties) {
            LeadershipProperties leadership = properties.getLeadership();
            int phase = properties.getPhase() == Integer.MAX_VALUE ? Integer.MAX_VALUE : properties.getPhase() + 1;
            Duration deadline = leadership.effectiveRenewalDeadline();
            if (deadline.compareTo(leadership.getHeartbeat()) <= 0) {
                throw new IllegalStateException("lifecycle.leadership.renewal-deadline (" + deadline + (leadership
                        .getRenewalDeadline() == null ? ", half of lifecycle.leadership.jdbc.time-to-live" : "")
                        + ") must be longer than lifecycle.leadership.heartbeat (" + leadership.getHeartbeat()
                        + "), or the leader steps down between two renewals: lengthen the deadline (or the "
                        + "time-to-live) or shorten the heartbeat");
            }
            return new LeaderInitiators(registry, locks, publisher, leadership.getHeartbeat(),
                    leadership.getBusyWait(), properties.getStopTimeout(), deadline, phase);
        }
    }
}
