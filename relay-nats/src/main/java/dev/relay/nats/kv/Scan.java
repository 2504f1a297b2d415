package dev.relay.nats.kv;

import dev.relay.nats.Durations;
import dev.relay.nats.NatsTimeoutException;
import dev.relay.nats.jetstream.ConsumerConfig;
import dev.relay.nats.jetstream.DeliverPolicy;
import dev.relay.nats.jetstream.JetStream;
import dev.relay.nats.jetstream.MessageNotFoundException;
import dev.relay.nats.jetstream.OrderedConsumer;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Reads what a bucket holds now under one subject filter, in stream order, through an ordered consumer,
 * one entry at a time: it ends when the server reports nothing more pending, so a listing never holds
 * more than one entry. Used by {@code keys}, {@code history} and {@code purgeDeletes}; confined to the
 * thread that iterates it.
 */
final class Scan implements Iterator<KeyValueEntry>, AutoCloseable {
    private final String bucket;
    private final OrderedConsumer consumer;
    private final Duration wait;
    private KeyValueEntry next;
    private boolean done;

    private Scan(String bucket, OrderedConsumer consumer, Duration wait) {
        this.bucket = bucket;
        this.consumer = consumer;
        this.wait = wait;
        this.done = consumer == null;
    }

    /**
     * Opens a scan; nothing is created on the server when no message matches.
     *
     * @param lastPerSubject only the latest revision of each key, else every revision
     * @param headersOnly leave the values out
     */
    static Scan open(JetStream js, String bucket, String filterSubject, boolean lastPerSubject, boolean headersOnly,
                     Duration wait) {
        String stream = Keys.STREAM_PREFIX + bucket;
        if (!anyMatch(js, stream, filterSubject)) {
            return new Scan(bucket, null, wait);
        }
        ConsumerConfig cfg = ConsumerConfig.builder().filterSubject(filterSubject).headersOnly(headersOnly)
            .deliverPolicy(lastPerSubject ? DeliverPolicy.LAST_PER_SUBJECT : DeliverPolicy.ALL).build();
        return new Scan(bucket, js.orderedConsumer(stream, cfg), wait);
    }

    /** Whether any stored message matches the filter; the last-by-subject get takes wildcards. */
    static boolean anyMatch(JetStream js, String stream, String filterSubject) {
        try {
            js.management().getLastMessage(stream, filterSubject);
            return true;
        } catch (MessageNotFoundException e) {
            return false;
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            try {
                next = Keys.entry(bucket, consumer.next(wait));
            } catch (NatsTimeoutException e) {
                throw new NatsTimeoutException("listing bucket '" + bucket + "': no message within " + Durations.format(wait)
                    + " although the server reported more pending");
            }
            done = next.delta() == 0;
        }
        return next != null;
    }

    @Override
    public KeyValueEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more entries in bucket '" + bucket + "'");
        }
        KeyValueEntry e = next;
        next = null;
        return e;
    }

    @Override
    public void close() {
        done = true;
        if (consumer != null) {
            consumer.close();
        }
    }
}
