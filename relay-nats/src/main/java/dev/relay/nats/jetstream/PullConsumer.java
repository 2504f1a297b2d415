package dev.relay.nats.jetstream;

import java.time.Duration;
import java.util.List;

/**
 * Reads from a pull consumer: batches on demand ({@link #fetch}), one message ({@link #next}), a
 * continuous {@link #consume} on a thread of its own, or the same as a blocking {@link #iterate}. Fetch
 * and next block the caller and are meant for one thread at a time; status messages (heartbeats, 404,
 * 408, 409) never reach the caller.
 * Close it to drop its inbox subscription (the consumer itself stays).
 *
 * <pre>{@code
 * try (PullConsumer c = js.pullConsumer("ORDERS", "billing")) {
 *     for (JsMessage m : c.fetch(100, Duration.ofSeconds(1))) { bill(m); m.ack(); }
 * }
 * }</pre>
 */
public interface PullConsumer extends AutoCloseable {

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
    String name();

    /**
     * Asks for up to {@code batch} messages and waits until that many came or {@code maxWait} passed;
     * returns what there is then (possibly nothing).
     *
     * @param batch most messages, 1 or more
     * @param maxWait how long the request stays open; positive
     * @return the messages in delivery order
     * @throws ConsumerNotFoundException if the consumer is gone
     */
    List<JsMessage> fetch(int batch, Duration maxWait);

    /**
     * Like {@link #fetch(int, Duration)} but stops at a byte budget too (the server never sends a
     * message that would exceed it).
     *
     * @param batch most messages
     * @param maxBytes most payload bytes, 1 or more
     * @param maxWait how long the request stays open
     * @return the messages
     */
    List<JsMessage> fetchBytes(int batch, long maxBytes, Duration maxWait);

    /**
     * Takes the messages available now, up to {@code batch}, without waiting for new ones.
     *
     * @param batch most messages
     * @return the messages, possibly none
     */
    List<JsMessage> fetchNoWait(int batch);

    /**
     * Waits for the next message.
     *
     * @param maxWait how long to wait; positive
     * @return the message
     * @throws dev.relay.nats.NatsTimeoutException if none came in time
     */
    JsMessage next(Duration maxWait);

    /**
     * Consumes continuously on a new thread: keeps {@link ConsumeOptions#batch()} messages asked for
     * ahead (asking again once half arrived, so the server never waits for the handler), hands every
     * message to the handler, and starts over after expiries, lost heartbeats, reconnects or errors (each reported to
     * the options' error handler) until the returned context is closed.
     *
     * @param handler receives each message on the consumption thread
     * @param options batch, expiry, heartbeat, error handler
     * @return the running consumption
     */
    ConsumeContext consume(JsMessageHandler handler, ConsumeOptions options);

    /**
     * {@link #consume(JsMessageHandler, ConsumeOptions)} with {@link ConsumeOptions#DEFAULTS}.
     *
     * @param handler receives each message
     * @return the running consumption
     */
    default ConsumeContext consume(JsMessageHandler handler) {
        return consume(handler, ConsumeOptions.DEFAULTS);
    }

    /**
     * The consumer's messages as a blocking iteration, backed by the continuous consume with its
     * pull-ahead and recovery, on the reading thread (no thread of its own). See {@link MessageIterable}
     * for when {@code hasNext} waits, returns false or throws. Close it (or this pull consumer) when done.
     *
     * <pre>{@code
     * try (MessageIterable messages = consumer.iterate(ConsumeOptions.DEFAULTS.withBatch(50))) {
     *     for (JsMessage m : messages) { handle(m); m.ack(); }
     * }
     * }</pre>
     *
     * @param options batch and byte budget asked for ahead, expiry, heartbeat, error handler
     * @return the iteration; nothing is asked for until the first {@code hasNext} or {@code next}
     */
    MessageIterable iterate(ConsumeOptions options);

    /**
     * {@link #iterate(ConsumeOptions)} with {@link ConsumeOptions#DEFAULTS}.
     *
     * @return the iteration
     */
    default MessageIterable iterate() {
        return iterate(ConsumeOptions.DEFAULTS);
    }

    /**
     * The consumer's info, fresh from the server.
     *
     * @return the info
     */
    ConsumerInfo info();

    /** Unsubscribes the inbox; a running {@link #consume} and every {@link #iterate} are stopped. */
    @Override
    void close();
}
