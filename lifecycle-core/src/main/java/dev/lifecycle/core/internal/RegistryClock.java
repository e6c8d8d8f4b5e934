package dev.lifecycle.core.internal;

import java.time.Clock;
import java.time.Instant;

/**
 * The registry's time, in nanoseconds since the epoch (the unit of every time the engine keeps): the injected
 * {@link Clock}, or, for the system clock, {@link System#nanoTime()} set to the clock's time at most once a second,
 * which is cheaper and never goes back between two calibrations.
 */
final class RegistryClock {

    /** How long {@link #nowNanos()} derives the system clock's time from {@link System#nanoTime()}. */
    private static final long CALIBRATION_NANOS = 1_000_000_000L;

    private final Clock clock;
    /** Whether {@link #clock} is the system clock (any zone). */
    private final boolean systemClock;
    private volatile long systemClockOffset;
    private volatile long calibratedAt;

    RegistryClock(Clock clock) {
        this.clock = clock;
        this.systemClock = clock.getClass() == Clock.systemUTC().getClass();
        this.calibratedAt = System.nanoTime();
        this.systemClockOffset = nanos(clock.instant()) - calibratedAt;
    }

    /** The clock's time in nanoseconds since the epoch. */
    long nowNanos() {
        if (!systemClock) {
            return nanos(clock.instant());
        }
        long nano = System.nanoTime();
        if (nano - calibratedAt > CALIBRATION_NANOS) {
            calibratedAt = nano;
            systemClockOffset = nanos(clock.instant()) - nano;
        }
        return nano + systemClockOffset;
    }

    Instant now() {
        return instant(nowNanos());
    }

    /** The instant of a time in nanoseconds since the epoch. */
    static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(0, epochNanos);
    }

    /** An instant in nanoseconds since the epoch. */
    static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
