package dev.relay.rocketmq;

import java.time.Instant;
import java.util.List;

/**
 * Administrative calls to name servers and brokers: topics, routes, offsets, message lookup. Usable
 * as soon as it is created; every call blocks up to {@link ClientOptions#requestTimeout()} per
 * request. Thread-safe.
 *
 * <pre>{@code
 * try (Admin admin = RocketMq.admin(ClientOptions.builder().nameServers("127.0.0.1:9876").build())) {
 *     admin.createTopic("orders", 4);
 *     long max = admin.maxOffset(admin.readQueues("orders").get(0));
 * }
 * }</pre>
 */
public interface Admin extends AutoCloseable {

    /**
     * Creates (or updates) a topic on every master that serves {@code TBW102}, readable and writable.
     *
     * @param topic the topic
     * @param queueNums read and write queues per broker, 1–1024
     */
    default void createTopic(String topic, int queueNums) {
        createTopic("TBW102", topic, queueNums, 0);
    }

    /**
     * Creates (or updates) a topic on every master that serves {@code defaultTopic} (UPDATE_AND_CREATE_TOPIC).
     *
     * @param defaultTopic the topic whose brokers get the new one (usually {@code TBW102})
     * @param newTopic the topic to create
     * @param queueNums read and write queues per broker, 1–1024
     * @param topicSysFlag topic flags (0 normally)
     * @throws NoRouteException if {@code defaultTopic} has no route
     */
    void createTopic(String defaultTopic, String newTopic, int queueNums, int topicSysFlag);

    /**
     * Creates (or updates) a topic on one broker.
     *
     * @param brokerAddress the broker's {@code host:port}
     * @param config the topic's settings
     */
    void createTopicForBroker(String brokerAddress, TopicConfig config);

    /**
     * @param topic a topic
     * @return its writable queues, from a route fetched now
     * @throws NoRouteException if it does not exist
     */
    List<MessageQueue> writeQueues(String topic);

    /**
     * @param topic a topic
     * @return its readable queues, from a route fetched now
     * @throws NoRouteException if it does not exist
     */
    List<MessageQueue> readQueues(String topic);

    /** @return every topic the name server knows, system topics included, sorted */
    List<String> topics();

    /** @return the cluster layout: clusters, their brokers and masters */
    ClusterInfo clusterInfo();

    /**
     * @param queue a queue
     * @return the offset after its last message (0 when empty)
     */
    long maxOffset(MessageQueue queue);

    /**
     * @param queue a queue
     * @return its smallest offset still stored
     */
    long minOffset(MessageQueue queue);

    /**
     * @param queue a queue
     * @param time a point in time
     * @return the offset of the first message stored at or after it (the max offset if none)
     */
    long searchOffset(MessageQueue queue, Instant time);

    /**
     * @param queue a queue
     * @return when its oldest message still stored was stored
     */
    Instant earliestMsgStoreTime(MessageQueue queue);

    /**
     * Reads one message by the broker-made id a send returned ({@link SendResult#offsetMsgId()}).
     *
     * @param offsetMsgId the offset message id (32 hex digits)
     * @return the message
     * @throws InvalidMessageException if the id is malformed
     * @throws RocketMqBrokerException if the broker has no such message
     */
    ReceivedMessage viewMessage(String offsetMsgId);

    /**
     * Finds messages by key in the brokers' index (QUERY_MESSAGE to every broker of the topic).
     *
     * @param topic the topic
     * @param key a key given with {@link Message.Builder#keys}
     * @param maxNum the most messages per broker
     * @param begin earliest store time
     * @param end latest store time
     * @return the messages found (possibly none)
     */
    List<ReceivedMessage> queryMessageByKey(String topic, String key, int maxNum, Instant begin, Instant end);

    /**
     * Finds a message by its unique id ({@link SendResult#msgId()}).
     *
     * @param topic the topic
     * @param msgId the unique id
     * @return the message(s) with that id (several only if it was stored more than once)
     */
    List<ReceivedMessage> queryMessageByUniqueKey(String topic, String msgId);

    /**
     * Reads the trace records of a message (sends and transaction ends) from a trace topic.
     *
     * @param traceTopic the trace topic, usually {@link ClientOptions#DEFAULT_TRACE_TOPIC}
     * @param msgId the traced message's unique id
     * @return its records, oldest first (none if it was not traced or the index is not written yet)
     */
    List<TraceRecord> queryTrace(String traceTopic, String msgId);

    /** Closes every connection. Idempotent. */
    @Override
    void close();
}
