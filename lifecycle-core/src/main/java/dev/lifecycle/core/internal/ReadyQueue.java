package dev.lifecycle.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

/**
 * The lock-free queue of ready {@link Task}s, linked through the tasks themselves (a Michael-Scott queue whose nodes
 * are the tasks): any thread adds a chain of tasks with one successful compare-and-set, any worker takes the oldest.
 * {@link #head} is the last task taken (at first a placeholder): the queue holds what follows it. A task is queued once
 * in its life, so a node is never reused and needs no protection against it.
 */
final class ReadyQueue {

    private static final VarHandle HEAD;
    private static final VarHandle TAIL;
    private static final VarHandle NEXT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            HEAD = lookup.findVarHandle(ReadyQueue.class, "head", Task.class);
            TAIL = lookup.findVarHandle(ReadyQueue.class, "tail", Task.class);
            NEXT = lookup.findVarHandle(Task.class, "next", Task.class);
        } catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private volatile Task head;
    /** The last task, or one before it: {@link #add} moves it on. */
    private volatile Task tail;

    ReadyQueue() {
        Task placeholder = Task.of(() -> { });
        head = placeholder;
        tail = placeholder;
    }

    /** Appends the chain {@code first} to {@code last}, linked through {@link Task#next}, {@code last.next} null. */
    void add(Task first, Task last) {
        while (true) {
            Task t = tail;
            Task n = t.next;
            if (n != null) {
                // Another add linked its chain and has not moved the tail yet, or it moved it to the end of a chain
                // that is not the last: help it along.
                TAIL.compareAndSet(this, t, n);
            } else if (NEXT.compareAndSet(t, (Task) null, first)) {
                TAIL.compareAndSet(this, t, last);
                return;
            }
        }
    }

    /** Takes the oldest task, or returns {@code null} if there is none. */
    @Nullable Task poll() {
        while (true) {
            Task h = head;
            Task n = h.next;
            if (n == null) {
                return null;
            }
            if (HEAD.compareAndSet(this, h, n)) {
                return n;
            }
        }
    }

    boolean isEmpty() {
        return head.next == null;
    }
}
