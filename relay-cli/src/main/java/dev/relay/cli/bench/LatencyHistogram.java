package dev.relay.cli.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Records latencies in nanoseconds into log-linear buckets (128 per power of two, so any percentile is
 * within 0.8 % of the true value) and answers percentiles; recording allocates nothing. Thread-safe:
 * completion callbacks of several threads may record at once.
 *
 * <pre>
 * value v &lt; 128            → bucket v                                 (exact)
 * value v with top bit b ≥ 7 → bucket (b - 6) * 128 + (v &gt;&gt;&gt; (b - 7)) - 128   (7 significant bits)
 * </pre>
 */
public final class LatencyHistogram {
    private static final int SUB_BITS = 7;
    private static final int SUB = 1 << SUB_BITS;
    private static final int BUCKETS = (63 - SUB_BITS + 1) * SUB;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    /** Creates an empty histogram. */
    public LatencyHistogram() {
    }

    /**
     * Records one latency.
     *
     * @param nanos the latency in nanoseconds; negative values count as 0
     */
    public void record(long nanos) {
        counts.incrementAndGet(index(Math.max(0, nanos)));
    }

    /**
     * Number of latencies recorded.
     *
     * @return the count
     */
    public long count() {
        long n = 0;
        for (int i = 0; i < BUCKETS; i++) {
            n += counts.get(i);
        }
        return n;
    }

    /**
     * The latency at a percentile: the smallest recorded value (bucket midpoint) that at least this
     * share of the recorded values does not exceed.
     *
     * @param percentile between 0 and 100, e.g. 99.9
     * @return the latency in nanoseconds, or 0 when nothing was recorded
     */
    public long percentileNanos(double percentile) {
        if (percentile < 0 || percentile > 100) {
            throw new IllegalArgumentException("percentile: must be within 0..100, got " + percentile);
        }
        long total = count();
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return midpoint(i);
            }
        }
        return midpoint(BUCKETS - 1);
    }

    /**
     * The latency at a percentile in microseconds.
     *
     * @param percentile between 0 and 100
     * @return the latency in microseconds, or 0 when nothing was recorded
     */
    public double percentileMicros(double percentile) {
        return percentileNanos(percentile) / 1_000.0;
    }

    static int index(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int top = 63 - Long.numberOfLeadingZeros(v);
        int shift = top - SUB_BITS;
        return (shift + 1) * SUB + (int) (v >>> shift) - SUB;
    }

    static long midpoint(int index) {
        if (index < SUB) {
            return index;
        }
        int shift = index / SUB - 1;
        long low = (long) (SUB + index % SUB) << shift;
        return low + ((1L << shift) >>> 1);
    }
}
