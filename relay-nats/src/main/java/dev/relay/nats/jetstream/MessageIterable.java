package dev.relay.nats.jetstream;

import java.time.Duration;
import java.util.Iterator;

/**
 * A pull consumer's messages as an endless, blocking iteration ({@link PullConsumer#iterate}): the
 * continuous consume of {@link PullConsumer#consume}, keeping {@link ConsumeOptions#batch()} messages
 * asked for ahead and asking again once half arrived, but driven by the reading thread instead of a
 * thread of its own. Memory stays bounded: the client never holds more than what is asked for ahead
 * (the batch and the byte budget), and asks for nothing while the reader is busy. Iterate from one
 * thread at a time; {@link #close()}, {@link #isActive()} and {@link #delivered()} are thread-safe.
 *
 * <p>How {@link Iterator#hasNext()} ends:
 * <ul>
 *   <li>it waits, without a time limit, until a message is there (true);</li>
 *   <li>it returns false once this is closed, by {@link #close()} from any thread (a waiting
 *       {@code hasNext} returns within 200 ms) or by closing the pull consumer;</li>
 *   <li>it throws {@link ConsumerNotFoundException} once the server confirmed that the consumer (or its
 *       stream) is gone, and {@link dev.relay.nats.ConnectionClosedException} once the connection
 *       closed, every time it is called after that;</li>
 *   <li>anything else (lost heartbeats, a reconnect, a 409 limit, no responders during a leader
 *       election) goes to the options' error handler and the iteration goes on, as consume does.</li>
 * </ul>
 * {@link #next(Duration)} waits a bounded time instead. The iterator does not acknowledge anything.
 *
 * <pre>{@code
 * try (MessageIterable messages = consumer.iterate()) {
 *     for (JsMessage m : messages) {
 *         handle(m);
 *         m.ack();
 *     }
 * }
 * }</pre>
 */
public interface MessageIterable extends Iterable<JsMessage>, ConsumeContext {

    /**
     * The iterator over the messages. There is one: every call returns the same iterator, so a second
     * loop goes on where the first stopped. Its {@code hasNext} blocks as described above; its
     * {@code next} throws {@link java.util.NoSuchElementException} when {@code hasNext} would return false.
     *
     * @return the iterator
     */
    @Override
    Iterator<JsMessage> iterator();

    /**
     * Waits a bounded time for the next message; a timeout leaves the iteration usable.
     *
     * @param maxWait how long to wait; positive
     * @return the message
     * @throws dev.relay.nats.NatsTimeoutException if none came in time
     * @throws java.util.NoSuchElementException if this is closed
     * @throws ConsumerNotFoundException if the consumer is gone
     * @throws dev.relay.nats.ConnectionClosedException if the connection closed
     */
    JsMessage next(Duration maxWait);

    /**
     * Messages handed out so far.
     *
     * @return the count
     */
    @Override
    long delivered();

    /**
     * Whether messages may still come.
     *
     * @return true until closed or ended because the consumer or the connection is gone
     */
    @Override
    boolean isActive();

    /**
     * Stops the iteration and drops its inbox subscription; does not wait. A message fetched but not
     * handed out yet is dropped (unacknowledged, the server redelivers it after the ack wait).
     */
    @Override
    void close();
}
