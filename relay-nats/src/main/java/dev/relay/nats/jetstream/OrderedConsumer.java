package dev.relay.nats.jetstream;

import java.time.Duration;

/**
 * Reads a stream (or the subjects of a filter) exactly once and in order, without any consumer to
 * manage: the client creates an ephemeral pull consumer (no acks, state in memory) and, when a message
 * is missing (a consumer-sequence gap), the consumer vanished, heartbeats stop, or the server restarts,
 * deletes it and creates a new one that starts right after the last stream sequence handed out. Used by
 * one thread at a time. Closing it deletes the current consumer.
 *
 * <pre>{@code
 * try (OrderedConsumer oc = js.orderedConsumer("ORDERS", ConsumerConfig.builder().filterSubject("orders.>").build())) {
 *     JsMessage m = oc.next(Duration.ofSeconds(1));
 * }
 * }</pre>
 */
public interface OrderedConsumer extends AutoCloseable {

    /**
     * The next message in stream order.
     *
     * @param maxWait how long to wait; positive
     * @return the message (no need to acknowledge it)
     * @throws dev.relay.nats.NatsTimeoutException if none came in time (retrying later is fine)
     */
    JsMessage next(Duration maxWait);

    /**
     * The stream sequence of the last message handed out.
     *
     * @return the sequence, 0 before the first
     */
    long lastStreamSequence();

    /**
     * How many times the consumer was recreated after a gap or a loss.
     *
     * @return the count
     */
    long resets();

    /** Deletes the consumer (best effort) and drops the inbox subscription. */
    @Override
    void close();
}
