package dev.lifecycle.benchmarks.peers;

import dev.lifecycle.benchmarks.Dag;
import dev.lifecycle.benchmarks.Probe;
import dev.lifecycle.benchmarks.StartWork;
import java.util.concurrent.ScheduledExecutorService;

/** What every peer's container is built from: the graph, the probe, the kind of start and the timer. */
abstract class PeerRun implements PeerInstance {

    final Dag dag;
    final Probe probe;
    final StartWork work;
    final ScheduledExecutorService timer;

    PeerRun(Dag dag, Probe probe, StartWork work, ScheduledExecutorService timer) {
        this.dag = dag;
        this.probe = probe;
        this.work = work;
        this.timer = timer;
    }
}
