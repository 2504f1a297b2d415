package dev.relay.testkit;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The mode of a {@link FaultProxy} and the wait every pump does before forwarding a chunk: go at
 * once (pass), wait until the mode changes (stall), or wait until the chunk is old enough (delay).
 * Thread-safe: mode changes and waits share one lock and condition, so a waiting pump holds its
 * chunk without spinning and wakes on every mode change, {@link #wakeAll()} and {@link #close()}.
 */
final class FaultGate {

    /** Returned by {@link #waitNanos} when only a mode change can release the chunk. */
    static final long UNTIL_CHANGED = -1;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final LongSupplier nanoClock;
    private volatile FaultProxy.Mode mode = FaultProxy.Mode.PASS;
    private volatile long delayNanos;
    private volatile boolean closed;

    FaultGate(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * How long a chunk read at {@code readAtNanos} must still wait at {@code nowNanos}: 0 to forward
     * now, {@link #UNTIL_CHANGED} to wait for a mode change, or a positive number of nanoseconds.
     * Pure. In delay mode the latency counts from the read, so time already spent stalled counts.
     */
    static long waitNanos(FaultProxy.Mode mode, long delayNanos, long readAtNanos, long nowNanos) {
        return switch (mode) {
            case PASS -> 0;
            case STALL -> UNTIL_CHANGED;
            case DELAY -> Math.max(0, readAtNanos + delayNanos - nowNanos);
        };
    }

    /** Sets the mode (and the per-chunk delay for {@link FaultProxy.Mode#DELAY}) and wakes every pump. */
    void set(FaultProxy.Mode newMode, long newDelayNanos) {
        lock.lock();
        try {
            delayNanos = newDelayNanos;
            mode = newMode;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    FaultProxy.Mode mode() {
        return mode;
    }

    long delayNanos() {
        return delayNanos;
    }

    /** Wakes every waiting pump so it re-checks whether its link was closed. */
    void wakeAll() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Releases every waiting pump for good: from now on {@link #awaitForward} returns false. */
    void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Blocks until a chunk read at {@code readAtNanos} may be forwarded.
     *
     * @param abandoned true once the chunk's link is closed
     * @return true to forward, false if the gate or the link was closed (or the thread interrupted)
     */
    boolean awaitForward(long readAtNanos, BooleanSupplier abandoned) {
        if (mode == FaultProxy.Mode.PASS && !closed && !abandoned.getAsBoolean()) {
            return true; // common case without the lock
        }
        lock.lock();
        try {
            while (true) {
                if (closed || abandoned.getAsBoolean()) {
                    return false;
                }
                long waitNanos = waitNanos(mode, delayNanos, readAtNanos, nanoClock.getAsLong());
                if (waitNanos == 0) {
                    return true;
                }
                if (waitNanos == UNTIL_CHANGED) {
                    changed.await();
                } else {
                    changed.await(waitNanos, TimeUnit.NANOSECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }
}
