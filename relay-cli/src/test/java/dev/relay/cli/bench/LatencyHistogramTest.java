package dev.relay.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The histogram's bucket arithmetic and percentiles. */
class LatencyHistogramTest {

    @Test
    void percentilesOfUniformValuesAreWithinOnePercent() {
        LatencyHistogram h = new LatencyHistogram();
        for (long v = 1; v <= 100_000; v++) {
            h.record(v * 1_000);
        }

        assertThat(h.count()).isEqualTo(100_000);
        assertThat(h.percentileNanos(50)).isCloseTo(50_000_000L, within(500_000L));
        assertThat(h.percentileNanos(99)).isCloseTo(99_000_000L, within(990_000L));
        assertThat(h.percentileMicros(99.9)).isCloseTo(99_900.0, within(999.0));
        assertThat(h.percentileNanos(100)).isCloseTo(100_000_000L, within(1_000_000L));
    }

    @Test
    void smallValuesAreExactAndBucketsCoverEveryLong() {
        for (long v = 0; v < 1024; v++) {
            assertThat(LatencyHistogram.index(v)).isGreaterThanOrEqualTo(LatencyHistogram.index(Math.max(0, v - 1)));
        }
        assertThat(LatencyHistogram.midpoint(LatencyHistogram.index(127))).isEqualTo(127);
        long max = Long.MAX_VALUE;
        assertThat(LatencyHistogram.midpoint(LatencyHistogram.index(max))).isCloseTo(max, within(max / 100));
        LatencyHistogram h = new LatencyHistogram();
        h.record(-5);
        h.record(max);
        assertThat(h.percentileNanos(50)).isZero();
    }

    @Test
    void emptyHistogramAnswersZero() {
        assertThat(new LatencyHistogram().percentileNanos(99)).isZero();
        assertThat(new LatencyHistogram().count()).isZero();
    }
}
