package dev.relay.cli.bench;

/**
 * What a benchmark run does: subject, message count and size, warm-up, and how many publishers,
 * subscribers and requests in flight. Immutable; thread-safe.
 *
 * <p>{@code new BenchSpec("bench.msgs", 1_000_000, 16, 200_000, 1, 1, 1)}
 *
 * @param subject subject published to (and subscribed to, or served)
 * @param msgs messages (or requests) in the timed section, in all publishers together
 * @param size payload size in bytes
 * @param warmup messages (or requests) sent before the timed section, same path, not timed
 * @param pubs publishers (each on its own connection) sharing {@code msgs}
 * @param subs subscribers (each on its own connection), each receiving every message
 * @param inflight requests kept in flight (1 = blocking requests one at a time)
 * @param batch messages per {@code Connection.batch} call (1 = plain {@code publish} per message)
 * @param inline whether subscribers use an inline dispatcher (handlers on the I/O thread)
 */
public record BenchSpec(String subject, long msgs, int size, long warmup, int pubs, int subs, int inflight,
                        int batch, boolean inline) {

    /** Checks the values. */
    public BenchSpec {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("subject: must not be blank");
        }
        if (msgs < 1) {
            throw new IllegalArgumentException("msgs: must be at least 1, got " + msgs);
        }
        if (size < 0) {
            throw new IllegalArgumentException("size: must not be negative, got " + size);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("warmup: must not be negative, got " + warmup);
        }
        if (pubs < 1) {
            throw new IllegalArgumentException("pubs: must be at least 1, got " + pubs);
        }
        if (subs < 0) {
            throw new IllegalArgumentException("subs: must not be negative, got " + subs);
        }
        if (inflight < 1) {
            throw new IllegalArgumentException("inflight: must be at least 1, got " + inflight);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch: must be at least 1, got " + batch);
        }
    }

    /**
     * A spec with plain publishing and subscribers on the default dispatcher.
     *
     * @param subject subject
     * @param msgs timed messages
     * @param size payload bytes
     * @param warmup warm-up messages
     * @param pubs publishers
     * @param subs subscribers
     * @param inflight requests in flight
     */
    public BenchSpec(String subject, long msgs, int size, long warmup, int pubs, int subs, int inflight) {
        this(subject, msgs, size, warmup, pubs, subs, inflight, 1, false);
    }

    /**
     * This spec publishing through {@code Connection.batch}.
     *
     * @param messagesPerBatch messages per batch call (1 = plain publish)
     * @return the new spec
     */
    public BenchSpec withBatch(int messagesPerBatch) {
        return new BenchSpec(subject, msgs, size, warmup, pubs, subs, inflight, messagesPerBatch, inline);
    }

    /**
     * This spec with subscribers on an inline dispatcher (or not).
     *
     * @param inlineDelivery whether handlers run on the I/O thread
     * @return the new spec
     */
    public BenchSpec withInline(boolean inlineDelivery) {
        return new BenchSpec(subject, msgs, size, warmup, pubs, subs, inflight, batch, inlineDelivery);
    }

    /**
     * A one-publisher spec, the shape the side-by-side cases use.
     *
     * @param subject subject
     * @param msgs timed messages
     * @param size payload bytes
     * @param warmup warm-up messages
     * @param subs subscribers (0 for publish only)
     * @param inflight requests in flight (1 unless a request case)
     * @return the spec
     */
    public static BenchSpec of(String subject, long msgs, int size, long warmup, int subs, int inflight) {
        return new BenchSpec(subject, msgs, size, warmup, 1, subs, inflight);
    }

    /**
     * The share of {@code total} that publisher {@code index} sends: equal parts, the remainder to the
     * first publishers.
     *
     * @param total messages in all
     * @param index publisher index, 0-based
     * @return its share
     */
    public long shareOf(long total, int index) {
        return total / pubs + (index < total % pubs ? 1 : 0);
    }
}
