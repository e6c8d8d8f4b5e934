package dev.lifecycle.plainsample;

import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceContext;
import dev.lifecycle.core.ServiceHandle;
import dev.lifecycle.core.ServiceInit;
import dev.lifecycle.core.ServiceKey;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;

/**
 * One of the sample's services run by Spring as a plain {@link SmartLifecycle} bean in a fixed phase: {@code init}
 * and {@code start} when its phase starts, {@code stop} and {@code join} when it stops. A failure fails the context's
 * start; nothing restarts.
 *
 * @param <T> the service's value
 */
final class PlainService<T> implements SmartLifecycle, ServiceContext, ServiceInit {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ServiceKey<T> key;
    private final Service<T> service;
    private final int phase;
    private final PlainValues values;
    private final boolean autoStartup;
    private volatile boolean running;

    PlainService(ServiceKey<T> key, Service<T> service, int phase, PlainValues values) {
        this(key, service, phase, values, true);
    }

    /**
     * A service that Spring starts with the context when {@code autoStartup}; otherwise whatever controls it (a
     * role controller of leader-only services) starts it.
     */
    PlainService(ServiceKey<T> key, Service<T> service, int phase, PlainValues values, boolean autoStartup) {
        this.key = key;
        this.service = service;
        this.phase = phase;
        this.values = values;
        this.autoStartup = autoStartup;
    }

    @Override
    public void start() {
        try {
            service.init(this);
            values.put(key, service.start(this));
            running = true;
        }
        catch (Exception ex) {
            throw new IllegalStateException("Service '" + key.id() + "' did not start: " + ex, ex);
        }
    }

    @Override
    public void stop() {
        running = false;
        values.remove(key);
        try {
            service.stop(this);
            service.join(this);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (Exception ex) {
            throw new IllegalStateException("Service '" + key.id() + "' did not stop: " + ex, ex);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }

    @Override
    public int getPhase() {
        return phase;
    }

    @Override
    public ServiceKey<?> key() {
        return key;
    }

    @Override
    public <R> ServiceHandle<R> requires(ServiceKey<R> required) {
        return values.handle(required);
    }

    @Override
    public void dependsOn(String id) {
    }

    @Override
    public void wants(String id) {
    }

    @Override
    public void fail(Throwable cause) {
        throw new IllegalStateException("Service '" + key.id() + "' failed", cause);
    }

    @Override
    public Duration startTimeout() {
        return TIMEOUT;
    }

    @Override
    public Duration stopTimeout() {
        return TIMEOUT;
    }
}
