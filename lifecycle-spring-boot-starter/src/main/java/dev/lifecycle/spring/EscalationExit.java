package dev.lifecycle.spring;

/**
 * Ends the process once an escalation {@link dev.lifecycle.core.Escalation#SHUTDOWN SHUTDOWN} has closed the
 * application context. The default calls {@link System#exit}; define a bean of this type to do something else (a
 * test records the status instead).
 *
 * @since 0.1
 */
@FunctionalInterface
public interface EscalationExit {

    /**
     * Ends the process.
     *
     * @param status the exit status, non-zero
     */
    void exit(int status);
}
