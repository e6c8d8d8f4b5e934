package dev.lifecycle.spring;

import dev.lifecycle.core.ServiceState;
import dev.lifecycle.core.event.ServiceListener;
import dev.lifecycle.core.event.ServiceTransition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every transition as one line, {@code service database: STARTING -> RUNNING (STARTUP, took 120 ms)}, where
 * "took" is how long the service spent in the state it left. Transitions to FAILED are logged at WARN with the
 * failure, the others at INFO.
 *
 * @since 0.1
 */
public final class ServiceTransitionLogger implements ServiceListener {

    private static final Logger logger = LoggerFactory.getLogger(ServiceTransitionLogger.class);

    @Override
    public void onTransition(ServiceTransition transition) {
        boolean failed = transition.to() == ServiceState.FAILED;
        if (failed ? !logger.isWarnEnabled() : !logger.isInfoEnabled()) {
            return;
        }
        String line = describe(transition);
        if (failed) {
            logger.warn(line);
        }
        else {
            logger.info(line);
        }
    }

    static String describe(ServiceTransition transition) {
        StringBuilder out = new StringBuilder("service ").append(transition.key().id()).append(": ")
                .append(transition.from()).append(" -> ").append(transition.to()).append(" (")
                .append(transition.reason());
        if (transition.detail() != null) {
            out.append(": ").append(transition.detail());
        }
        else if (transition.cause() != null) {
            out.append(": ").append(transition.cause());
        }
        out.append(", took ").append(transition.timeInPreviousState().toMillis()).append(" ms");
        return out.append(')').toString();
    }
}
