package dev.lifecycle.spring.leader;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;
import org.springframework.integration.support.locks.LockRegistry;

/**
 * A {@link LockRegistry} passing every call to another, that reports each successful acquisition of a lock (the
 * leader's renewal of its lock goes through {@code tryLock} too) with the lock's key: what {@link LeaderInitiators}
 * needs to know how long ago a leader last renewed its lock.
 */
final class RenewalRecordingLockRegistry implements LockRegistry<Lock> {

    private final LockRegistry<?> delegate;
    private final Consumer<String> acquired;

    RenewalRecordingLockRegistry(LockRegistry<?> delegate, Consumer<String> acquired) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.acquired = Objects.requireNonNull(acquired, "acquired");
    }

    @Override
    public Lock obtain(Object lockKey) {
        return new RecordingLock(delegate.obtain(lockKey), lockKey.toString());
    }

    @Override
    public String toString() {
        return delegate.toString();
    }

    /** A lock reporting each successful acquisition. */
    private final class RecordingLock implements Lock {

        private final Lock lock;
        private final String key;

        RecordingLock(Lock lock, String key) {
            this.lock = lock;
            this.key = key;
        }

        @Override
        public void lock() {
            lock.lock();
            acquired.accept(key);
        }

        @Override
        public void lockInterruptibly() throws InterruptedException {
            lock.lockInterruptibly();
            acquired.accept(key);
        }

        @Override
        public boolean tryLock() {
            return reported(lock.tryLock());
        }

        @Override
        public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
            return reported(lock.tryLock(time, unit));
        }

        @Override
        public void unlock() {
            lock.unlock();
        }

        @Override
        public Condition newCondition() {
            return lock.newCondition();
        }

        private boolean reported(boolean locked) {
            if (locked) {
                acquired.accept(key);
            }
            return locked;
        }
    }
}
