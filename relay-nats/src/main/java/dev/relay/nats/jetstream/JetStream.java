package dev.relay.nats.jetstream;

import dev.relay.nats.Connection;
import dev.relay.nats.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * JetStream on a connection: acknowledged publishing, consumers (pull, push, ordered) and, through
 * {@link #management()}, streams and consumers. Built only on the public {@link Connection} API; as many
 * contexts as wanted may share a connection. Thread-safe.
 *
 * <pre>{@code
 * JetStream js = JetStream.of(nc);
 * js.management().addStream(StreamConfig.builder("ORDERS").subjects("orders.>").build());
 * PublishAck ack = js.publish("orders.new", data, PublishOptions.messageId("order-7"));
 * try (PullConsumer c = js.pullConsumer("ORDERS", "billing")) {
 *     for (JsMessage m : c.fetch(100, Duration.ofSeconds(1))) { bill(m); m.ack(); }
 * }
 * }</pre>
 */
public interface JetStream {

    /**
     * A context with the default options ({@code $JS.API}, 5 s timeout).
     *
     * @param nc the connection
     * @return the context
     */
    static JetStream of(Connection nc) {
        return of(nc, JetStreamOptions.defaults());
    }

    /**
     * A context with options (API prefix or domain, timeouts, async publish bound).
     *
     * @param nc the connection
     * @param options the options
     * @return the context
     */
    static JetStream of(Connection nc, JetStreamOptions options) {
        return new RealJetStream(nc, options);
    }

    /**
     * Stream and consumer management through this context's API prefix.
     *
     * @return the management API
     */
    JetStreamManagement management();

    /**
     * The connection this context uses.
     *
     * @return the connection
     */
    Connection connection();

    /**
     * Publishes and waits for the stream's ack.
     *
     * @param subject a subject a stream stores
     * @param data the payload
     * @return the ack
     * @throws dev.relay.nats.NoRespondersException at once if no stream stores the subject
     * @throws dev.relay.nats.NatsTimeoutException if no ack came within the request timeout
     */
    default PublishAck publish(String subject, byte[] data) {
        return publish(subject, null, data, PublishOptions.NONE);
    }

    /**
     * Publishes UTF-8 text and waits for the stream's ack.
     *
     * @param subject a subject a stream stores
     * @param data the text
     * @return the ack
     */
    default PublishAck publish(String subject, String data) {
        return publish(subject, null, data.getBytes(StandardCharsets.UTF_8), PublishOptions.NONE);
    }

    /**
     * Publishes with a message id and/or expectations and waits for the stream's ack.
     *
     * @param subject a subject a stream stores
     * @param data the payload
     * @param options message id, expectations, timeout
     * @return the ack ({@link PublishAck#duplicate()} when the id was seen within the window)
     * @throws WrongLastSequenceException if an expected last (subject) sequence did not match
     * @throws WrongLastMessageIdException if the expected last message id did not match
     * @throws JetStreamApiException for an expected stream that did not match, and other refusals
     */
    default PublishAck publish(String subject, byte[] data, PublishOptions options) {
        return publish(subject, null, data, options);
    }

    /**
     * Publishes with headers and options and waits for the stream's ack; the general form. The caller's
     * headers are not changed.
     *
     * @param subject a subject a stream stores
     * @param headers headers to store with the message, or null
     * @param data the payload
     * @param options message id, expectations, timeout
     * @return the ack
     */
    PublishAck publish(String subject, Headers headers, byte[] data, PublishOptions options);

    /**
     * Publishes without waiting for the ack; the future completes with it (on the connection's I/O
     * thread). At most {@link JetStreamOptions#maxPendingPublishes()} may be pending: beyond that this
     * call blocks until one completes (back-pressure), for at most the request timeout.
     *
     * @param subject a subject a stream stores
     * @param headers headers, or null
     * @param data the payload
     * @param options message id, expectations, timeout
     * @return the ack future; it fails with the same exceptions as {@link #publish}
     * @throws dev.relay.nats.NatsTimeoutException if no slot freed up within the request timeout
     */
    CompletableFuture<PublishAck> publishAsync(String subject, Headers headers, byte[] data, PublishOptions options);

    /**
     * {@link #publishAsync(String, Headers, byte[], PublishOptions)} without headers or options.
     *
     * @param subject a subject a stream stores
     * @param data the payload
     * @return the ack future
     */
    default CompletableFuture<PublishAck> publishAsync(String subject, byte[] data) {
        return publishAsync(subject, null, data, PublishOptions.NONE);
    }

    /**
     * Asynchronous publishes still waiting for their ack.
     *
     * @return the count
     */
    int pendingPublishes();

    /**
     * Waits until every asynchronous publish made so far has its ack (or failed).
     *
     * @param timeout how long to wait; positive
     * @throws dev.relay.nats.NatsTimeoutException if some are still pending then
     */
    void waitForPendingPublishes(Duration timeout);

    /**
     * Reads from an existing pull consumer.
     *
     * @param stream the stream
     * @param consumer the consumer's name
     * @return the pull consumer handle (creates nothing on the server)
     * @throws ConsumerNotFoundException if the consumer does not exist
     * @throws IllegalArgumentException if it is a push consumer
     */
    PullConsumer pullConsumer(String stream, String consumer);

    /**
     * Creates (or updates) a push consumer and subscribes to it. Without a deliver subject in the config
     * a new inbox is used; with a deliver group the subscription joins that queue group.
     *
     * @param stream the stream
     * @param config the consumer's configuration
     * @param handler receives the messages on the connection's default dispatcher
     * @return the subscription
     */
    PushSubscription subscribe(String stream, ConsumerConfig config, JsMessageHandler handler);

    /**
     * Subscribes to a subject through a new ephemeral push consumer on the stream that stores it, as
     * nats.go's {@code js.Subscribe(subject, handler)} does: the stream is looked up by subject
     * ({@code $JS.API.STREAM.NAMES} with a subject filter), the consumer filters on the subject and
     * delivers everything from the start of the stream to a new inbox, with explicit acks. Closing the
     * subscription deletes the consumer. Blocks for the lookup and the consumer's creation (each within
     * the request timeout).
     *
     * <pre>{@code
     * try (PushSubscription s = js.subscribe("orders.new", m -> { handle(m); m.ack(); })) { … }
     * }</pre>
     *
     * @param subject the subject, wildcards allowed, that one stream stores
     * @param handler receives the messages on the connection's default dispatcher
     * @return the subscription
     * @throws NoMatchingStreamException if no stream stores the subject
     * @throws ManyMatchingStreamsException if more than one stream stores subjects it matches
     * @throws IllegalArgumentException if the subject is not a valid subject
     */
    default PushSubscription subscribe(String subject, JsMessageHandler handler) {
        return subscribe(subject, PushSubscribeOptions.DEFAULTS, handler);
    }

    /**
     * Subscribes to a subject through a push consumer, finding the stream by subject unless the options
     * name it. Without a durable name a new ephemeral consumer is created from the options' config
     * (filtered to the subject, delivering to a new inbox unless the config names a deliver subject) and
     * deleted on close. With a durable name, an existing consumer of that name is bound to (it must be a
     * push consumer filtered to this subject; its stored config is used as it is, the options' config
     * is not applied), otherwise one is created, and it stays on the server after close. Blocks for the
     * lookups and the creation (each within the request timeout).
     *
     * <pre>{@code
     * PushSubscription s = js.subscribe("orders.*", PushSubscribeOptions.durable("audit").withConfig(
     *     ConsumerConfig.builder().flowControl(true).idleHeartbeat(Duration.ofSeconds(5)).build()),
     *     m -> { audit(m); m.ack(); });
     * }</pre>
     *
     * @param subject the subject, wildcards allowed
     * @param options the stream (or empty to look it up), a durable name, a consumer config template
     * @param handler receives the messages on the connection's default dispatcher
     * @return the subscription
     * @throws NoMatchingStreamException if no stream stores the subject (only when the lookup ran)
     * @throws ManyMatchingStreamsException if more than one stream stores subjects it matches
     * @throws StreamNotFoundException if the options name a stream that does not exist
     * @throws IllegalArgumentException if the config filters on other subjects, or the durable
     *     consumer is a pull consumer, filters on another subject or has another deliver group
     * @throws IllegalStateException if the durable consumer has no deliver group and another
     *     subscription is already bound to it
     */
    PushSubscription subscribe(String subject, PushSubscribeOptions options, JsMessageHandler handler);

    /**
     * Subscribes to an existing push consumer's deliver subject (and group).
     *
     * @param stream the stream
     * @param consumer the push consumer's name
     * @param handler receives the messages on the connection's default dispatcher
     * @return the subscription
     * @throws IllegalArgumentException if the consumer is a pull consumer
     */
    PushSubscription bind(String stream, String consumer, JsMessageHandler handler);

    /**
     * An ordered consumer: every message of the stream (or of the template's filter) once and in order.
     * From the template only the filter subject(s), deliver policy, start sequence or time, replay policy
     * and headers-only flag are used.
     *
     * @param stream the stream
     * @param template where to start and what to read
     * @return the ordered consumer
     */
    OrderedConsumer orderedConsumer(String stream, ConsumerConfig template);
}
