package dev.relay.cli.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How far a running benchmark has got, for a progress bar: workloads add in steps of
 * {@link #STEP} operations (never per message), a display thread reads. Thread-safe.
 */
public final class Progress {

    /** Workloads report every this many operations; a power of two so the check is one mask. */
    public static final int STEP = 1024;
    /** {@code (i & MASK) == 0} marks every {@link #STEP}-th operation. */
    public static final long MASK = STEP - 1;

    private final AtomicLong done = new AtomicLong();
    private final long total;

    /**
     * Creates a tracker.
     *
     * @param total operations expected in all (warm-up included), or 0 when unknown
     */
    public Progress(long total) {
        this.total = total;
    }

    /**
     * A tracker nobody reads, for runs without a display.
     *
     * @return a fresh tracker with an unknown total
     */
    public static Progress none() {
        return new Progress(0);
    }

    /** Adds one {@link #STEP} of operations. */
    public void step() {
        done.addAndGet(STEP);
    }

    /**
     * Adds operations done in one go (e.g. a whole batch).
     *
     * @param n operations
     */
    public void add(long n) {
        done.addAndGet(n);
    }

    /**
     * Operations done so far, in whole steps.
     *
     * @return the count
     */
    public long done() {
        return done.get();
    }

    /**
     * Operations expected in all.
     *
     * @return the total, or 0 when unknown
     */
    public long total() {
        return total;
    }
}
