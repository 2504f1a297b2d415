package dev.relay.rocketmq;

/**
 * What the broker answered to a send. Immutable.
 *
 * @param status how the message was stored
 * @param msgId the client-made unique id ({@code UNIQ_KEY}); for a batch, the ids joined by commas
 * @param offsetMsgId the broker-made id (store host + commit log offset); for a batch, comma-separated
 * @param queue the queue the message went to
 * @param queueOffset its offset in that queue (for a batch: of the first message)
 * @param transactionId the transaction id the broker echoes (equal to msgId for plain sends)
 */
public record SendResult(SendStatus status, String msgId, String offsetMsgId, MessageQueue queue, long queueOffset,
                         String transactionId) {
}
