package dev.relay.nats.jetstream;

import dev.relay.nats.Subscription;

/**
 * A subscription to a push consumer's deliver subject. The client answers the server's flow-control
 * requests and stalled-consumer heartbeats by itself; heartbeats and other status messages never reach
 * the handler. Closing it unsubscribes (an ephemeral consumer then goes away on the server). Thread-safe.
 *
 * <pre>{@code
 * PushSubscription s = js.subscribe("ORDERS", ConsumerConfig.builder().flowControl(true)
 *     .idleHeartbeat(Duration.ofSeconds(5)).build(), m -> { handle(m); m.ack(); });
 * }</pre>
 */
public interface PushSubscription extends AutoCloseable {

    /**
     * The stream's name.
     *
     * @return the stream
     */
    String stream();

    /**
     * The consumer's name.
     *
     * @return the consumer
     */
    String consumer();

    /**
     * The core subscription on the deliver subject (for pending limits and counters).
     *
     * @return the subscription
     */
    Subscription subscription();

    /**
     * Idle heartbeats received so far.
     *
     * @return the count
     */
    long heartbeats();

    /**
     * Flow-control requests answered so far.
     *
     * @return the count
     */
    long flowControlReplies();

    /**
     * Times the consumer went silent: with an idle heartbeat configured, neither a message nor a
     * heartbeat arrived for two intervals (each silent stretch counts once and is logged). A growing
     * count means the consumer was deleted or the server is unreachable.
     *
     * @return the count; always 0 without an idle heartbeat
     */
    long missedHeartbeats();

    /**
     * The consumer's info, fresh from the server.
     *
     * @return the info
     */
    ConsumerInfo info();

    /**
     * Unsubscribes from the deliver subject. A subscription by subject that created an ephemeral
     * consumer also deletes it (a request, within the request timeout; a failure is only logged, as the
     * server removes an ephemeral consumer without interest by itself). A durable consumer stays.
     */
    @Override
    void close();
}
