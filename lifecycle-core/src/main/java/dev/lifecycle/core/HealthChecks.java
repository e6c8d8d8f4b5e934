package dev.lifecycle.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Runs the health checks of RUNNING services on the executor and records their outcome; a service with
 * {@code failAfterUnhealthyChecks} set is failed once that many checks in a row were unhealthy.
 */
final class HealthChecks {

    private HealthChecks() {
    }

    static CompletableFuture<@Nullable Void> runAll(Engine engine) {
        List<CompletableFuture<@Nullable Void>> done = new ArrayList<>();
        engine.lockedRun(batch -> {
            if (engine.closed) {
                return;
            }
            for (Controller installed = engine.firstInstalled; installed != null;
                    installed = installed.nextInstalled) {
                Controller c = installed;
                HealthCheck check = c.settings.healthCheck;
                if (check == null || c.phase != Phase.RUNNING || c.healthCheckInFlight) {
                    continue;
                }
                c.healthCheckInFlight = true;
                int generation = c.generation;
                CompletableFuture<@Nullable Void> future = new CompletableFuture<>();
                done.add(future);
                batch.task(Task.of(() -> {
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
                    engine.lockedRun(b -> record(engine, c, generation, ok, why, b));
                    future.complete(null);
                }));
            }
        });
        return CompletableFuture.allOf(done.toArray(new CompletableFuture<?>[0]));
    }

    private static void record(Engine engine, Controller c, int generation, boolean healthy,
            @Nullable Throwable problem, Batch batch) {
        c.healthCheckInFlight = false;
        if (c.generation != generation || c.phase != Phase.RUNNING) {
            return;
        }
        c.health = healthy ? ServiceHealth.UP : ServiceHealth.DOWN;
        c.unhealthyStreak = healthy ? 0 : c.unhealthyStreak + 1;
        if (!healthy) {
            Engine.log.warn("Health check of service '{}' failed ({} in a row){}", c.id, c.unhealthyStreak,
                    problem == null ? "" : ": " + problem);
        }
        int failAfter = c.settings.failAfterUnhealthyChecks;
        if (!healthy && failAfter > 0 && c.unhealthyStreak >= failAfter) {
            LifecycleException cause = new LifecycleException("Service '" + c.id + "' was unhealthy in "
                    + c.unhealthyStreak + " health checks in a row", problem);
            engine.machine.requestFailure(c, generation, cause, batch);
        }
    }
}
