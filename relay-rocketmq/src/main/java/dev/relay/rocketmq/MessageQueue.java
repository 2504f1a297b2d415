package dev.relay.rocketmq;

/**
 * One queue of a topic on one broker. Immutable.
 *
 * @param topic the topic
 * @param brokerName the broker's name (e.g. {@code broker-a})
 * @param queueId the queue number on that broker
 */
public record MessageQueue(String topic, String brokerName, int queueId) {
    @Override
    public String toString() {
        return topic + "@" + brokerName + ":" + queueId;
    }
}
