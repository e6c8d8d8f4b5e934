package dev.lifecycle.core.internal;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A future completing once nothing is in flight, and the service whose own code asked for it (its work in flight
 * does not count, so that a service's start may wait for a cascade it caused).
 *
 * @param future the future to complete
 * @param caller the service whose setup, start, stop or join asked for it, if any
 */
record SettleWaiter(CompletableFuture<@Nullable Void> future, @Nullable ServiceRecord caller) {

    /** Whether nothing but the caller's own work is in flight. */
    boolean isSettled(int inFlight) {
        return inFlight == 0 || (inFlight == 1 && caller != null && caller.countedInFlight);
    }
}
