package dev.lifecycle.core.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The future of one operation on named services (fail, restart, stop, start, restart for configuration) and the
 * services it concerns, which {@link Operations} gathers as the operation's cascade reaches them: it completes once
 * none of them is starting or stopping. Guarded by the registry's lock.
 */
final class OperationWaiter {

    final CompletableFuture<@Nullable Void> future = new CompletableFuture<>();
    /** The services the operation names. */
    final List<ServiceRecord> targets;
    /**
     * The service whose own setup, start, stop or join asked for the operation, if any: it is never concerned (its
     * code in flight waits for this very future), nor is what only waits for it.
     */
    final @Nullable ServiceRecord caller;
    /** Every service the operation concerns, in the order it reached them. */
    final List<ServiceRecord> concerned = new ArrayList<>();
    /**
     * The concerned services a target waits for (its requirements that are starting or stopping, and those between):
     * the operation waits for them, but not for their other dependents. Empty until a target waits for one.
     */
    private Set<ServiceRecord> required = Set.of();
    /** How many concerned services are starting or stopping. */
    int inMotion;
    /** Whether it is queued to be checked at the end of the change (see {@link Operations#check}). */
    boolean queued;
    /** Whether its future has been completed (it is no longer tracked). */
    boolean done;

    OperationWaiter(List<ServiceRecord> targets, @Nullable ServiceRecord caller) {
        this.targets = targets;
        this.caller = caller;
    }

    /**
     * Whether {@code c} is concerned only because a target waits for it: its dependents are not concerned through it.
     */
    boolean onlyRequired(ServiceRecord c) {
        return !required.isEmpty() && required.contains(c);
    }

    /** {@code c} is concerned because a target waits for it. */
    void markRequired(ServiceRecord c) {
        if (required.isEmpty()) {
            required = Collections.newSetFromMap(new IdentityHashMap<>());
        }
        required.add(c);
    }

    /** {@code c}, which a target waited for, is reached by the cascade too: its dependents are concerned through it. */
    void markCascaded(ServiceRecord c) {
        if (!required.isEmpty()) {
            required.remove(c);
        }
    }

    @Override
    public String toString() {
        return "OperationWaiter[" + targets + ", " + inMotion + " of " + concerned.size() + " in motion]";
    }
}
