package dev.relay.rocketmq;

/**
 * What a {@link SendMessageHook} sees of one send attempt. Immutable.
 *
 * @param group the producer group
 * @param mode how the message is sent
 * @param brokerAddress the broker's {@code host:port}
 * @param message the message
 * @param queue the queue chosen
 * @param msgId the unique id given to the message
 * @param result the result, or {@code null} before the send, for oneway, or on failure
 * @param exception the failure, or {@code null}
 */
public record SendContext(String group, Mode mode, String brokerAddress, Message message, MessageQueue queue,
                          String msgId, SendResult result, RocketMqException exception) {

    /** How a message is sent. */
    public enum Mode {
        /** Waits for the answer. */
        SYNC,
        /** Answer through a future. */
        ASYNC,
        /** No answer. */
        ONEWAY
    }
}
