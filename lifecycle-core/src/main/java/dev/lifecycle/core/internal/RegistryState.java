package dev.lifecycle.core.internal;

import dev.lifecycle.core.AbandonedStart;
import dev.lifecycle.core.ServiceRegistry;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * What a registry knows besides each service's own record: the services by id and in installation order, the ids
 * waited for, wanted and awaited before they are installed, the registry-wide flags and counters. Every field that
 * is neither final nor volatile is guarded by the registry's lock ({@link ChangeLoop#lock}).
 */
final class RegistryState {

    /** Reads {@link #inFlight} without the lock. */
    private static final VarHandle IN_FLIGHT;

    static {
        try {
            IN_FLIGHT = MethodHandles.lookup().findVarHandle(RegistryState.class, "inFlight", int.class);
        } catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /** Installed services by id; written under the lock, read without it by handles. */
    final ServiceTable services = new ServiceTable();
    /** Installed services by slot, with the state the walks over dependents read (see {@link ServiceSlots}). */
    final ServiceSlots slots = new ServiceSlots();
    /**
     * The first and last installed services of a list in installation order, linked through the records, so that
     * start-all and stop-all go through them in (reverse) dependency order as far as it is known, which keeps the
     * traversals short and the memory accesses close.
     */
    @Nullable ServiceRecord firstInstalled;
    @Nullable ServiceRecord lastInstalled;
    /** Missing requirement id to the installed services that require it. */
    final Map<String, List<ServiceRecord>> waitingFor = new HashMap<>();
    /** Id to the services that want it (optional ordering). */
    final Map<String, List<ServiceRecord>> wantedBy = new HashMap<>();
    /** Awaiters of services not installed yet, by id. */
    final Map<String, List<CompletableFuture<@Nullable Object>>> pendingAwaiters = new HashMap<>();
    /** The ids of services removed and not installed again, so that a call naming one can say so. */
    final Set<String> removedIds = new HashSet<>();
    /**
     * The ids of removed services whose abandoned start has not returned, with how many: a service installed again
     * under such an id does not start until they have, so two instances of one id never run at once.
     */
    final Map<String, Integer> abandonedStarts = new HashMap<>();
    /**
     * The starts abandoned at their start timeout that have not returned yet (or whose value is being stopped), by
     * service, removed ones included: what snapshots show of them. Rare: empty nearly always.
     */
    final Map<ServiceRecord, AbandonedStart> abandoned = new java.util.IdentityHashMap<>();

    /** {@link ServiceRegistry#startAll()} was called, and no stop-all since. */
    boolean started;
    /** {@link ServiceRegistry#stopAll()} was called: nothing starts or schedules a restart. */
    boolean shuttingDown;
    /** Written under the lock; read without it by the checks that refuse operations at once. */
    volatile boolean closed;
    /**
     * User-code runs (starts, stops) whose outcome the registry still waits for. Written under the lock (plain
     * writes: a fence per start and stop would cost more than the hint is worth); {@link #inFlightHint()} reads it
     * without the lock.
     */
    int inFlight;
    int scheduledRestarts;
    int runningCount;
    int installSequence;
    private int markEpoch;
    private int runNumbers;
    /** The futures waiting for nothing to be in flight. */
    final List<SettleWaiter> settleWaiters = new ArrayList<>();
    @Nullable CompletableFuture<@Nullable Void> startAllFuture;
    @Nullable Instant startAllBegan;
    /** {@link #startAllBegan} in clock nanos: what the start-up report's times count from. */
    long startAllBeganNanos;
    @Nullable Instant startAllEnded;
    /** The start-up report records the first start of each service after start-all. */
    boolean recordingStartup;
    boolean hasHealthChecks;
    /** Whether an on-demand service was ever installed: until then, demand is never computed. */
    boolean hasOnDemand;
    /** Whether a leader-only service was ever installed: until then, no view looks at leadership. */
    boolean hasLeaderOnly;
    /** The next round of health checks, while one is due. */
    @Nullable DeferredTimer healthTimer;

    /**
     * The number of a new run (see {@link ServiceRecord#runNumber}); under the lock. Numbers wrap after 2<sup>32</sup>
     * runs: a late run would be taken for the current one only if it outlived four billion others.
     */
    int nextRunNumber() {
        int number = ++runNumbers;
        return number != ServiceRecord.NO_RUN ? number : ++runNumbers;
    }

    /** How many runs are in flight, read without the lock: a hint. */
    int inFlightHint() {
        return (int) IN_FLIGHT.getOpaque(this);
    }

    /** Appends an installed service to the installation order. */
    void addInstalled(ServiceRecord c) {
        c.previousInstalled = lastInstalled;
        if (lastInstalled == null) {
            firstInstalled = c;
        } else {
            lastInstalled.nextInstalled = c;
        }
        lastInstalled = c;
    }

    /** Takes a removed service out of the installation order. */
    void removeInstalled(ServiceRecord c) {
        ServiceRecord previous = c.previousInstalled;
        ServiceRecord next = c.nextInstalled;
        if (previous == null) {
            firstInstalled = next;
        } else {
            previous.nextInstalled = next;
        }
        if (next == null) {
            lastInstalled = previous;
        } else {
            next.previousInstalled = previous;
        }
        c.previousInstalled = null;
        c.nextInstalled = null;
    }

    /** The ids of the installed services, in installation order: what an error about an unknown id suggests from. */
    List<String> installedIds() {
        List<String> ids = new ArrayList<>(services.size());
        for (ServiceRecord c = firstInstalled; c != null; c = c.nextInstalled) {
            ids.add(c.id);
        }
        return ids;
    }

    /** A new mark for one traversal of the graph (see {@link ServiceRecord#mark}). */
    int nextMark() {
        return ++markEpoch;
    }
}
