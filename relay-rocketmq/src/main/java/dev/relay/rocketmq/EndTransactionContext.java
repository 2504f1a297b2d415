package dev.relay.rocketmq;

/**
 * What an {@link EndTransactionHook} sees. Immutable.
 *
 * @param group the producer group
 * @param brokerAddress the broker's {@code host:port}
 * @param topic the message's topic
 * @param msgId the message's unique id
 * @param transactionId the transaction id
 * @param state the state sent
 * @param fromTransactionCheck whether it answers a broker check
 */
public record EndTransactionContext(String group, String brokerAddress, String topic, String msgId,
                                    String transactionId, LocalTransactionState state, boolean fromTransactionCheck) {
}
