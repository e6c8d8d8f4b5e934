package dev.lifecycle.spring.observation;

import dev.lifecycle.core.ServiceKey;
import org.jspecify.annotations.Nullable;

/**
 * What records a service's start cycles (setup and start) and stop cycles (stop and join), told by
 * {@link ObservedService} exactly when one begins, on the thread that runs the service's code.
 */
interface PhaseObserver {

    /**
     * A start cycle of {@code key} begins: its setup is about to run on the calling thread.
     *
     * @param key the service
     * @return what records this start, or {@code null} to leave it unrecorded
     */
    @Nullable Recording startBegan(ServiceKey<?> key);

    /**
     * A stop cycle of {@code key} begins: its stop is about to run on the calling thread.
     *
     * @param key the service
     * @return what records this stop, or {@code null} to leave it unrecorded
     */
    @Nullable Recording stopBegan(ServiceKey<?> key);

    /** The recording of one start or stop cycle. */
    interface Recording {

        /**
         * Makes the recording current on the calling thread while a phase's code runs there (so that what the code
         * observes itself hangs under it); closed on the same thread.
         *
         * @return the scope to close when the phase's code returns
         */
        default Scope openScope() {
            return Scope.NONE;
        }

        /**
         * The cycle has ended, exactly once: its code returned, failed, or outlived its timeout.
         *
         * @param failure why it failed, or {@code null} if it succeeded
         */
        void ended(@Nullable Throwable failure);
    }

    /** A recording made current on one thread. */
    @FunctionalInterface
    interface Scope extends AutoCloseable {

        /** A scope that makes nothing current. */
        Scope NONE = () -> {
        };

        @Override
        void close();
    }
}
