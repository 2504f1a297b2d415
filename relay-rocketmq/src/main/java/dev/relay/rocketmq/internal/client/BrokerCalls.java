package dev.relay.rocketmq.internal.client;

import dev.relay.rocketmq.MessageQueue;
import dev.relay.rocketmq.NoRouteException;
import dev.relay.rocketmq.internal.protocol.RemotingCommand;
import dev.relay.rocketmq.internal.protocol.RequestCode;
import dev.relay.rocketmq.internal.protocol.TopicRoute;
import java.util.List;

/**
 * Queue-level requests admin and consumer share: find a queue's broker, read its offsets. Thread-safe
 * (only uses the core).
 */
final class BrokerCalls {
    private final ClientCore core;

    BrokerCalls(ClientCore core) {
        this.core = core;
    }

    /** The master address of the queue's broker, fetching the topic's route if needed. */
    String addressOf(MessageQueue queue) {
        String address = core.routes.masterOf(queue.brokerName());
        if (address == null) {
            core.routes.fetch(queue.topic());
            address = core.routes.masterOf(queue.brokerName());
        }
        if (address == null) {
            throw new NoRouteException("no master address known for broker '" + queue.brokerName() + "' of " + queue);
        }
        return address;
    }

    /** A route fetched now. */
    TopicRoute freshRoute(String topic) {
        return core.routes.fetch(topic).orElseThrow(() -> new NoRouteException("topic '" + topic + "' does not exist"));
    }

    List<MessageQueue> readQueues(String topic) {
        return freshRoute(topic).readQueues(topic);
    }

    long offset(int code, MessageQueue queue, String what) {
        RemotingCommand r = queueCall(code, queue, what);
        return Long.parseLong(r.ext("offset"));
    }

    RemotingCommand queueCall(int code, MessageQueue queue, String what) {
        return queueCall(RemotingCommand.request(code), queue, what);
    }

    RemotingCommand queueCall(RemotingCommand request, MessageQueue queue, String what) {
        String address = addressOf(queue);
        request.ext("topic", queue.topic()).ext("queueId", queue.queueId()).ext("bname", queue.brokerName());
        return ResponseErrors.requireSuccess(core.call(address, request), what + " of " + queue + " on " + address);
    }

    long maxOffset(MessageQueue queue) {
        return offset(RequestCode.GET_MAX_OFFSET, queue, "max offset");
    }
}
