package dev.relay.nats.jetstream;

import java.time.Duration;
import java.util.List;

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
     * Up to {@code batch} messages in stream order: waits until that many came or {@code maxWait}
     * passed and returns what there is then (possibly nothing). Gaps, a vanished consumer or lost
     * heartbeats are repaired inside, as for {@link #next}: the consumer is recreated after the last
     * message handed out, so the list never skips or repeats a message. Blocks the caller.
     *
     * <pre>{@code
     * for (JsMessage m : oc.fetch(100, Duration.ofSeconds(1))) { apply(m); }
     * }</pre>
     *
     * @param batch most messages, 1 or more
     * @param maxWait how long to wait for the batch to fill; positive
     * @return the messages in stream order, at most {@code batch}
     * @throws dev.relay.nats.ConnectionClosedException if the connection closed (messages not handed
     *     out yet stay for the next call)
     */
    List<JsMessage> fetch(int batch, Duration maxWait);

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
