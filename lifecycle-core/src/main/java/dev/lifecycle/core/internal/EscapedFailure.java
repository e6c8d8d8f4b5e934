package dev.lifecycle.core.internal;

import dev.lifecycle.core.LogText;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a log line attaches in place of a failure whose message, or a cause's, has characters {@link LogText#escape}
 * escapes: the backend prints an attached throwable's message as it is, so a newline in it would start a forged line
 * under the stack trace. The stand-in's message is the original's {@code Type: message}, escaped; it has the
 * original's stack trace, and its cause stands in for the original's cause likewise. A failure whose text is safe is
 * attached as it is.
 */
final class EscapedFailure extends Exception {

    private static final long serialVersionUID = 1L;

    /** How deep a chain of causes is followed. */
    private static final int MAX_DEPTH = 32;

    private EscapedFailure(Throwable original, int depth, Set<Throwable> seen) {
        super(LogText.escape(original.toString()), standInForCause(original, depth, seen), false, true);
        setStackTrace(original.getStackTrace());
    }

    /**
     * {@code failure} itself when its messages are safe in a log line, else its stand-in.
     *
     * @param failure a failure about to be logged with its stack trace
     * @return what to attach to the line
     */
    static Throwable forLog(Throwable failure) {
        return isSafe(failure) ? failure
                : new EscapedFailure(failure, 0, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static boolean isSafe(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++) {
            String text = t.toString();
            if (!LogText.escape(text).equals(text)) {
                return false;
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return true;
    }

    private static @Nullable Throwable standInForCause(Throwable original, int depth, Set<Throwable> seen) {
        seen.add(original);
        Throwable cause = original.getCause();
        if (cause == null || depth + 1 >= MAX_DEPTH || seen.contains(cause)) {
            return null;
        }
        return new EscapedFailure(cause, depth + 1, seen);
    }
}
