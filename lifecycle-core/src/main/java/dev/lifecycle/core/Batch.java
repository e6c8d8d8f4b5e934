package dev.lifecycle.core;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one change of the registry decided to do once the lock is released: user code to run, futures to complete,
 * and the services whose state must be re-evaluated before the lock is released. Built under the lock, run after.
 *
 * <p>A change costs little: its tasks are chained through themselves, the list of actions is created on first use,
 * and the clock is read once per change, so every transition a change makes carries the same time.
 */
final class Batch {

    private static final List<Runnable> NONE = List.of();

    /** Services to re-evaluate before unlocking, a ring; duplicates are harmless (evaluation is idempotent). */
    private Controller[] toEvaluate = new Controller[8];
    private int head;
    private int size;
    /** The user-code tasks this change made ready for the workers, in order, linked through {@link Task#next}. */
    private @Nullable Task firstTask;
    private @Nullable Task lastTask;
    private int taskCount;
    /** Things to do after unlocking that are not user code of a service (complete futures, escalate). */
    private @Nullable List<Runnable> after;
    private long now = Controller.UNSET;

    void evaluate(Controller c) {
        if (size == toEvaluate.length) {
            Controller[] grown = new Controller[size * 2];
            int tail = toEvaluate.length - head;
            System.arraycopy(toEvaluate, head, grown, 0, tail);
            System.arraycopy(toEvaluate, 0, grown, tail, head);
            toEvaluate = grown;
            head = 0;
        }
        toEvaluate[(head + size) & (toEvaluate.length - 1)] = c;
        size++;
    }

    /** The next service to re-evaluate, or {@code null}. */
    @Nullable Controller nextToEvaluate() {
        if (size == 0) {
            return null;
        }
        Controller c = toEvaluate[head];
        toEvaluate[head] = null;
        head = (head + 1) & (toEvaluate.length - 1);
        size--;
        return c;
    }

    void task(Task task) {
        if (lastTask == null) {
            firstTask = task;
        } else {
            lastTask.next = task;
        }
        lastTask = task;
        taskCount++;
    }

    void after(Runnable action) {
        if (after == null) {
            after = new ArrayList<>(4);
        }
        after.add(action);
    }

    /** The first of the tasks this change made ready, linked through {@link Task#next}; {@code null} if none. */
    @Nullable Task firstTask() {
        return firstTask;
    }

    @Nullable Task lastTask() {
        return lastTask;
    }

    int taskCount() {
        return taskCount;
    }

    List<Runnable> after() {
        return after == null ? NONE : after;
    }

    /** Whether running {@link #after()} would do nothing. */
    boolean nothingAfter() {
        return after == null || after.isEmpty();
    }

    /** The time of this change, in clock nanos: read from the engine's clock on first use. */
    long now(Engine engine) {
        if (now == Controller.UNSET) {
            now = engine.nowNanos();
        }
        return now;
    }

    @Override
    public String toString() {
        return "Batch[" + size + " to evaluate, " + taskCount + " tasks, " + after().size() + " after]";
    }
}
