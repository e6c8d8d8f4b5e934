/**
 * The service-lifecycle engine: declare services with their dependencies in a {@link dev.lifecycle.core.ServiceRegistry},
 * and it starts them in dependency order (independent ones in parallel), publishes their values, stops dependents
 * before their dependencies, and restarts a failed service and everything that depends on it under a
 * {@link dev.lifecycle.core.RestartPolicy}.
 *
 * <p>Entry points: {@link dev.lifecycle.core.ServiceRegistry#builder()}, {@link dev.lifecycle.core.Service},
 * {@link dev.lifecycle.core.ServiceDefinition}.
 */
@NullMarked
package dev.lifecycle.core;

import org.jspecify.annotations.NullMarked;
