package dev.relay.rocketmq;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends messages to RocketMQ brokers: sync, async (bounded in flight), oneway, batches and, with a
 * {@link TransactionListener}, transactional messages. Routes come from the name servers and are
 * refreshed every {@link ClientOptions#routeRefreshInterval()}; queues are picked round-robin,
 * avoiding brokers that just failed; heartbeats go to every broker. Thread-safe.
 *
 * <pre>{@code
 * try (Producer p = RocketMq.producer(ClientOptions.builder().nameServers("127.0.0.1:9876").group("pg").build())) {
 *     p.start();
 *     SendResult r = p.send(Message.builder("orders").body("hello").tags("new").build());
 * }
 * }</pre>
 */
public interface Producer extends AutoCloseable {

    /**
     * Starts route refreshes and heartbeats; call once before sending.
     *
     * @throws ClientClosedException after {@link #shutdown()}
     */
    void start();

    /** Unregisters from the brokers and closes every connection; blocks briefly. Idempotent. */
    void shutdown();

    /** Same as {@link #shutdown()}. */
    @Override
    default void close() {
        shutdown();
    }

    /**
     * Sends and waits until the broker answers; on a broker or connection failure tries up to
     * {@link ClientOptions#retries()} more times, on another broker when there is one.
     *
     * @param message the message
     * @return the broker's answer
     * @throws RocketMqBrokerException when the broker refuses it ({@link RocketMqAuthException} for ACL)
     * @throws RocketMqTimeoutException when no answer comes within {@link ClientOptions#requestTimeout()}
     * @throws NoRouteException when the topic has no route
     */
    SendResult send(Message message);

    /**
     * Sends to a given queue and waits; no retry on another queue.
     *
     * @param message the message
     * @param queue the queue (from {@link Admin#writeQueues(String)} or a previous result)
     * @return the broker's answer
     */
    SendResult send(Message message, MessageQueue queue);

    /**
     * Sends without waiting. Blocks while {@link ClientOptions#maxInFlight()} sends are in flight (at
     * most the request timeout, then the future fails with {@link RocketMqTimeoutException}). A retriable
     * failure (busy broker, lost connection, timeout) is tried again on another broker up to
     * {@link ClientOptions#retries()} times, pausing 100 ms more per attempt when the broker is busy. The
     * future completes on the producer's callback thread.
     *
     * @param message the message
     * @return the answer to come
     */
    CompletableFuture<SendResult> sendAsync(Message message);

    /**
     * Sends without any answer from the broker. Over an open connection it returns once the request is
     * handed to the connection (at most 4096 unwritten at once; a later write failure is logged); when the
     * connection still has to be opened it waits for that and the write.
     *
     * @param message the message
     * @throws RocketMqConnectionException when the broker cannot be reached
     */
    void sendOneway(Message message);

    /**
     * Sends messages of one topic as one batch (one request, stored together), and waits.
     *
     * @param messages one or more messages, all of the same topic and wait flag, without delay level
     * @return the answer: msgId and offsetMsgId are comma-separated, one per message
     * @throws InvalidMessageException if the batch breaks these rules
     */
    SendResult sendBatch(List<Message> messages);

    /**
     * Sends a half message, runs {@link TransactionListener#executeLocal} and ends the transaction
     * with its answer (commit, rollback, or unknown: then the broker asks
     * {@link TransactionListener#checkLocal} later).
     *
     * @param message the message (no delay level)
     * @param arg passed to the listener
     * @return the half message's send result and the local state
     * @throws IllegalStateException if the producer has no transaction listener
     */
    TransactionSendResult sendInTransaction(Message message, Object arg);

    /**
     * Adds a hook called around every send; only before {@link #start()}.
     *
     * @param hook the hook
     * @return this
     */
    Producer addSendHook(SendMessageHook hook);

    /**
     * Adds a hook called for every END_TRANSACTION sent; only before {@link #start()}.
     *
     * @param hook the hook
     * @return this
     */
    Producer addEndTransactionHook(EndTransactionHook hook);
}
