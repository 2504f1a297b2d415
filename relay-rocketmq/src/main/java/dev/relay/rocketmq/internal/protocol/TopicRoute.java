package dev.relay.rocketmq.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relay.rocketmq.MessageQueue;
import dev.relay.rocketmq.RocketMqProtocolException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A topic's route as the name server returns it (GET_ROUTEINFO_BY_TOPIC), parsed; immutable.
 *
 * <pre>
 * {"brokerDatas":[{"cluster":s,"brokerName":s,"brokerAddrs":{"0":"host:port",...}}],
 *  "queueDatas":[{"brokerName":s,"readQueueNums":n,"writeQueueNums":n,"perm":n,"topicSysFlag":n}], ...}
 * </pre>
 * Old client versions get unquoted integer keys ({@code {0:"..."}}); the parser accepts those too.
 *
 * @param brokers the brokers serving the topic
 * @param queues the queue layout per broker
 */
public record TopicRoute(List<Broker> brokers, List<QueueData> queues) {
    private static final int PERM_WRITE = 2;
    private static final int PERM_READ = 4;

    /**
     * A broker set: a master (id 0) and its slaves.
     *
     * @param cluster the cluster name
     * @param brokerName the broker name
     * @param addresses broker id → {@code host:port}
     */
    public record Broker(String cluster, String brokerName, Map<Long, String> addresses) {
        /** @return the master's address or {@code null} */
        public String master() {
            return addresses.get(0L);
        }
    }

    /**
     * Queue counts and permission of the topic on one broker.
     *
     * @param brokerName the broker
     * @param readQueueNums readable queues
     * @param writeQueueNums writable queues
     * @param perm permission bits (2 write, 4 read)
     * @param topicSysFlag topic flags
     */
    public record QueueData(String brokerName, int readQueueNums, int writeQueueNums, int perm, int topicSysFlag) {
    }

    /**
     * @param body the response body
     * @return the route
     * @throws RocketMqProtocolException if the body is not a route
     */
    public static TopicRoute parse(byte[] body) {
        JsonNode root = LenientJson.readObject(body, "topic route");
        List<Broker> brokers = new ArrayList<>();
        for (JsonNode b : root.path("brokerDatas")) {
            Map<Long, String> addrs = new TreeMap<>();
            b.path("brokerAddrs").fields().forEachRemaining(e -> addrs.put(Long.parseLong(e.getKey()), e.getValue().asText()));
            brokers.add(new Broker(b.path("cluster").asText(), b.path("brokerName").asText(), Map.copyOf(addrs)));
        }
        List<QueueData> queues = new ArrayList<>();
        for (JsonNode q : root.path("queueDatas")) {
            queues.add(new QueueData(q.path("brokerName").asText(), q.path("readQueueNums").asInt(),
                q.path("writeQueueNums").asInt(), q.path("perm").asInt(), q.path("topicSysFlag").asInt()));
        }
        queues.sort(Comparator.comparing(QueueData::brokerName));
        return new TopicRoute(List.copyOf(brokers), List.copyOf(queues));
    }

    /**
     * @param brokerName a broker name
     * @return its master's address or {@code null}
     */
    public String masterOf(String brokerName) {
        for (Broker b : brokers) {
            if (b.brokerName().equals(brokerName)) {
                return b.master();
            }
        }
        return null;
    }

    /**
     * The queues a producer may write: every writable queue of a broker with a master, by broker name.
     *
     * @param topic the topic the queues are named for
     * @return the queues
     */
    public List<MessageQueue> writeQueues(String topic) {
        List<MessageQueue> out = new ArrayList<>();
        for (QueueData q : queues) {
            if ((q.perm() & PERM_WRITE) != 0 && masterOf(q.brokerName()) != null) {
                for (int i = 0; i < q.writeQueueNums(); i++) {
                    out.add(new MessageQueue(topic, q.brokerName(), i));
                }
            }
        }
        return out;
    }

    /**
     * @param topic the topic the queues are named for
     * @return every readable queue
     */
    public List<MessageQueue> readQueues(String topic) {
        List<MessageQueue> out = new ArrayList<>();
        for (QueueData q : queues) {
            if ((q.perm() & PERM_READ) != 0) {
                for (int i = 0; i < q.readQueueNums(); i++) {
                    out.add(new MessageQueue(topic, q.brokerName(), i));
                }
            }
        }
        return out;
    }
}
