package dev.relay.bench.e2e;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The side-by-side cases: what each runs, its full-size message and warm-up counts, and the rows it
 * contributes to the table with their targets (from the issue). Counts are scaled together by the
 * runner's {@code --msgs} (1,000,000 = these values). Immutable; thread-safe.
 */
enum BenchCase {
    PUB_16("pub16", "PUB 16 B", Kind.PUB, 16, 1_000_000, 200_000, 1,
        Row.rate("≥ 2.8×", 2.8)),
    PUB_16_BATCH("pub16batch", "PUB 16 B, Relay batch(…) of 1,000 (jnats: plain loop)", Kind.PUB_BATCH, 16,
        1_000_000, 200_000, 1000, Row.rate("", 0)),
    PUB_128("pub128", "PUB 128 B", Kind.PUB, 128, 1_000_000, 200_000, 1,
        Row.rate("≥ 2.2×", 2.2)),
    PUBSUB_16("pubsub16", "PUB+SUB 16 B", Kind.PUBSUB, 16, 1_000_000, 200_000, 1,
        Row.rate("≥ 2.0×", 2.0)),
    PUBSUB_16_INLINE("pubsub16inline", "PUB+SUB 16 B, Relay inline dispatcher (jnats: Dispatcher)",
        Kind.PUBSUB_INLINE, 16, 1_000_000, 200_000, 1, Row.rate("", 0)),
    PUBSUB_128("pubsub128", "PUB+SUB 128 B", Kind.PUBSUB, 128, 1_000_000, 200_000, 1,
        Row.rate("≥ 1.7×", 1.7)),
    REQ_64("req64", "REQ ×64 in flight 16 B", Kind.REQ_INFLIGHT, 16, 300_000, 100_000, 64,
        Row.rate("≥ 2.0×", 2.0), Row.latency(Metric.P50, "", 0), Row.latency(Metric.P99, "", 0)),
    REQ_SEQ("reqseq", "REQ sequential 16 B", Kind.REQ_SEQUENTIAL, 16, 30_000, 10_000, 1,
        Row.rate("", 0), Row.latency(Metric.P50, "≤ 0.8×", 0.8), Row.latency(Metric.P99, "≤ 0.35×", 0.35)),
    REQ_VIRTUAL("reqvt", "REQ sequential 16 B, 1,000 virtual threads", Kind.REQ_VIRTUAL, 16, 100_000, 20_000, 1000,
        Row.rate("", 0), Row.latency(Metric.P50, "", 0), Row.latency(Metric.P99, "", 0)),
    SCALE("scale", "scale: 1,000 connections × 1 subscription", Kind.SCALE, 16, 1000, 10, 1);

    /** What a case runs. */
    enum Kind { PUB, PUB_BATCH, PUBSUB, PUBSUB_INLINE, REQ_INFLIGHT, REQ_SEQUENTIAL, REQ_VIRTUAL, SCALE }

    /** What a table row shows. */
    enum Metric {
        RATE("msgs/s", "msgs_per_s"), P50("p50 latency µs", "p50_us"), P99("p99 latency µs", "p99_us");

        final String label;
        final String key;

        Metric(String label, String key) {
            this.label = label;
            this.key = key;
        }
    }

    /**
     * One table row of a case.
     *
     * @param metric what is shown
     * @param target the target as text, or empty
     * @param bound the target ratio (minimum for rates, maximum for latencies), or 0 for none
     */
    record Row(Metric metric, String target, double bound) {
        static Row rate(String target, double min) {
            return new Row(Metric.RATE, target, min);
        }

        static Row latency(Metric metric, String target, double max) {
            return new Row(metric, target, max);
        }

        boolean higherIsBetter() {
            return metric == Metric.RATE;
        }
    }

    final String id;
    final String label;
    final Kind kind;
    final int size;
    /** Timed messages at full size; for {@link Kind#SCALE} the number of connections. */
    final long msgs;
    /** Warm-up messages at full size; for {@link Kind#SCALE} the messages each connection receives. */
    final long warmup;
    /** Requests in flight, virtual threads for {@link Kind#REQ_VIRTUAL}, messages per batch for {@link Kind#PUB_BATCH}. */
    final int concurrency;
    final List<Row> rows;

    BenchCase(String id, String label, Kind kind, int size, long msgs, long warmup, int concurrency, Row... rows) {
        this.id = id;
        this.label = label;
        this.kind = kind;
        this.size = size;
        this.msgs = msgs;
        this.warmup = warmup;
        this.concurrency = concurrency;
        this.rows = List.of(rows);
    }

    /** Timed messages for a run scaled to {@code msgs} (1,000,000 = full size); at least 1. */
    long msgsFor(long scaleMsgs) {
        return kind == Kind.SCALE ? msgs : Math.max(1, msgs * scaleMsgs / 1_000_000);
    }

    /** Warm-up messages for a run scaled to {@code msgs}. */
    long warmupFor(long scaleMsgs) {
        return warmupFor(scaleMsgs, 1);
    }

    /**
     * Warm-up messages for a run scaled to {@code msgs}, multiplied by {@code factor} (the scale case's
     * warm-up is a connection count and is never multiplied).
     */
    long warmupFor(long scaleMsgs, int factor) {
        return kind == Kind.SCALE ? warmup : warmup * scaleMsgs / 1_000_000 * factor;
    }

    /**
     * Finds a case by id.
     *
     * @param id e.g. {@code pub16}
     * @return the case
     * @throws IllegalArgumentException naming the known ids
     */
    static BenchCase byId(String id) {
        for (BenchCase c : values()) {
            if (c.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown case '" + id + "'; known: " + ids());
    }

    /** Every case id, comma-separated. */
    static String ids() {
        return Arrays.stream(values()).map(c -> c.id).collect(Collectors.joining(","));
    }
}
