package dev.lifecycle.sample;

import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service whose work is a {@link BackgroundLoop}, one per start cycle: its start makes a new loop and starts its
 * thread, its stop only signals the loop to end, and its join waits, up to the stop timeout, for the loop to finish
 * the round in progress. A loop that outlives the timeout is logged and left to end on its own (its thread is a
 * daemon).
 *
 * @param <L> the kind of loop
 */
public abstract class BackgroundLoopService<L extends BackgroundLoop> implements Service<Void> {

    private static final Logger logger = LoggerFactory.getLogger(BackgroundLoopService.class);

    private final String loopName;

    private volatile @Nullable L loop;

    /**
     * A service running a loop named {@code loopName} in its log lines.
     *
     * @param loopName what the loop is, for the log (e.g. "heartbeat loop")
     */
    protected BackgroundLoopService(String loopName) {
        this.loopName = loopName;
    }

    /**
     * Makes the loop of a new start cycle; its thread is started once this returns.
     *
     * @param context the starting service's context
     * @return the new loop, not started
     * @throws Exception if the service cannot start
     */
    protected abstract L newLoop(ServiceContext context) throws Exception;

    @Override
    public final @Nullable Void start(ServiceContext context) throws Exception {
        L started = newLoop(context);
        started.start();
        loop = started;
        return null;
    }

    @Override
    public final void stop(ServiceContext context) {
        L current = loop;
        if (current != null) {
            current.signalStop();
        }
    }

    @Override
    public final void join(ServiceContext context) throws InterruptedException {
        L current = loop;
        if (current != null && !current.join(context.stopTimeout())) {
            logger.warn("The {} did not end within {}", loopName, context.stopTimeout());
        }
    }

    /**
     * The loop of the current (or last) start cycle.
     *
     * @return the loop, or null before the first start
     */
    protected final @Nullable L currentLoop() {
        return loop;
    }
}
