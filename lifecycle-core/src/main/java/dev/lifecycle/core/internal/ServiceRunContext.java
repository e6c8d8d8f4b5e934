package dev.lifecycle.core.internal;

import dev.lifecycle.core.ServiceContext;
import dev.lifecycle.core.ServiceKey;
import java.time.Duration;

/** The {@link ServiceContext} a service's code sees during one {@link ServiceRun}. */
final class ServiceRunContext implements ServiceContext {

    private final ServiceRun run;

    ServiceRunContext(ServiceRun run) {
        this.run = run;
    }

    @Override
    public ServiceKey<?> key() {
        return run.record.key;
    }

    @Override
    public void fail(Throwable cause) {
        run.fail(Checks.notNull(cause, "ServiceContext.fail(cause)", "cause"));
    }

    @Override
    public Duration startTimeout() {
        return run.record.settings.startTimeout;
    }

    @Override
    public Duration stopTimeout() {
        return run.record.settings.stopTimeout;
    }

    @Override
    public boolean abandoned() {
        return run.kind == ServiceRun.Kind.STOP_ABANDONED;
    }

    @Override
    public String toString() {
        return "ServiceContext[" + run.record.id + "#" + run.generation + "]";
    }
}
