package dev.lifecycle.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * What one change of the registry decided to do once the lock is released: user code to run, futures to complete,
 * and the services whose state must be re-evaluated before the lock is released. Built under the lock, run after.
 */
final class Batch {

    /** Services to re-evaluate before unlocking; duplicates are harmless (evaluation is idempotent). */
    final ArrayDeque<Controller> toEvaluate = new ArrayDeque<>();
    /** User-code tasks to hand to the executor. */
    final List<Runnable> tasks = new ArrayList<>();
    /** Things to do after unlocking that are not user code of a service (complete futures, escalate). */
    final List<Runnable> after = new ArrayList<>();

    void evaluate(Controller c) {
        toEvaluate.add(c);
    }

    void task(Runnable task) {
        tasks.add(task);
    }

    void after(Runnable action) {
        after.add(action);
    }
}
