package dev.relay.rocketmq.internal.client;

import dev.relay.rocketmq.ClientOptions;
import dev.relay.rocketmq.InvalidMessageException;
import dev.relay.rocketmq.MessageQueue;
import dev.relay.rocketmq.PullConsumer;
import dev.relay.rocketmq.PullResult;
import dev.relay.rocketmq.ReceivedMessage;
import dev.relay.rocketmq.internal.protocol.MessageCodec;
import dev.relay.rocketmq.internal.protocol.RemotingCommand;
import dev.relay.rocketmq.internal.protocol.RequestCode;
import dev.relay.rocketmq.internal.remoting.RemotingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@link PullConsumer}: PULL_MESSAGE without long polling, the broker filtering by tag hash and
 * this class by tag text, and the group's offsets in the broker's offset store. Thread-safe.
 */
public final class RealPullConsumer implements PullConsumer {
    private static final int QUERY_CONSUMER_OFFSET = 14;
    private static final int UPDATE_CONSUMER_OFFSET = 15;
    /** PULL_MESSAGE sysFlag: the subscription travels in the request. */
    private static final int FLAG_SUBSCRIPTION = 0x4;

    private final ClientCore core;
    private final BrokerCalls brokers;
    private final String group;
    private final java.util.Map<MessageQueue, Long> positions = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param options the options (group = consumer group)
     */
    public RealPullConsumer(ClientOptions options) {
        this.core = new ClientCore(options, null, RemotingConfig.UNSUPPORTED);
        this.brokers = new BrokerCalls(core);
        this.group = options.group();
    }

    @Override
    public List<MessageQueue> queues(String topic) {
        return brokers.readQueues(topic);
    }

    @Override
    public PullResult pull(MessageQueue queue, String tagExpression, long offset, int maxMessages) {
        if (maxMessages < 1 || maxMessages > 1024) {
            throw new InvalidMessageException("maxMessages must be within 1..1024, was " + maxMessages);
        }
        if (offset < 0) {
            throw new InvalidMessageException("offset must be >= 0, was " + offset);
        }
        Set<String> tags = TagExpression.parse(tagExpression);
        String expression = tags.isEmpty() ? "*" : String.join("||", tags);
        String address = brokers.addressOf(queue);
        RemotingCommand request = RemotingCommand.request(RequestCode.PULL_MESSAGE)
            .ext("consumerGroup", group).ext("topic", queue.topic()).ext("queueId", queue.queueId())
            .ext("queueOffset", offset).ext("maxMsgNums", maxMessages).ext("sysFlag", FLAG_SUBSCRIPTION)
            .ext("commitOffset", 0).ext("suspendTimeoutMillis", 0).ext("subscription", expression)
            .ext("subVersion", System.currentTimeMillis()).ext("expressionType", "TAG").ext("bname", queue.brokerName());
        RemotingCommand r = core.call(address, request);
        PullResult.Status status = switch (r.code()) {
            case RequestCode.SUCCESS -> PullResult.Status.FOUND;
            case RequestCode.PULL_NOT_FOUND -> PullResult.Status.NO_NEW_MSG;
            case RequestCode.PULL_RETRY_IMMEDIATELY -> PullResult.Status.NO_MATCHED_MSG;
            case RequestCode.PULL_OFFSET_MOVED -> PullResult.Status.OFFSET_ILLEGAL;
            default -> throw ResponseErrors.of(r, "pull " + queue + " from " + offset + " on " + address);
        };
        List<ReceivedMessage> messages = new ArrayList<>();
        if (status == PullResult.Status.FOUND) {
            for (ReceivedMessage m : MessageCodec.decodeStored(r.body())) {
                if (tags.isEmpty() || (m.tags() != null && tags.contains(m.tags()))) {
                    messages.add(m);
                }
            }
        }
        return new PullResult(status, longExt(r, "nextBeginOffset", offset), longExt(r, "minOffset", 0),
            longExt(r, "maxOffset", 0), messages);
    }

    @Override
    public void commitOffset(MessageQueue queue, long offset) {
        RemotingCommand request = RemotingCommand.request(UPDATE_CONSUMER_OFFSET).ext("consumerGroup", group)
            .ext("commitOffset", offset);
        brokers.queueCall(request, queue, "commit offset");
    }

    @Override
    public long committedOffset(MessageQueue queue) {
        RemotingCommand request = RemotingCommand.request(QUERY_CONSUMER_OFFSET).ext("consumerGroup", group)
            .ext("topic", queue.topic()).ext("queueId", queue.queueId()).ext("bname", queue.brokerName());
        RemotingCommand r = core.call(brokers.addressOf(queue), request);
        if (r.code() == RequestCode.QUERY_NOT_FOUND) {
            return -1;
        }
        ResponseErrors.requireSuccess(r, "committed offset of " + queue);
        return Long.parseLong(r.ext("offset"));
    }

    @Override
    public long maxOffset(MessageQueue queue) {
        return brokers.maxOffset(queue);
    }

    @Override
    public List<ReceivedMessage> poll(String topic, String tagExpression, int maxPerQueue) {
        List<ReceivedMessage> out = new ArrayList<>();
        for (MessageQueue queue : queues(topic)) {
            long from = positions.computeIfAbsent(queue, q -> {
                long committed = committedOffset(q);
                return committed >= 0 ? committed : brokers.offset(RequestCode.GET_MIN_OFFSET, q, "min offset");
            });
            PullResult r = pull(queue, tagExpression, from, maxPerQueue);
            out.addAll(r.messages());
            positions.put(queue, r.status() == PullResult.Status.NO_NEW_MSG ? from : r.nextBeginOffset());
        }
        return out;
    }

    @Override
    public void commit() {
        positions.forEach(this::commitOffset);
    }

    private static long longExt(RemotingCommand r, String name, long fallback) {
        String v = r.ext(name);
        return v == null ? fallback : Long.parseLong(v);
    }

    @Override
    public void close() {
        core.close();
    }
}
