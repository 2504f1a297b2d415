package dev.relay.nats;

import java.time.Duration;

/**
 * Delivers messages of its subscriptions to their handlers on one dedicated thread, in arrival order.
 * A slow handler only delays its own dispatcher; each subscription's pending messages are bounded.
 * Thread-safe.
 *
 * <pre>{@code
 * Dispatcher d = nc.createDispatcher();
 * d.subscribe("orders.>", msg -> handle(msg));
 * }</pre>
 */
public interface Dispatcher extends AutoCloseable {

    /**
     * Subscribes with the dispatcher's default handler ({@link Connection#createDispatcher(MessageHandler)}).
     *
     * @param subject subject, wildcards allowed
     * @return the subscription
     * @throws InvalidSubjectException if the subject breaks the rules
     * @throws IllegalStateException if the dispatcher was made without a default handler
     */
    Subscription subscribe(String subject);

    /**
     * Subscribes in a queue group with the dispatcher's default handler.
     *
     * @param subject subject, wildcards allowed
     * @param queueGroup the queue group
     * @return the subscription
     * @throws InvalidSubjectException if the subject or queue group breaks the rules
     * @throws IllegalStateException if the dispatcher was made without a default handler
     */
    Subscription subscribe(String subject, String queueGroup);

    /**
     * Subscribes with a handler delivered on this dispatcher.
     *
     * @param subject subject, wildcards allowed
     * @param handler receives each message
     * @return the subscription
     * @throws InvalidSubjectException if the subject breaks the rules
     */
    Subscription subscribe(String subject, MessageHandler handler);

    /**
     * Subscribes in a queue group with a handler delivered on this dispatcher.
     *
     * @param subject subject, wildcards allowed
     * @param queue queue group name
     * @param handler receives each message
     * @return the subscription
     * @throws InvalidSubjectException if the subject or queue name breaks the rules
     */
    Subscription subscribe(String subject, String queue, MessageHandler handler);

    /**
     * Drains every subscription of this dispatcher (stop interest, deliver what is pending), then
     * stops its thread. Blocks until done. From inside one of this dispatcher's handlers use
     * {@link #drainAsync}: there a blocking drain starts the drain and fails at once.
     *
     * @param timeout how long to wait; must be positive
     * @throws NatsTimeoutException if pending messages were not all handled in time
     * @throws IllegalStateException if called from one of this dispatcher's handlers (the drain is started)
     */
    void drain(Duration timeout);

    /**
     * Starts a drain ({@link #drain}) and returns at once; safe to call from this dispatcher's handlers.
     *
     * @param timeout how long the drain may take; must be positive
     * @return completes when every pending message was handled, or fails with why not
     */
    java.util.concurrent.CompletableFuture<Void> drainAsync(Duration timeout);

    /**
     * Bounds what this dispatcher holds for all its subscriptions together, on top of each
     * subscription's own limits. Past either bound new messages are dropped, counted in
     * {@link #droppedMessages()}, and the error listener hears of a slow consumer once per episode.
     * Not used by inline dispatchers, which hold nothing.
     *
     * @param maxMessages pending message bound, at least 1
     * @param maxBytes pending payload byte bound, at least 1
     */
    void pendingLimits(int maxMessages, long maxBytes);

    /**
     * Messages received for this dispatcher's subscriptions and not yet handled.
     *
     * @return the pending count
     */
    int pendingMessages();

    /**
     * Messages dropped because this dispatcher's own pending limits were reached.
     *
     * @return the count
     */
    long droppedMessages();

    /**
     * Whether the dispatcher still delivers.
     *
     * @return false once closed or drained
     */
    boolean isActive();

    /** Unsubscribes everything on this dispatcher at once and stops its thread. */
    @Override
    void close();
}
