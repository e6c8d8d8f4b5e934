package dev.lifecycle.spring.internal;

import dev.lifecycle.core.LogKeys;
import dev.lifecycle.core.Escalation;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.event.ServiceListener;
import dev.lifecycle.spring.EscalationExit;
import dev.lifecycle.spring.ServiceRegistryLifecycle;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextRefreshedEvent;

/**
 * Applies the escalation {@link Escalation#SHUTDOWN SHUTDOWN}: when a service gives up with it once the application
 * has started, closes the application context (with {@link SpringApplication#exit}, so that every service stops in
 * reverse order) and ends the process with a non-zero status through {@link EscalationExit}. A give-up during
 * start-up fails the start-up instead (see {@link ServiceRegistryLifecycle}); should the start-up complete all the
 * same, the application is closed as soon as it has started.
 *
 * @since 0.1
 */
public final class EscalationShutdown implements ServiceListener, ApplicationListener<ContextRefreshedEvent> {

    private static final Logger logger = LoggerFactory.getLogger(EscalationShutdown.class);

    private final ConfigurableApplicationContext context;
    private final int exitStatus;
    private final EscalationExit exit;
    private final Object lock = new Object();
    /** Whether the context has been refreshed. Guarded by {@link #lock}. */
    private boolean started;
    /** A give-up with escalation SHUTDOWN that came before the context was refreshed. Guarded by {@link #lock}. */
    private @Nullable String pending;
    private final AtomicBoolean shuttingDown = new AtomicBoolean();

    /**
     * A shutdown of {@code context}.
     *
     * @param context the application context to close
     * @param exitStatus the exit status, non-zero
     * @param exit what ends the process
     */
    public EscalationShutdown(ConfigurableApplicationContext context, int exitStatus, EscalationExit exit) {
        if (exitStatus == 0) {
            throw new IllegalArgumentException("The exit status of an escalation must not be 0");
        }
        this.context = context;
        this.exitStatus = exitStatus;
        this.exit = exit;
    }

    @Override
    public void onApplicationEvent(ContextRefreshedEvent event) {
        if (event.getApplicationContext() != context) {
            return;
        }
        @Nullable String gaveUp;
        synchronized (lock) {
            started = true;
            gaveUp = pending;
        }
        if (gaveUp != null) {
            shutdown(gaveUp, "Service '" + gaveUp + "' gave up during start-up with escalation SHUTDOWN");
        }
    }

    @Override
    public void onGiveUp(ServiceKey<?> key, Escalation escalation, Throwable cause) {
        if (escalation != Escalation.SHUTDOWN) {
            return;
        }
        synchronized (lock) {
            if (!started) {
                pending = key.id();
                return;
            }
        }
        shutdown(key.id(), "Service '" + key.id() + "' gave up with escalation SHUTDOWN (its failure is logged above)");
    }

    /** Logs why and what now (the engine's give-up line has the failure), then closes the context and exits. */
    private void shutdown(String id, String why) {
        if (!shuttingDown.compareAndSet(false, true)) {
            return;
        }
        logger.atError().addKeyValue(LogKeys.SERVICE_ID, id).addKeyValue(LogKeys.ESCALATION, Escalation.SHUTDOWN.name())
                .addKeyValue(LogKeys.EXIT_STATUS, exitStatus)
                .log(why + ": closing the application, then exiting with status " + exitStatus);
        Thread thread = new Thread(() -> exit.exit(SpringApplication.exit(context, () -> exitStatus)),
                "lifecycle-escalation");
        thread.start();
    }
}
