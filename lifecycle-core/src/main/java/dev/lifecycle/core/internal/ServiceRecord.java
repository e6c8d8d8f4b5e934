package dev.lifecycle.core.internal;

import dev.lifecycle.core.FailureInfo;
import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceHealth;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.TransitionReason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The engine's record of one installed service. Every non-final, non-volatile field is guarded by the registry's
 * lock ({@link ChangeLoop#lock}); the volatile ones are written under it and read without it.
 */
final class ServiceRecord {

    /** An unset time, in the fields holding clock nanos ({@link RegistryClock#nowNanos()}). */
    static final long UNSET = Long.MIN_VALUE;
    /** Marks "no value published" in {@link #value}; {@code null} is a legitimate value of a Void service. */
    static final Object NO_VALUE = new Object();
    /** A duration not measured yet, in {@link #startDuration} and {@link #stopDuration}. */
    static final long UNKNOWN_DURATION = -1;
    /** The detail of an operator's restart. */
    static final String RESTARTING = "restarting";
    private static final ServiceRecord[] NONE = new ServiceRecord[0];
    static final String[] NO_IDS = new String[0];

    final ServiceKey<?> key;
    final String id;
    /** The hash of {@link #id} as the {@link ServiceTable} uses it. */
    final int idHash;
    final Service<Object> service;
    /** The ids of its hard requirements, without duplicates. */
    final String[] requiredIds;
    /**
     * The type each requirement's value must have ({@code null} for a {@code dependsOn} requirement, which reads no
     * value), or {@code null} when none has one: most services only order themselves after others.
     */
    final @Nullable Class<?> @Nullable [] requiredTypes;
    /** The record each of {@link #requiredIds} resolves to, {@code null} while it is not installed. */
    final @Nullable ServiceRecord[] resolved;
    final String[] wants;
    /** Timeouts, restart policy and health check: the registry's shared defaults unless the definition set some. */
    final ServiceSettings settings;
    /** Whether the service's type is {@code Void} (it publishes no value); kept here to spare a look at its key. */
    final boolean isVoid;

    /** Hard dependents (services with this one in their {@link #resolved}), the first {@link #dependentCount}. */
    ServiceRecord[] dependents = NONE;
    int dependentCount;

    volatile Phase phase = Phase.INSTALLED;
    /** The published value, or {@link #NO_VALUE}. Readable from handles without the lock. */
    volatile @Nullable Object value = NO_VALUE;

    TransitionReason reason = TransitionReason.STARTUP;
    /** When it entered its phase, in clock nanos. Times are kept as longs: a service costs less heap. */
    long since;
    /** The reason the next start will carry. */
    TransitionReason startReason = TransitionReason.STARTUP;
    @Nullable String detail;

    /** How many of {@link #resolved} are RUNNING. */
    int runningRequirements;
    /** How many hard dependents are in an active phase (their user code may use this service). */
    int activeDependents;

    // What the service should do: derived into "run" or "stop" by the {@link Evaluator}.
    boolean operatorStopped;
    boolean restartRequested;
    /** Why the requested restart happens, and the detail its transitions carry: an operator's, or configuration. */
    TransitionReason restartReason = TransitionReason.OPERATOR;
    String restartDetail = RESTARTING;
    boolean removing;
    /** The failure that is stopping (or will stop) the current cycle; consumed when the service lands. */
    @Nullable Throwable pendingFailure;
    /** When {@link #pendingFailure} was reported, in clock nanos: the time its failure record carries. */
    long pendingFailureAt;

    /** Bumped at each start; completions and timers of older cycles are ignored. */
    int generation;
    /**
     * The engine cancelled the start in flight because the service must stop (an operator's stop, restart or remove,
     * a requirement leaving RUNNING, the registry stopping): its failure is a stop, not a failure.
     */
    boolean startCancelled;
    /** The user's start of some cycle has not returned yet; no new start may begin until it has. */
    boolean startCallInFlight;
    /**
     * The user code currently running for this service (start, or stop and join), to cancel on timeout; it also
     * holds when that code began and its deadline.
     */
    @Nullable ServiceRun currentRun;
    /** Whether the current cycle's start or stop is counted in {@link RegistryState#inFlight}. */
    boolean countedInFlight;

    /** Its restart history, from its first failure on: most services never fail, and keep none. */
    @Nullable RestartHistory supervision;
    long runningSince = UNSET;
    /** The idle timer of an on-demand service no dependent needs, while it runs on (see {@link Demand}). */
    @Nullable DeferredTimer idleTimer;
    /** An on-demand service's idle delay ran out while no dependent needed it: it stops. */
    boolean idleOver;
    /** Gave up (intensity) or may not restart (policy never): stays FAILED until started by hand. */
    boolean gaveUp;
    int restarts;
    @Nullable FailureInfo lastFailure;

    // Timings.
    /** How long the last one took, in nanos, or {@link #UNKNOWN_DURATION}. */
    long startDuration = UNKNOWN_DURATION;
    /** How long the last one took, in nanos, or {@link #UNKNOWN_DURATION}. */
    long stopDuration = UNKNOWN_DURATION;
    /** The start-up report's record of the first start cycle after {@link ServiceRegistry#startAll()}. */
    long reportStart = UNSET;
    long reportReady = UNSET;

    // Health.
    ServiceHealth health = ServiceHealth.UNKNOWN;
    int unhealthyStreak;
    boolean healthCheckInFlight;

    @Nullable List<CompletableFuture<@Nullable Object>> awaiters;
    @Nullable CompletableFuture<@Nullable Void> removal;
    /** Installation order. */
    long sequence;
    /** Neighbours in the list of services in installation order (see {@link RegistryState#firstInstalled}). */
    @Nullable ServiceRecord previousInstalled;
    @Nullable ServiceRecord nextInstalled;
    /** Marks visits during one traversal of the graph (see {@link RegistryState#nextMark()}). */
    int mark;

    @SuppressWarnings("unchecked")
    ServiceRecord(ServiceKey<?> key, String id, Service<?> service, String[] requiredIds,
            @Nullable Class<?> @Nullable [] requiredTypes, String[] wants, ServiceSettings settings, long now) {
        this.key = key;
        this.id = id;
        this.idHash = ServiceTable.spread(id.hashCode());
        this.service = (Service<Object>) service;
        this.requiredIds = requiredIds;
        this.requiredTypes = requiredTypes;
        this.resolved = new ServiceRecord[requiredIds.length];
        this.wants = wants;
        this.settings = settings;
        this.isVoid = key.type() == Void.class;
        this.since = now;
    }

    boolean isVoid() {
        return isVoid;
    }

    boolean requirementsRunning() {
        return runningRequirements == requiredIds.length;
    }

    /** The type requirement {@code i} reads, or {@code null} if it reads no value. */
    @Nullable Class<?> requiredType(int i) {
        return requiredTypes == null ? null : requiredTypes[i];
    }

    /** The restart history, created at the first failure. */
    RestartHistory supervision() {
        RestartHistory s = supervision;
        if (s == null) {
            s = new RestartHistory();
            supervision = s;
        }
        return s;
    }

    /** Whether a restart is scheduled. */
    boolean restartScheduled() {
        return supervision != null && supervision.restartTimer != null;
    }

    void addDependent(ServiceRecord dependent) {
        if (dependentCount == dependents.length) {
            dependents = Arrays.copyOf(dependents, Math.max(2, dependentCount * 2));
        }
        dependents[dependentCount++] = dependent;
    }

    void removeDependent(ServiceRecord dependent) {
        for (int i = 0; i < dependentCount; i++) {
            if (dependents[i] == dependent) {
                System.arraycopy(dependents, i + 1, dependents, i, dependentCount - i - 1);
                dependents[--dependentCount] = null;
                return;
            }
        }
    }

    List<String> dependentIds() {
        List<String> ids = new ArrayList<>(dependentCount);
        for (int i = 0; i < dependentCount; i++) {
            ids.add(dependents[i].id);
        }
        return ids;
    }

    @Override
    public String toString() {
        return id + "[" + phase + "]";
    }
}
