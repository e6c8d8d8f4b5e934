package dev.lifecycle.spring.internal;

import org.jspecify.annotations.Nullable;

/**
 * Told when the application's start-up of the services ({@link ServiceStartup#run()}) begins and ends, on the thread
 * that runs it: so that what is recorded of the starts during it (observations, start-up steps) can hang under one
 * parent. Beans of this type are called in their order; they must return promptly and not throw.
 *
 * @since 0.1
 */
public interface ServiceStartupObserver {

    /** The start-up begins: before the service beans are installed and started. */
    void startupBegan();

    /**
     * The start-up has ended: the application starts (perhaps degraded), or it fails with {@code failure}, after
     * what had started was stopped.
     *
     * @param failure why the start-up failed, or {@code null} if the application starts
     */
    void startupEnded(@Nullable Throwable failure);
}
