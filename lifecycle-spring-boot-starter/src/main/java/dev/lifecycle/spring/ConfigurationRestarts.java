package dev.lifecycle.spring;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Restarts exactly the services that read configuration keys that changed, with their dependents, in dependency
 * order: the starter's bean for applications that change their environment themselves. With Spring Cloud Context on
 * the classpath, its {@code EnvironmentChangeEvent} (a {@code /actuator/refresh}, a config server push) calls it.
 *
 * <p>A service reads the keys under
 * <ul>
 *   <li>the prefix of every {@code @ConfigurationProperties} bean injected into its bean;</li>
 *   <li>the prefixes of its {@link LifecycleService#restartOnChange()};</li>
 *   <li>the prefixes of {@code lifecycle.services.<id>.restart-on-change}.</li>
 * </ul>
 * The {@code @ConfigurationProperties} beans under a changed key are bound again first (JavaBean-style ones: those
 * bound through their constructor cannot change; the service restarts with their old values, and a warning says
 * so). Then the services restart in one change of the registry, with the reason
 * {@link dev.lifecycle.core.TransitionReason#CONFIGURATION CONFIGURATION} naming the keys; services that read none of
 * the keys are left alone. See {@link dev.lifecycle.core.ServiceRegistry#restartForConfiguration}.
 *
 * @since 0.1
 */
public interface ConfigurationRestarts {

    /**
     * Restarts the services that read any of {@code changedKeys}, with their dependents.
     *
     * @param changedKeys the keys that changed, in any form Spring Boot binds ({@code db.pool-size},
     *        {@code DB_POOL_SIZE}); keys no service reads are ignored
     * @return a future completing, once those services and their dependents have settled (not waiting for an
     *         unrelated service still starting), with the ids of the services that read the keys (their dependents
     *         restarted too); at once with no ids when no service reads them
     */
    CompletableFuture<Set<String>> restartFor(Collection<String> changedKeys);
}
