package dev.relay.rocketmq.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relay.rocketmq.Admin;
import dev.relay.rocketmq.ClientOptions;
import dev.relay.rocketmq.ClusterInfo;
import dev.relay.rocketmq.InvalidMessageException;
import dev.relay.rocketmq.MessageQueue;
import dev.relay.rocketmq.NoRouteException;
import dev.relay.rocketmq.ReceivedMessage;
import dev.relay.rocketmq.RocketMqProtocolException;
import dev.relay.rocketmq.internal.protocol.LenientJson;
import dev.relay.rocketmq.TopicConfig;
import dev.relay.rocketmq.TraceRecord;
import dev.relay.rocketmq.internal.protocol.TraceCodec;
import dev.relay.rocketmq.internal.protocol.MessageCodec;
import dev.relay.rocketmq.internal.protocol.RemotingCommand;
import dev.relay.rocketmq.internal.protocol.RequestCode;
import dev.relay.rocketmq.internal.protocol.TopicRoute;
import dev.relay.rocketmq.internal.remoting.RemotingConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The {@link Admin}: name server and broker requests, answers mapped to values. Thread-safe. */
public final class RealAdmin implements Admin {
    private final ClientCore core;
    private final BrokerCalls brokers;

    /**
     * @param options the options
     */
    public RealAdmin(ClientOptions options) {
        this.core = new ClientCore(options, null, RemotingConfig.UNSUPPORTED);
        this.brokers = new BrokerCalls(core);
    }

    @Override
    public void createTopic(String defaultTopic, String newTopic, int queueNums, int topicSysFlag) {
        TopicConfig config = new TopicConfig(newTopic, queueNums, queueNums, 6, topicSysFlag);
        TopicRoute route = brokers.freshRoute(defaultTopic);
        List<String> masters = new ArrayList<>();
        route.brokers().forEach(b -> {
            if (b.master() != null) {
                masters.add(b.master());
            }
        });
        if (masters.isEmpty()) {
            throw new NoRouteException("topic '" + defaultTopic + "' has no master broker to create '" + newTopic + "' on");
        }
        for (String address : masters) {
            createTopicForBroker(address, config);
        }
    }

    @Override
    public void createTopicForBroker(String brokerAddress, TopicConfig config) {
        RemotingCommand request = RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_TOPIC)
            .ext("topic", config.topic()).ext("defaultTopic", SendRequests.DEFAULT_TOPIC)
            .ext("readQueueNums", config.readQueueNums()).ext("writeQueueNums", config.writeQueueNums())
            .ext("perm", config.perm()).ext("topicFilterType", "SINGLE_TAG").ext("topicSysFlag", config.topicSysFlag())
            .ext("order", false);
        ResponseErrors.requireSuccess(core.call(brokerAddress, request),
            "create topic '" + config.topic() + "' on " + brokerAddress);
    }

    @Override
    public List<MessageQueue> writeQueues(String topic) {
        return brokers.freshRoute(topic).writeQueues(topic);
    }

    @Override
    public List<MessageQueue> readQueues(String topic) {
        return brokers.readQueues(topic);
    }

    @Override
    public List<String> topics() {
        JsonNode root = nameServerJson(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER, "topic list");
        List<String> topics = new ArrayList<>();
        root.path("topicList").forEach(t -> topics.add(t.asText()));
        topics.sort(null);
        return topics;
    }

    @Override
    public ClusterInfo clusterInfo() {
        JsonNode root = nameServerJson(RequestCode.GET_BROKER_CLUSTER_INFO, "cluster info");
        Map<String, List<String>> clusters = new TreeMap<>();
        root.path("clusterAddrTable").fields().forEachRemaining(e -> {
            List<String> names = new ArrayList<>();
            e.getValue().forEach(n -> names.add(n.asText()));
            names.sort(null);
            clusters.put(e.getKey(), List.copyOf(names));
        });
        Map<String, String> masters = new LinkedHashMap<>();
        root.path("brokerAddrTable").fields().forEachRemaining(e -> {
            JsonNode master = e.getValue().path("brokerAddrs").get("0");
            if (master != null) {
                masters.put(e.getKey(), master.asText());
            }
        });
        return new ClusterInfo(clusters, masters);
    }

    @Override
    public long maxOffset(MessageQueue queue) {
        return brokers.maxOffset(queue);
    }

    @Override
    public long minOffset(MessageQueue queue) {
        return brokers.offset(RequestCode.GET_MIN_OFFSET, queue, "min offset");
    }

    @Override
    public long searchOffset(MessageQueue queue, Instant time) {
        RemotingCommand request = RemotingCommand.request(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP)
            .ext("timestamp", time.toEpochMilli());
        return Long.parseLong(brokers.queueCall(request, queue, "search offset").ext("offset"));
    }

    @Override
    public Instant earliestMsgStoreTime(MessageQueue queue) {
        RemotingCommand r = brokers.queueCall(RequestCode.GET_EARLIEST_MSG_STORETIME, queue, "earliest store time");
        return Instant.ofEpochMilli(Long.parseLong(r.ext("timestamp")));
    }

    @Override
    public ReceivedMessage viewMessage(String offsetMsgId) {
        MessageCodec.OffsetMsgId id;
        try {
            id = MessageCodec.decodeOffsetMsgId(offsetMsgId);
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException(e.getMessage(), e);
        }
        RemotingCommand request = RemotingCommand.request(RequestCode.VIEW_MESSAGE_BY_ID).ext("offset", id.commitLogOffset());
        RemotingCommand r = ResponseErrors.requireSuccess(core.call(id.brokerAddress(), request),
            "view message " + offsetMsgId + " on " + id.brokerAddress());
        List<ReceivedMessage> messages = MessageCodec.decodeStored(r.body());
        if (messages.isEmpty()) {
            throw new RocketMqProtocolException("view of " + offsetMsgId + " returned no message");
        }
        return messages.get(0);
    }

    @Override
    public List<ReceivedMessage> queryMessageByKey(String topic, String key, int maxNum, Instant begin, Instant end) {
        return query(topic, key, maxNum, begin.toEpochMilli(), end.toEpochMilli(), false);
    }

    @Override
    public List<ReceivedMessage> queryMessageByUniqueKey(String topic, String msgId) {
        return query(topic, msgId, 32, 0, Long.MAX_VALUE, true);
    }

    @Override
    public List<TraceRecord> queryTrace(String traceTopic, String msgId) {
        List<TraceRecord> records = new ArrayList<>();
        for (ReceivedMessage m : query(traceTopic, msgId, 64, 0, Long.MAX_VALUE, false)) {
            for (TraceRecord r : TraceCodec.decode(m.bodyAsString())) {
                if (r.msgId().equals(msgId)) {
                    records.add(r);
                }
            }
        }
        records.sort(java.util.Comparator.comparing(TraceRecord::timestamp));
        return records;
    }

    private List<ReceivedMessage> query(String topic, String key, int maxNum, long begin, long end, boolean unique) {
        List<ReceivedMessage> found = new ArrayList<>();
        for (TopicRoute.Broker b : brokers.freshRoute(topic).brokers()) {
            if (b.master() == null) {
                continue;
            }
            RemotingCommand request = RemotingCommand.request(RequestCode.QUERY_MESSAGE).ext("topic", topic)
                .ext("key", key).ext("maxNum", maxNum).ext("beginTimestamp", begin).ext("endTimestamp", end);
            if (unique) {
                request.ext("_UNIQUE_KEY_QUERY", true);
            }
            RemotingCommand r = core.call(b.master(), request);
            if (r.code() == RequestCode.QUERY_NOT_FOUND) {
                continue;
            }
            ResponseErrors.requireSuccess(r, "query '" + key + "' in " + topic + " on " + b.master());
            for (ReceivedMessage m : MessageCodec.decodeStored(r.body())) {
                boolean match = unique ? key.equals(m.msgId()) : m.keys().contains(key);
                if (match) {
                    found.add(m);
                }
            }
        }
        return found;
    }

    private JsonNode nameServerJson(int code, String what) {
        RemotingCommand r = ResponseErrors.requireSuccess(core.nameServers.call(RemotingCommand.request(code)), what);
        return LenientJson.readObject(r.body(), what);
    }

    @Override
    public void close() {
        core.close();
    }
}
