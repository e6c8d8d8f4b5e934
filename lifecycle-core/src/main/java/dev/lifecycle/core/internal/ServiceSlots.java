package dev.lifecycle.core.internal;

import java.util.Arrays;

/**
 * Every installed service holds a slot, a small number, from its installation to its removal (then the slot is
 * reused). What the walks over a service's dependents read and write for each dependent, its phase and how many of
 * its requirements are not RUNNING, is kept here in arrays indexed by slot rather than in the dependents' records:
 * start-all, stop-all and each completed start or stop go through the dependents of many services, and a few bytes
 * per service stay in the processor's caches where the records, far larger, do not. Links to dependents are slots
 * ({@link ServiceRecord#dependents}); {@link #record} gives the record when a dependent must be evaluated.
 *
 * <p>The phase here mirrors {@link ServiceRecord#phase()}, which stays the one read without the lock; both are written
 * together, by {@link #setPhase} alone. Guarded by the registry's lock.
 */
final class ServiceSlots {

    /** The slot of a service not installed (yet, or any more). */
    static final int NONE = -1;
    private static final int INITIAL_CAPACITY = 16;

    private ServiceRecord[] records = new ServiceRecord[INITIAL_CAPACITY];
    /** The phase of the service in each slot, as its ordinal. */
    private byte[] phases = new byte[INITIAL_CAPACITY];
    /** How many of the requirements of the service in each slot are not RUNNING, those not installed included. */
    private int[] requirementsNotRunning = new int[INITIAL_CAPACITY];
    /** Slots given up by removed services, to be reused first. */
    private int[] released = new int[0];
    private int releasedCount;
    /** Slots below this have been used. */
    private int used;

    /** Gives {@code c}, being installed, a slot; none of its requirements counts as RUNNING yet. */
    void add(ServiceRecord c) {
        int slot;
        if (releasedCount > 0) {
            slot = released[--releasedCount];
        } else {
            if (used == records.length) {
                int capacity = used * 2;
                records = Arrays.copyOf(records, capacity);
                phases = Arrays.copyOf(phases, capacity);
                requirementsNotRunning = Arrays.copyOf(requirementsNotRunning, capacity);
            }
            slot = used++;
        }
        records[slot] = c;
        phases[slot] = c.phaseOrdinal;
        requirementsNotRunning[slot] = c.requirementCount();
        c.slot = slot;
    }

    /** Frees the slot of {@code c}, removed, for the next service installed. */
    void release(ServiceRecord c) {
        int slot = c.slot;
        if (slot == NONE) {
            return;
        }
        records[slot] = null;
        c.slot = NONE;
        if (releasedCount == released.length) {
            released = Arrays.copyOf(released, Math.max(4, releasedCount * 2));
        }
        released[releasedCount++] = slot;
    }

    /** The service in {@code slot}. */
    ServiceRecord record(int slot) {
        return records[slot];
    }

    /** The phase of the service in {@code slot}. */
    Phase phase(int slot) {
        return Phase.of(phases[slot]);
    }

    /**
     * Moves {@code c} to {@code phase}: its record's {@link ServiceRecord#phase()}, read without the lock, and the copy
     * in its slot. The only way a phase is written.
     */
    void setPhase(ServiceRecord c, Phase phase) {
        byte ordinal = (byte) phase.ordinal();
        c.phaseOrdinal = ordinal;
        if (c.slot != NONE) {
            phases[c.slot] = ordinal;
        }
    }

    /** Whether every requirement of {@code c} is RUNNING. */
    boolean requirementsRunning(ServiceRecord c) {
        return c.slot != NONE && requirementsNotRunning[c.slot] == 0;
    }

    /**
     * A requirement of the service in {@code slot} is RUNNING now.
     *
     * @return whether it was the last one not RUNNING
     */
    boolean requirementUp(int slot) {
        return --requirementsNotRunning[slot] == 0;
    }

    /** A requirement of the service in {@code slot} is no longer RUNNING. */
    void requirementDown(int slot) {
        requirementsNotRunning[slot]++;
    }
}
