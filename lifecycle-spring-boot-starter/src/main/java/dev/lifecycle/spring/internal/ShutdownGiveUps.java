package dev.lifecycle.spring.internal;

import dev.lifecycle.core.Escalation;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.event.ServiceListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** Records, during one start-up, the services that gave up with escalation SHUTDOWN. Thread-safe. */
final class ShutdownGiveUps implements ServiceListener {

    private final Map<String, Boolean> shutdowns = new ConcurrentHashMap<>();
    /** Completes at the first give-up with escalation SHUTDOWN since the last {@link #clear()}. */
    volatile CompletableFuture<@Nullable Void> shutdown = new CompletableFuture<>();

    @Override
    public void onGiveUp(ServiceKey<?> key, Escalation escalation, Throwable cause) {
        if (escalation == Escalation.SHUTDOWN) {
            shutdowns.put(key.id(), Boolean.TRUE);
            shutdown.complete(null);
        }
    }

    /** Forgets the give-ups recorded so far, for a new start-up. */
    void clear() {
        shutdowns.clear();
        shutdown = new CompletableFuture<>();
    }

    /** The ids of the services that gave up with escalation SHUTDOWN. */
    List<String> escalated() {
        return List.copyOf(shutdowns.keySet());
    }
}
