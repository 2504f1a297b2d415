package dev.relay.rocketmq;

import java.util.List;

/**
 * Reads messages by pulling queues from offsets the caller chooses, with tag filtering, and keeps
 * the group's progress on the broker ({@link #commitOffset}, {@link #committedOffset}). The group is
 * {@link ClientOptions#group()}. Blocking calls; thread-safe.
 *
 * <pre>{@code
 * try (PullConsumer c = RocketMq.pullConsumer(ClientOptions.builder().nameServers(ns).group("cg").build())) {
 *     for (MessageQueue q : c.queues("orders")) {
 *         PullResult r = c.pull(q, "new || paid", 0, 32);
 *         r.messages().forEach(m -> System.out.println(m.bodyAsString()));
 *         c.commitOffset(q, r.nextBeginOffset());
 *     }
 * }
 * }</pre>
 */
public interface PullConsumer extends AutoCloseable {
    /**
     * @param topic a topic
     * @return its readable queues
     * @throws NoRouteException if it does not exist
     */
    List<MessageQueue> queues(String topic);

    /**
     * Pulls up to {@code maxMessages} messages from {@code offset} on; returns at once (no long poll).
     *
     * @param queue the queue
     * @param tagExpression {@code *} for all, or tags joined by {@code ||}
     * @param offset the first offset to read
     * @param maxMessages 1–1024
     * @return what was found and where to continue
     */
    PullResult pull(MessageQueue queue, String tagExpression, long offset, int maxMessages);

    /**
     * Stores the group's offset for a queue on the broker.
     *
     * @param queue the queue
     * @param offset the next offset to read
     */
    void commitOffset(MessageQueue queue, long offset);

    /**
     * @param queue the queue
     * @return the group's stored offset, or -1 if none is stored
     */
    long committedOffset(MessageQueue queue);

    /**
     * @param queue a queue
     * @return the offset after its last message
     */
    long maxOffset(MessageQueue queue);

    /**
     * Group consumption: pulls every queue of the topic from this consumer's position (on first use the
     * group's committed offset, else the queue's first message) and advances the position past what it
     * returns. Positions reach the broker only with {@link #commit()}, so messages handled before a
     * commit are at-least-once.
     *
     * @param topic the topic
     * @param tagExpression {@code *} or tags joined by {@code ||}
     * @param maxPerQueue the most messages per queue, 1–1024
     * @return the messages found, queue by queue, possibly none
     */
    List<ReceivedMessage> poll(String topic, String tagExpression, int maxPerQueue);

    /** Stores the positions {@link #poll} reached as the group's offsets on the brokers. */
    void commit();

    /** Closes every connection. Idempotent. */
    @Override
    void close();
}
