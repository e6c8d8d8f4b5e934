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
    /** What {@link #publishedValue()} returns while no value is published; {@code null} is a Void service's value. */
    static final Object NO_VALUE = new Object();
    /** Stands in {@link #value} for the {@code null} a Void service publishes; {@code null} there means no value. */
    private static final Object NULL_VALUE = new Object();
    /** No run in flight, in {@link #runNumber}. */
    static final int NO_RUN = 0;
    /** A duration not measured yet, in {@link #startMicros} and {@link #stopMicros}. */
    static final int UNKNOWN_DURATION = -1;
    /** A time the start-up report has not recorded (see {@link #reportStartMicros}). */
    static final int NOT_REPORTED = -1;
    private static final int[] NO_DEPENDENTS = new int[0];
    private static final Object[] NO_REQUIREMENTS = new Object[0];
    static final String[] NO_IDS = new String[0];
    private static final TransitionReason[] REASONS = TransitionReason.values();

    final ServiceKey<?> key;
    final String id;
    /** The hash of {@link #id} as the {@link ServiceTable} uses it. */
    final int idHash;
    final Service<Object> service;
    /**
     * Its hard requirements, without duplicates, in the order declared: each is the record it resolves to while that
     * service is installed, and its id while it is not. One array for both halves of a requirement, so that a service
     * costs less heap; read through {@link #requirement(int)} and {@link #requirementId(int)}.
     */
    private final Object[] requirements;
    /**
     * The type each requirement's value must have ({@code null} for a {@code dependsOn} requirement, which reads no
     * value), or {@code null} when none has one: most services only order themselves after others.
     */
    final @Nullable Class<?> @Nullable [] requiredTypes;
    final String[] wants;
    /** Timeouts, restart policy and health check: the registry's shared defaults unless the definition set some. */
    final ServiceSettings settings;

    /**
     * Its slot while it is installed ({@link ServiceSlots}), or {@link ServiceSlots#NONE}: where the state its
     * requirements' walks over their dependents read is kept.
     */
    int slot = ServiceSlots.NONE;
    /** The slots of its hard dependents (services that require this one), the first {@link #dependentCount}. */
    int[] dependents = NO_DEPENDENTS;
    int dependentCount;

    /**
     * Its phase, as the ordinal of a {@link Phase}: read through {@link #phase()}, written by
     * {@link ServiceSlots#setPhase} alone. A number rather than a reference to the constant: a transition then stores
     * no reference into the record, which with G1 on Java 17 costs a card to refine per store (at stop-all, several
     * per service) while the workers need the cores.
     */
    volatile byte phaseOrdinal = (byte) Phase.INSTALLED.ordinal();
    /**
     * The published value ({@link #NULL_VALUE} for a Void service's), or {@code null} while none is: written through
     * {@link #publish} and {@link #unpublish}, read from handles without the lock through {@link #publishedValue}.
     * Withdrawing a value stores {@code null}, which G1's write barrier lets through without dirtying a card.
     */
    private volatile @Nullable Object value;

    /** Why it entered its phase, as the ordinal of a {@link TransitionReason} (see {@link #reason()}). */
    private byte reasonOrdinal = (byte) TransitionReason.STARTUP.ordinal();
    /** When it entered its phase, in clock nanos. Times are kept as longs: a service costs less heap. */
    long since;
    /** Why the next start cycle happens: the reason and detail its WAITING, STARTING and RUNNING transitions carry. */
    StartCause startCause = StartCause.of(TransitionReason.STARTUP);

    /** How many hard dependents are in an active phase (their user code may use this service). */
    int activeDependents;

    // What the service should do: derived into "run" or "stop" by the {@link Evaluator}.
    boolean operatorStopped;
    /** A restart asked for while the service is up, if any: it stops and starts again. */
    @Nullable RestartRequest restart;
    boolean removing;
    /** The failure that is stopping (or will stop) the current cycle; consumed when the service lands. */
    @Nullable Throwable pendingFailure;

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
     * The number of the run in flight for this service (its start, or its stop and join), or {@link #NO_RUN}: an
     * outcome or a timeout of any other run is late, and ignored. A number rather than a reference to the run, so that
     * dispatching a stop stores no reference into the record (see {@link #phaseOrdinal}).
     */
    int runNumber = NO_RUN;
    /** The start in flight, while one is: what a stop, a restart or a failure during the start cancels. */
    @Nullable ServiceRun currentStart;
    /** Whether the current cycle's start or stop is counted in {@link RegistryState#inFlight}. */
    boolean countedInFlight;

    /** Its restart history, from its first failure on: most services never fail, and keep none. */
    @Nullable RestartHistory supervision;
    /** The idle timer of an on-demand service no dependent needs, while it runs on (see {@link Demand}). */
    @Nullable DeferredTimer idleTimer;
    /** An on-demand service's idle delay ran out while no dependent needed it: it stops. */
    boolean idleOver;
    /** Gave up (intensity) or may not restart (policy never): stays FAILED until started by hand. */
    boolean gaveUp;
    int restarts;
    @Nullable FailureInfo lastFailure;

    // Timings, in microseconds (see micros): a service costs less heap than with longs of nanos.
    /** How long the last start took, or {@link #UNKNOWN_DURATION}. */
    int startMicros = UNKNOWN_DURATION;
    /** How long the last stop took, or {@link #UNKNOWN_DURATION}. */
    int stopMicros = UNKNOWN_DURATION;
    /**
     * The start-up report's record of the first start cycle after {@link ServiceRegistry#startAll()}: when it began
     * and when the service was RUNNING, since start-all began, or {@link #NOT_REPORTED}.
     */
    int reportStartMicros = NOT_REPORTED;
    int reportReadyMicros = NOT_REPORTED;

    /** The health of a service with a health check; {@code null} for the others. */
    final @Nullable HealthCheckState healthState;

    @Nullable List<CompletableFuture<@Nullable Object>> awaiters;
    @Nullable CompletableFuture<@Nullable Void> removal;
    /** Installation order. */
    int sequence;
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
        this.requirements = requiredIds.length == 0 ? NO_REQUIREMENTS : Arrays.copyOf(requiredIds, requiredIds.length,
                Object[].class);
        this.requiredTypes = requiredTypes;
        this.wants = wants;
        this.settings = settings;
        this.healthState = settings.healthCheck != null ? new HealthCheckState() : null;
        this.since = now;
    }

    /** Its phase; read without the lock. */
    Phase phase() {
        return Phase.of(phaseOrdinal);
    }

    /** Why it entered its phase. */
    TransitionReason reason() {
        return REASONS[reasonOrdinal];
    }

    /** It enters its phase for {@code reason}; set with the phase, by {@link Transitions#setPhase}. */
    void reason(TransitionReason reason) {
        reasonOrdinal = (byte) reason.ordinal();
    }

    /** Publishes {@code published} as its value: the service is RUNNING. */
    void publish(@Nullable Object published) {
        value = published == null ? NULL_VALUE : published;
    }

    /** Withdraws its value: its stop is about to run. */
    void unpublish() {
        value = null;
    }

    /** Its value, read without the lock in one read, or {@link #NO_VALUE} while none is published. */
    @Nullable Object publishedValue() {
        Object published = value;
        return published == null ? NO_VALUE : published == NULL_VALUE ? null : published;
    }

    /** Whether {@code run}, one of its own, is the run in flight rather than a late one. */
    boolean isCurrent(ServiceRun run) {
        return runNumber == run.number;
    }

    /** Whether the service's type is {@code Void}: it publishes no value. */
    boolean isVoid() {
        return key.type() == Void.class;
    }

    /** Nanoseconds as whole microseconds, at most {@link Integer#MAX_VALUE} (about 35 minutes). */
    static int micros(long nanos) {
        return nanos <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, nanos / 1_000);
    }

    /** How many hard requirements it has. */
    int requirementCount() {
        return requirements.length;
    }

    /** The id of requirement {@code i}. */
    String requirementId(int i) {
        Object r = requirements[i];
        return r instanceof ServiceRecord record ? record.id : (String) r;
    }

    /** The installed service requirement {@code i} resolves to, or {@code null} while it is not installed. */
    @Nullable ServiceRecord requirement(int i) {
        return requirements[i] instanceof ServiceRecord record ? record : null;
    }

    /** Requirement {@code i} is installed: it is {@code r}. */
    void resolve(int i, ServiceRecord r) {
        requirements[i] = r;
    }

    /** Requirement {@code i} was removed: only its id is left. */
    void unresolve(int i) {
        requirements[i] = requirementId(i);
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
        dependents[dependentCount++] = dependent.slot;
    }

    void removeDependent(ServiceRecord dependent) {
        for (int i = 0; i < dependentCount; i++) {
            if (dependents[i] == dependent.slot) {
                System.arraycopy(dependents, i + 1, dependents, i, dependentCount - i - 1);
                dependentCount--;
                return;
            }
        }
    }

    /** Forgets its dependents: it is removed. */
    void clearDependents() {
        dependents = NO_DEPENDENTS;
        dependentCount = 0;
    }

    /** Its dependent {@code i}. */
    ServiceRecord dependent(int i, ServiceSlots slots) {
        return slots.record(dependents[i]);
    }

    List<String> dependentIds(ServiceSlots slots) {
        List<String> ids = new ArrayList<>(dependentCount);
        for (int i = 0; i < dependentCount; i++) {
            ids.add(dependent(i, slots).id);
        }
        return ids;
    }

    @Override
    public String toString() {
        return id + "[" + phase() + "]";
    }
}
