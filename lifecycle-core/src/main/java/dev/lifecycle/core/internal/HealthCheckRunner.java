package dev.lifecycle.core.internal;

import dev.lifecycle.core.LogKeys;
import dev.lifecycle.core.LogText;
import dev.lifecycle.core.HealthCheck;
import dev.lifecycle.core.LifecycleException;
import dev.lifecycle.core.ServiceHealth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Runs the health checks of RUNNING services on the executor, a round every health check interval, and records
 * their outcome; a service with {@code failAfterUnhealthyChecks} set is failed once that many checks in a row were
 * unhealthy.
 */
final class HealthCheckRunner {

    private final Engine engine;

    HealthCheckRunner(Engine engine) {
        this.engine = engine;
    }

    /** Arms the next round of checks, if some service has a check and none is armed; under the lock. */
    void schedule(Change change) {
        RegistryState state = engine.state;
        if (state.hasHealthChecks && state.healthTimer == null && state.started && !state.shuttingDown
                && !state.closed) {
            DeferredTimer timer = new DeferredTimer(engine.scheduler,
                    change.now(engine) + engine.healthCheckInterval.toNanos(), t -> {
                        // The next round is due an interval after this one, whether or not all its checks have
                        // answered: a check still in flight is skipped, so one that never answers holds back neither
                        // the others nor it.
                        boolean due = engine.loop.locked(next -> {
                            if (state.healthTimer != t) {
                                return false;
                            }
                            state.healthTimer = null;
                            schedule(next);
                            return true;
                        });
                        if (due) {
                            runAll();
                        }
                    });
            state.healthTimer = timer;
            change.arm(timer);
        }
    }

    /** Runs every RUNNING service's check now; the future completes when all have answered. */
    CompletableFuture<@Nullable Void> runAll() {
        List<CompletableFuture<@Nullable Void>> done = new ArrayList<>();
        engine.loop.lockedRun(change -> {
            if (engine.state.closed) {
                return;
            }
            for (ServiceRecord installed = engine.state.firstInstalled; installed != null;
                    installed = installed.nextInstalled) {
                ServiceRecord c = installed;
                HealthCheck check = c.settings.healthCheck;
                HealthCheckState health = c.healthState;
                if (check == null || health == null || c.phase() != Phase.RUNNING || health.inFlight) {
                    continue;
                }
                health.inFlight = true;
                int generation = c.generation;
                CompletableFuture<@Nullable Void> future = new CompletableFuture<>();
                done.add(future);
                change.task(Task.of(() -> {
                    boolean healthy;
                    Throwable problem = null;
                    try {
                        healthy = check.isHealthy();
                    } catch (Throwable ex) {
                        healthy = false;
                        problem = ex;
                    }
                    boolean ok = healthy;
                    Throwable why = problem;
                    engine.loop.lockedRun(b -> record(c, generation, ok, why, b));
                    future.complete(null);
                }));
            }
        });
        return CompletableFuture.allOf(done.toArray(new CompletableFuture<?>[0]));
    }

    private void record(ServiceRecord c, int generation, boolean healthy,
            @Nullable Throwable problem, Change change) {
        HealthCheckState health = java.util.Objects.requireNonNull(c.healthState);
        health.inFlight = false;
        if (c.generation != generation || c.phase() != Phase.RUNNING) {
            return;
        }
        health.health = healthy ? ServiceHealth.UP : ServiceHealth.DOWN;
        health.unhealthyStreak = healthy ? 0 : health.unhealthyStreak + 1;
        if (!healthy) {
            if (Engine.log.isWarnEnabled()) {
                LoggingEventBuilder line = Engine.log.atWarn().addKeyValue(LogKeys.SERVICE_ID, c.id)
                        .addKeyValue(LogKeys.HEALTH_STREAK, health.unhealthyStreak);
                if (problem != null) {
                    line.addKeyValue(LogKeys.FAILURE_TYPE, problem.getClass().getName());
                    if (problem.getMessage() != null) {
                        line.addKeyValue(LogKeys.FAILURE_MESSAGE, LogText.escape(problem.getMessage()));
                    }
                }
                line.log("Health check of service '" + c.id + "' failed (" + health.unhealthyStreak + " in a row)"
                        + (problem == null ? "" : ": " + LogText.escape(problem.toString())));
            }
        }
        int failAfter = c.settings.failAfterUnhealthyChecks;
        if (!healthy && failAfter > 0 && health.unhealthyStreak >= failAfter) {
            LifecycleException cause = new LifecycleException("Service '" + c.id + "' was unhealthy in "
                    + health.unhealthyStreak + " health checks in a row", problem);
            engine.requests.requestFailure(c, generation, cause, change);
        }
    }
}
