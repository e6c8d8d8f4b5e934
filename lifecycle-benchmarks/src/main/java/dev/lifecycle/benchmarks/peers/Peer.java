package dev.lifecycle.benchmarks.peers;

import dev.lifecycle.benchmarks.Dag;
import dev.lifecycle.benchmarks.Probe;
import dev.lifecycle.benchmarks.StartWork;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A lifecycle engine the benchmarks compare: builds a fresh container of a graph's services for each measured run.
 */
public interface Peer {

    /** The id used on the command line, e.g. {@code jboss-msc}. */
    String id();

    /** What it is, with the exact version, e.g. {@code jboss-msc 1.5.6.Final}. */
    String title();

    /**
     * Whether it is asked to honour dependency order: {@code false} only for a reference that has no notion of
     * dependencies, whose violations are then counted but not a failure.
     */
    default boolean declaresDependencies() {
        return true;
    }

    /** Whether it can run starts of this kind; every kind unless it says otherwise. */
    default boolean supports(StartWork work) {
        return true;
    }

    /** Whether it can fail one service and restart it with its dependents (workload W3); yes unless it says otherwise. */
    default boolean cascades() {
        return true;
    }

    /**
     * A new, empty container for {@code dag}'s services; nothing is installed or started yet.
     *
     * @param dag the graph
     * @param probe what every service reports its starts and stops to
     * @param work what each start does
     * @param timer the timer asynchronous starts complete from
     * @return the container
     */
    PeerInstance create(Dag dag, Probe probe, StartWork work, ScheduledExecutorService timer);
}
