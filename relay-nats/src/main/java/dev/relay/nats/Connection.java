package dev.relay.nats;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A connection to a NATS server: publish, subscribe, request/reply, flush and drain. Thread-safe:
 * any number of threads may publish at once. Publishing never blocks on the socket while the outbound
 * buffer has room; it encodes on the caller's thread and the I/O thread writes batches.
 *
 * <pre>{@code
 * try (Connection nc = Nats.connect("nats://127.0.0.1:4222")) {
 *     nc.subscribe("greet.*", msg -> System.out.println(msg.dataAsString()));
 *     nc.publish("greet.joe", "hello");
 *     Message reply = nc.request("svc.echo", "hi", Duration.ofSeconds(1));
 * }
 * }</pre>
 */
public interface Connection extends AutoCloseable {

    /**
     * Publishes a message.
     *
     * @param subject subject to publish to (no wildcards)
     * @param data payload; may be empty
     * @throws InvalidSubjectException if the subject breaks the rules
     * @throws PayloadTooLargeException if the payload exceeds the server's max_payload
     * @throws ConnectionClosedException if the connection is closed (while a drain is still under way
     *     publishing works, so handlers can respond to what they drain)
     */
    void publish(String subject, byte[] data);

    /**
     * Publishes a UTF-8 text message.
     *
     * @param subject subject to publish to
     * @param data payload text
     */
    default void publish(String subject, String data) {
        publish(subject, data.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Publishes the remaining bytes of a buffer (its position is not changed).
     *
     * @param subject subject to publish to
     * @param data payload: the bytes from position to limit
     */
    void publish(String subject, ByteBuffer data);

    /**
     * Publishes a message with a reply subject.
     *
     * @param subject subject to publish to
     * @param replyTo where answers should go
     * @param data payload
     */
    void publish(String subject, String replyTo, byte[] data);

    /**
     * Publishes a message with headers.
     *
     * @param subject subject to publish to
     * @param headers headers to send (multi-valued, case preserved)
     * @param data payload
     */
    void publish(String subject, Headers headers, byte[] data);

    /**
     * Publishes a message with a reply subject and headers; the general form.
     *
     * @param subject subject to publish to
     * @param replyTo where answers should go, or null for none
     * @param headers headers to send, or null for none
     * @param data payload
     */
    void publish(String subject, String replyTo, Headers headers, byte[] data);

    /**
     * Publishes many messages under one lock with one wake-up of the I/O thread: the fastest way to
     * send a burst. Messages published before {@code body} throws are kept and sent.
     *
     * <pre>{@code
     * nc.batch(b -> { for (Event e : events) b.publish("events." + e.kind(), e.bytes()); });
     * }</pre>
     *
     * @param body publishes through the given {@link Publisher}; runs on the calling thread
     * @throws ConnectionClosedException if the connection is closed
     */
    void batch(java.util.function.Consumer<Publisher> body);

    /**
     * Subscribes synchronously: read messages with {@link Subscription#nextMessage(Duration)}.
     *
     * @param subject subject, wildcards {@code *} and {@code >} allowed
     * @return the subscription
     * @throws InvalidSubjectException if the subject breaks the rules
     */
    Subscription subscribe(String subject);

    /**
     * Subscribes synchronously in a queue group: each message goes to one member of the group.
     *
     * @param subject subject, wildcards allowed
     * @param queue queue group name
     * @return the subscription
     */
    Subscription subscribe(String subject, String queue);

    /**
     * Subscribes with a handler. The handler sees this subscription's messages one at a time, in order,
     * and runs concurrently with other subscriptions' handlers (as in nats.go), on Relay's shared pool or
     * {@link Options#dispatchExecutor()}; for one-at-a-time across several subscriptions use
     * {@link #createDispatcher()}.
     *
     * @param subject subject, wildcards allowed
     * @param handler receives each message
     * @return the subscription
     */
    Subscription subscribe(String subject, MessageHandler handler);

    /**
     * Subscribes in a queue group with a handler on the connection's default dispatcher.
     *
     * @param subject subject, wildcards allowed
     * @param queue queue group name
     * @param handler receives each message
     * @return the subscription
     */
    Subscription subscribe(String subject, String queue, MessageHandler handler);

    /**
     * Creates a dispatcher: it delivers to the handlers subscribed through it one message at a time, in
     * arrival order across all its subscriptions, on the shared pool (or {@link Options#dispatchExecutor()}).
     *
     * @return a new dispatcher
     */
    Dispatcher createDispatcher();

    /**
     * Creates a dispatcher with a default handler, for subscriptions made through it without one
     * ({@link Dispatcher#subscribe(String)}), as jnats' {@code createDispatcher(handler)}.
     *
     * <pre>{@code
     * Dispatcher d = nc.createDispatcher(m -> record(m));
     * d.subscribe("metrics.cpu");
     * d.subscribe("metrics.mem");
     * }</pre>
     *
     * @param defaultHandler receives the messages of every subscription made without a handler
     * @return a new dispatcher
     */
    Dispatcher createDispatcher(MessageHandler defaultHandler);

    /**
     * Creates a dispatcher whose handlers run on the connection's I/O thread as each message is read:
     * the lowest latency and no queue, but a handler that blocks stalls the whole connection (and others
     * sharing its I/O thread). Handlers must be quick and must not call blocking methods of any
     * connection ({@code request}, {@code flush}, {@code nextMessage}, {@code drain}). Pending limits do
     * not apply: nothing is queued.
     *
     * @return a new inline dispatcher
     */
    Dispatcher createInlineDispatcher();

    /**
     * Sends a request and waits for the first reply. Uses the connection's shared inbox: no
     * subscription is made per request.
     *
     * @param subject subject of the service
     * @param data request payload
     * @param timeout how long to wait; must be positive
     * @return the reply
     * @throws NatsTimeoutException if no reply came in time
     * @throws NoRespondersException if nobody listens on the subject
     * @throws AuthorizationException if the server refused publishing to the subject (fails at once)
     */
    Message request(String subject, byte[] data, Duration timeout);

    /**
     * Sends a UTF-8 text request and waits for the first reply.
     *
     * @param subject subject of the service
     * @param data request text
     * @param timeout how long to wait; must be positive
     * @return the reply
     */
    default Message request(String subject, String data, Duration timeout) {
        return request(subject, data.getBytes(StandardCharsets.UTF_8), timeout);
    }

    /**
     * Sends a request with headers and waits for the first reply.
     *
     * @param subject subject of the service
     * @param headers request headers, or null
     * @param data request payload
     * @param timeout how long to wait; must be positive
     * @return the reply
     */
    Message request(String subject, Headers headers, byte[] data, Duration timeout);

    /**
     * Sends a request; the future completes with the first reply, or exceptionally with
     * {@link NatsTimeoutException} after the options' request timeout or {@link NoRespondersException}.
     *
     * @param subject subject of the service
     * @param data request payload
     * @return the reply future
     */
    CompletableFuture<Message> requestAsync(String subject, byte[] data);

    /**
     * Sends a UTF-8 text request; see {@link #requestAsync(String, byte[])}.
     *
     * @param subject subject of the service
     * @param data request text
     * @return the reply future
     */
    default CompletableFuture<Message> requestAsync(String subject, String data) {
        return requestAsync(subject, data.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends a request with headers and its own timeout; the general asynchronous form.
     *
     * <p>Bad input and a refused send are thrown at once, from this call, not through the future: the
     * request never left, so there is nothing to wait for.
     *
     * @param subject subject of the service
     * @param headers request headers, or null
     * @param data request payload
     * @param timeout how long to wait for the reply; must be positive
     * @return the reply future
     * @throws InvalidSubjectException if the subject breaks the rules
     * @throws PayloadTooLargeException if headers and data exceed the server's {@code max_payload}
     * @throws ConnectionClosedException if the connection is closed
     * @throws ReconnectBufferOverflowException if disconnected and the reconnect buffer is full
     */
    CompletableFuture<Message> requestAsync(String subject, Headers headers, byte[] data, Duration timeout);

    /**
     * Sends one request and gathers many replies (scatter-gather, ADR-47) until the first end condition
     * of {@code options}: a count, the total wait, a stall between replies, or a sentinel. The replies are
     * handed out as they arrive; iterating blocks until the next one or the end. A fresh inbox
     * subscription is made for the request and removed as soon as it ends (at the latest when the total
     * wait runs out, even if nobody iterates). When nobody listens on the subject the request ends at
     * once with no replies and {@link Replies#noResponders()} true; nothing is thrown for that.
     *
     * <pre>{@code
     * try (Replies replies = nc.requestMany("$SRV.PING", null, new byte[0],
     *         RequestManyOptions.builder().totalWait(Duration.ofSeconds(1)).maxMessages(5).build())) {
     *     for (Message reply : replies) { System.out.println(reply.dataAsString()); }
     * }
     * }</pre>
     *
     * @param subject subject of the request (no wildcards)
     * @param headers request headers, or null
     * @param data request payload; may be empty
     * @param options when to stop gathering
     * @return the replies; close it to stop early
     * @throws InvalidSubjectException if the subject breaks the rules (nothing is left subscribed)
     * @throws ConnectionClosedException if the connection is closed
     */
    Replies requestMany(String subject, Headers headers, byte[] data, RequestManyOptions options);

    /**
     * Sends one request and gathers many replies; see {@link #requestMany(String, Headers, byte[], RequestManyOptions)}.
     *
     * @param subject subject of the request
     * @param data request payload
     * @param options when to stop gathering
     * @return the replies
     */
    default Replies requestMany(String subject, byte[] data, RequestManyOptions options) {
        return requestMany(subject, null, data, options);
    }

    /**
     * Sends one UTF-8 text request and gathers many replies; see
     * {@link #requestMany(String, Headers, byte[], RequestManyOptions)}.
     *
     * @param subject subject of the request
     * @param data request text
     * @param options when to stop gathering
     * @return the replies
     */
    default Replies requestMany(String subject, String data, RequestManyOptions options) {
        return requestMany(subject, null, data.getBytes(StandardCharsets.UTF_8), options);
    }

    /**
     * Sends one request and calls {@code handler} with each reply, one at a time on a dispatcher of the
     * request's own (never the I/O thread), until an end condition of {@code options} or until the
     * handler returns false. Does not block. The inbox subscription is removed when the request ends.
     *
     * <pre>{@code
     * nc.requestMany("$SRV.INFO", null, new byte[0], RequestManyOptions.maxWait(Duration.ofSeconds(1)),
     *         reply -> { System.out.println(reply.dataAsString()); return true; })
     *     .thenAccept(end -> System.out.println("ended: " + end));
     * }</pre>
     *
     * @param subject subject of the request (no wildcards)
     * @param headers request headers, or null
     * @param data request payload; may be empty
     * @param options when to stop gathering
     * @param handler gets each reply; returns false to stop ({@link RequestManyEnd#CANCELLED})
     * @return completes with why the request ended, after the last handler call returned
     * @throws InvalidSubjectException if the subject breaks the rules
     * @throws ConnectionClosedException if the connection is closed
     */
    CompletableFuture<RequestManyEnd> requestMany(String subject, Headers headers, byte[] data,
                                                  RequestManyOptions options, ReplyHandler handler);

    /**
     * Writes everything published so far and waits until the server has processed it (a PING
     * answered by PONG).
     *
     * @param timeout how long to wait; must be positive
     * @throws NatsTimeoutException if the server did not answer in time
     */
    void flush(Duration timeout);

    /**
     * Starts a flush ({@link #flush}) and returns at once; safe anywhere, including in a future's
     * callback that runs on an I/O thread, where the blocking form is refused.
     *
     * @param timeout how long the server may take to answer; must be positive
     * @return completes once the server has processed everything published before; fails with
     *     {@link NatsTimeoutException} after {@code timeout}, or {@link ConnectionException} if the link is lost
     */
    java.util.concurrent.CompletableFuture<Void> flushAsync(Duration timeout);

    /**
     * Drains the connection: stops interest of every subscription, delivers what is pending, flushes
     * what was published and closes. New subscriptions are refused once the drain starts; publishes
     * still work until it has finished (so handlers can respond to the messages being drained) and are
     * refused with {@link ConnectionClosedException} once it closed. Blocks until done.
     *
     * @param timeout how long the whole drain may take; must be positive
     * @throws NatsTimeoutException if it did not finish in time (the connection is closed anyway)
     * @throws ConnectionClosedException if another drain is already under way (a closed connection returns at once)
     * @throws ConnectionException if the connection was lost during the drain (it is closed then)
     * @throws IllegalStateException if called from a message handler of this connection: there the
     *     handler's own message is pending until it returns, so use {@link #drainAsync} (the drain is
     *     started all the same)
     */
    void drain(Duration timeout);

    /**
     * Starts a drain ({@link #drain}) and returns at once; safe to call from a message handler. The
     * request inbox is drained last, so handlers may still send requests while the others drain.
     *
     * <pre>{@code
     * nc.subscribe("control.stop", m -> nc.drainAsync(Duration.ofSeconds(10)));
     * }</pre>
     *
     * @param timeout how long the whole drain may take; must be positive
     * @return completes once every subscription was drained, everything flushed and the connection
     *     closed; fails with {@link NatsTimeoutException} after {@code timeout} (closed then anyway), or
     *     with {@link ConnectionClosedException} if another drain is under way
     */
    java.util.concurrent.CompletableFuture<Void> drainAsync(Duration timeout);

    /**
     * Closes the connection at once: pending requests fail with {@link ConnectionClosedException},
     * pending messages are discarded, the dispatchers stop. Calling it again does nothing.
     */
    @Override
    void close();

    /**
     * The connection's lifecycle state.
     *
     * @return the current status
     */
    ConnectionStatus status();

    /**
     * Whether the connection was closed.
     *
     * @return true once closed
     */
    default boolean isClosed() {
        return status() == ConnectionStatus.CLOSED;
    }

    /**
     * Bytes published (and control frames) accepted and not yet handed to the network: kept for the next
     * server while disconnected, or waiting for the socket.
     *
     * @return the bytes
     */
    long pendingOutboundBytes();

    /**
     * Drops what is kept for the next server while the connection is disconnected or reconnecting, so that
     * stale publishes are not replayed (before a close, say). Flushes waiting on a dropped PING fail.
     *
     * @return the bytes dropped
     * @throws IllegalStateException while connected (what is pending is on its way then)
     */
    long discardPendingOutbound();

    /**
     * Starts the counters of {@link #statistics()} again from zero (the connection's own totals are kept
     * underneath, so two readers never see a counter go backwards between their own snapshots: take
     * {@link Statistics#minus} of two snapshots for that instead when several parts of an application
     * read them).
     */
    void resetStatistics();

    /**
     * What the server said about itself in its latest INFO.
     *
     * @return the server info
     */
    ServerInfo serverInfo();

    /**
     * The server this connection is connected to now, as it was reached ({@code nats://}, {@code tls://}
     * or {@code unix://}, without credentials).
     *
     * @return the URL; empty while connecting, reconnecting or after close
     */
    java.util.Optional<String> connectedUrl();

    /**
     * Every server the connection may use: the configured ones and those the cluster announced, in the
     * pool's current order, without credentials. A server that failed past the reconnect limit, or
     * refused the credentials twice in a row, is no longer listed.
     *
     * @return the server URLs
     */
    java.util.List<String> servers();

    /**
     * Measures the round trip to the server: a PING and its PONG, after everything published before.
     * Blocks for at most {@link Options#requestTimeout()}.
     *
     * @return the time the round trip took
     * @throws NatsTimeoutException if the server did not answer in time
     * @throws IllegalStateException on a Relay I/O thread (use {@link #flushAsync})
     */
    Duration rtt();

    /**
     * Drops the current link and reconnects as after a loss: what is pending is kept in the reconnect
     * buffer, subscriptions are restored, and the next server of the pool is tried first (the current
     * one last). For moving off a server on purpose, or testing an application's recovery. Returns at
     * once; watch {@link ConnectionEvent.Type#RECONNECTED}.
     *
     * @throws ConnectionClosedException if the connection is closed or draining
     * @throws IllegalStateException if reconnecting is turned off ({@link Options.Builder#noReconnect()})
     */
    void forceReconnect();

    /**
     * Publishes a message as it is: its subject, reply subject, headers and data. Forwards a received
     * message unchanged ({@code nc.publish(received)}), or sends one built elsewhere.
     *
     * @param message the message
     * @throws InvalidSubjectException if its subject breaks the rules
     * @throws PayloadTooLargeException if it is over the server's {@code max_payload}
     */
    default void publish(Message message) {
        java.util.Objects.requireNonNull(message, "message");
        publish(message.subject(), message.replyTo().orElse(null), message.hasHeaders() ? message.headers() : null,
            message.data());
    }

    /**
     * The largest payload the server accepts, from INFO {@code max_payload}.
     *
     * @return the limit in bytes
     */
    default long maxPayload() {
        return serverInfo().maxPayload();
    }

    /**
     * A snapshot of the connection's counters.
     *
     * @return the statistics now
     */
    Statistics statistics();

    /**
     * The options the connection was made with.
     *
     * @return the options
     */
    Options options();

    /**
     * Adds a listener for this connection's lifecycle events, heard after the options' own listener, on
     * the same events thread and in the same order. For code that gets a connection made elsewhere (a
     * service, a watcher) and must react to a reconnect or the close. Adding the same listener twice
     * makes it hear each event twice.
     *
     * @param listener the listener
     */
    void addConnectionListener(ConnectionListener listener);

    /**
     * Removes a listener added with {@link #addConnectionListener}; nothing happens if it is not there.
     *
     * @param listener the listener
     */
    void removeConnectionListener(ConnectionListener listener);

    /**
     * A new unique inbox subject under the options' inbox prefix.
     *
     * @return a subject such as {@code _INBOX.k3Xb…}
     */
    String newInbox();
}
