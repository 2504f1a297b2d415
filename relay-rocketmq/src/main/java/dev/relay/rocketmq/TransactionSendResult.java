package dev.relay.rocketmq;

/**
 * The outcome of {@link Producer#sendInTransaction}. Immutable.
 *
 * @param sendResult the half message's send result (its msgId is the message's unique id)
 * @param localState what the local transaction answered
 */
public record TransactionSendResult(SendResult sendResult, LocalTransactionState localState) {
}
