package dev.lifecycle.core.internal;

import org.jspecify.annotations.Nullable;

/**
 * Work for the {@link WorkerPool}: a service's start or stop ({@link ServiceRun}) or a health check. A task is queued once in
 * its life, so it carries its own link: first in the chain of its change's tasks ({@link Change}), then in the
 * {@link ReadyQueue}, without a node allocated for it.
 */
abstract class Task implements Runnable {

    /** The next task of the chain or queue; set before the task is published, then only by the queue. */
    volatile @Nullable Task next;

    /** A task given as a {@link Runnable}. */
    static Task of(Runnable runnable) {
        return new Task() {
            @Override
            public void run() {
                runnable.run();
            }
        };
    }
}
