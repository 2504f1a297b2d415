package dev.relay.rocketmq;

/**
 * A topic's settings on one broker. Immutable; checked on construction.
 *
 * @param topic the topic
 * @param readQueueNums readable queues, 1–1024
 * @param writeQueueNums writable queues, 1–1024
 * @param perm permission bits: 2 write, 4 read (6 both)
 * @param topicSysFlag topic flags (0 normally)
 */
public record TopicConfig(String topic, int readQueueNums, int writeQueueNums, int perm, int topicSysFlag) {
    /**
     * @throws InvalidMessageException if a value breaks its rule
     */
    public TopicConfig {
        Validation.topic(topic);
        if (readQueueNums < 1 || readQueueNums > 1024 || writeQueueNums < 1 || writeQueueNums > 1024) {
            throw new InvalidMessageException("queue numbers must be within 1..1024, were read=" + readQueueNums
                + " write=" + writeQueueNums);
        }
        if ((perm & ~7) != 0) {
            throw new InvalidMessageException("perm " + perm + " has bits other than 1, 2 and 4");
        }
    }

    /**
     * @param topic the topic
     * @param queueNums read and write queues
     * @return a readable and writable topic
     */
    public static TopicConfig of(String topic, int queueNums) {
        return new TopicConfig(topic, queueNums, queueNums, 6, 0);
    }
}
