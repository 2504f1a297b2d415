package dev.relay.nats;

import java.time.Duration;
import java.util.Optional;

/**
 * Interest in a subject (with {@code *} and {@code >} wildcards), optionally in a queue group.
 * A synchronous subscription is read with {@link #nextMessage(Duration)}; an asynchronous one delivers
 * to its handler through a {@link Dispatcher}. Thread-safe.
 *
 * <pre>{@code
 * Subscription sub = nc.subscribe("events.*");
 * Message m = sub.nextMessage(Duration.ofMillis(500));
 * }</pre>
 */
public interface Subscription extends AutoCloseable {

    /**
     * The subject (pattern) subscribed to.
     *
     * @return the subject
     */
    String subject();

    /**
     * The queue group, if any.
     *
     * @return the queue group name, or empty
     */
    Optional<String> queue();

    /**
     * Waits for the next message of a synchronous subscription.
     *
     * @param timeout how long to wait; must be positive
     * @return the next message
     * @throws NatsTimeoutException if none arrives in time
     * @throws ConnectionClosedException if the subscription ended and nothing is pending
     * @throws AuthorizationException if the server refused the subscription (permissions)
     * @throws IllegalStateException if this subscription delivers to a handler
     * @throws IllegalArgumentException if the timeout is zero or negative
     */
    Message nextMessage(Duration timeout);

    /**
     * Ends the subscription at once: the server stops sending and anything pending is discarded.
     * Calling it again does nothing.
     */
    void unsubscribe();

    /**
     * Ends the subscription after {@code maxMessages} messages in total have been received
     * (auto-unsubscribe). If that many have already arrived it ends at once.
     *
     * @param maxMessages total number of messages to receive, at least 1
     * @throws IllegalArgumentException if maxMessages is less than 1
     */
    void unsubscribe(int maxMessages);

    /**
     * Stops interest at the server, delivers what is already pending, then ends the subscription.
     * Blocks until done. From inside one of this subscription's own handlers use {@link #drainAsync}:
     * the message being handled counts as pending until the handler returns, so a blocking drain there
     * could never finish; it starts the drain and fails at once instead.
     *
     * @param timeout how long to wait for the pending messages to be handled; must be positive
     * @throws NatsTimeoutException if pending messages were not all handled in time
     * @throws IllegalStateException if called from a handler of this subscription (the drain is started)
     */
    void drain(Duration timeout);

    /**
     * Starts a drain ({@link #drain}) and returns at once; safe to call from the subscription's own
     * handler, where the drain finishes after that handler returns.
     *
     * <pre>{@code
     * sub = nc.subscribe("jobs", m -> { if (isLast(m)) m.subscription().drainAsync(Duration.ofSeconds(5)); });
     * }</pre>
     *
     * @param timeout how long the drain may take; must be positive
     * @return completes when every pending message was handled; fails with {@link NatsTimeoutException}
     *     when that took longer than {@code timeout}, or with a {@link ConnectionException} when the link was
     *     lost before the server confirmed the end of interest (the subscription ends then too)
     */
    java.util.concurrent.CompletableFuture<Void> drainAsync(Duration timeout);

    /**
     * Whether messages can still arrive.
     *
     * @return false once unsubscribed, drained, auto-unsubscribed or the connection closed
     */
    boolean isActive();

    /**
     * Sets the bound on messages received but not yet handled. Past either limit new messages are
     * dropped (counted in {@link #droppedMessages()}) and the error listener hears of a slow consumer.
     *
     * @param maxMessages pending message bound, at least 1
     * @param maxBytes pending payload byte bound, at least 1
     */
    void pendingLimits(int maxMessages, long maxBytes);

    /**
     * Messages received and not yet handled.
     *
     * @return the pending count
     */
    int pendingMessages();

    /**
     * Payload bytes received and not yet handled.
     *
     * @return the pending bytes
     */
    long pendingBytes();

    /**
     * Messages received from the server for this subscription (delivered or dropped).
     *
     * @return the count
     */
    long receivedMessages();

    /**
     * Messages dropped because the pending limits were reached.
     *
     * @return the count
     */
    long droppedMessages();

    /** Same as {@link #unsubscribe()}. */
    @Override
    default void close() {
        unsubscribe();
    }
}
