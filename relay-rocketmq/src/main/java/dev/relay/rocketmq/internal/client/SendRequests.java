package dev.relay.rocketmq.internal.client;

import dev.relay.rocketmq.InvalidMessageException;
import dev.relay.rocketmq.Message;
import dev.relay.rocketmq.MessageQueue;
import dev.relay.rocketmq.SendResult;
import dev.relay.rocketmq.SendStatus;
import dev.relay.rocketmq.internal.protocol.MessageCodec;
import dev.relay.rocketmq.internal.protocol.RemotingCommand;
import dev.relay.rocketmq.internal.protocol.RequestCode;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds SEND_MESSAGE_V2 / SEND_BATCH_MESSAGE requests from messages and reads send responses;
 * pure, no I/O. Stateless, thread-safe.
 */
final class SendRequests {
    /** The topic brokers create new topics from when auto-create is on. */
    static final String DEFAULT_TOPIC = "TBW102";
    private static final int DEFAULT_TOPIC_QUEUE_NUMS = 4;

    private SendRequests() {
    }

    /**
     * The properties of a message as sent: TAGS, KEYS, WAIT, DELAY, UNIQ_KEY, extra system ones, user ones.
     *
     * @param m the message
     * @param uniqKey its unique id
     * @param extra system properties to add (e.g. TRAN_MSG), may be empty
     * @return the properties in order
     */
    static Map<String, String> properties(Message m, String uniqKey, Map<String, String> extra) {
        Map<String, String> p = new LinkedHashMap<>();
        if (m.tags() != null) {
            p.put("TAGS", m.tags());
        }
        if (!m.keys().isEmpty()) {
            p.put("KEYS", String.join(" ", m.keys()));
        }
        p.put("WAIT", Boolean.toString(m.waitStoreMsgOk()));
        if (m.delayLevel() > 0) {
            p.put("DELAY", Integer.toString(m.delayLevel()));
        }
        p.put("UNIQ_KEY", uniqKey);
        p.putAll(extra);
        p.putAll(m.properties());
        return p;
    }

    /**
     * @param group the producer group
     * @param m the message
     * @param queue the target queue
     * @param properties the encoded properties
     * @param sysFlag the message sysFlag (4 for a half message)
     * @return the request
     */
    static RemotingCommand single(String group, Message m, MessageQueue queue, String properties, int sysFlag) {
        checkPropertiesLength(properties);
        return header(RequestCode.SEND_MESSAGE_V2, group, queue, properties, sysFlag, false).body(m.body());
    }

    /**
     * @param group the producer group
     * @param messages the batch (already checked)
     * @param uniqKeys one unique id per message
     * @param queue the target queue
     * @return the request
     */
    static RemotingCommand batch(String group, List<Message> messages, List<String> uniqKeys, MessageQueue queue) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < messages.size(); i++) {
            String props = MessageCodec.encodeProperties(properties(messages.get(i), uniqKeys.get(i), Map.of()));
            checkPropertiesLength(props);
            body.writeBytes(MessageCodec.encodeBatchEntry(0, messages.get(i).body(), props));
        }
        String headerProps = MessageCodec.encodeProperties(Map.of("WAIT", Boolean.toString(messages.get(0).waitStoreMsgOk())));
        return header(RequestCode.SEND_BATCH_MESSAGE, group, queue, headerProps, 0, true).body(body.toByteArray());
    }

    /**
     * Checks the rules of a batch: not empty, one topic, one wait flag, no delay levels.
     *
     * @param messages the batch
     * @throws InvalidMessageException naming the rule
     */
    static void checkBatch(List<Message> messages) {
        if (messages == null || messages.isEmpty()) {
            throw new InvalidMessageException("a batch needs at least one message");
        }
        Message first = messages.get(0);
        long total = 0;
        for (Message m : messages) {
            if (!m.topic().equals(first.topic())) {
                throw new InvalidMessageException("all messages of a batch need the same topic: '" + first.topic()
                    + "' and '" + m.topic() + "'");
            }
            if (m.waitStoreMsgOk() != first.waitStoreMsgOk()) {
                throw new InvalidMessageException("all messages of a batch need the same waitStoreMsgOk");
            }
            if (m.delayLevel() > 0) {
                throw new InvalidMessageException("batch messages cannot have a delay level");
            }
            total += m.bodyLength();
        }
        if (total > Message.MAX_BODY_BYTES) {
            throw new InvalidMessageException("batch of " + total + " body bytes is larger than "
                + Message.MAX_BODY_BYTES);
        }
    }

    private static RemotingCommand header(int code, String group, MessageQueue queue, String properties, int sysFlag,
                                          boolean batch) {
        return RemotingCommand.request(code)
            .ext("a", group).ext("b", queue.topic()).ext("c", DEFAULT_TOPIC).ext("d", DEFAULT_TOPIC_QUEUE_NUMS)
            .ext("e", queue.queueId()).ext("f", sysFlag).ext("g", System.currentTimeMillis()).ext("h", 0)
            .ext("i", properties).ext("j", 0).ext("k", false).ext("m", batch).ext("n", queue.brokerName());
    }

    private static void checkPropertiesLength(String properties) {
        int bytes = properties.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > Short.MAX_VALUE) {
            throw new InvalidMessageException("properties of " + bytes + " bytes exceed the 32767-byte limit");
        }
    }

    /**
     * @param response a send response
     * @return the status if the code means "stored", else {@code null}
     */
    static SendStatus status(RemotingCommand response) {
        return switch (response.code()) {
            case RequestCode.SUCCESS -> SendStatus.SEND_OK;
            case RequestCode.FLUSH_DISK_TIMEOUT -> SendStatus.FLUSH_DISK_TIMEOUT;
            case RequestCode.FLUSH_SLAVE_TIMEOUT -> SendStatus.FLUSH_SLAVE_TIMEOUT;
            case RequestCode.SLAVE_NOT_AVAILABLE -> SendStatus.SLAVE_NOT_AVAILABLE;
            default -> null;
        };
    }

    /**
     * @param response a stored-message response
     * @param status its status
     * @param queue the queue sent to
     * @param msgId the unique id(s) sent
     * @return the result
     */
    static SendResult result(RemotingCommand response, SendStatus status, MessageQueue queue, String msgId) {
        int queueId = parseInt(response.ext("queueId"), queue.queueId());
        MessageQueue actual = new MessageQueue(queue.topic(), queue.brokerName(), queueId);
        return new SendResult(status, msgId, response.ext("msgId"), actual,
            Long.parseLong(response.extFields().getOrDefault("queueOffset", "-1")),
            response.extFields().getOrDefault("transactionId", msgId));
    }

    private static int parseInt(String s, int fallback) {
        return s == null ? fallback : Integer.parseInt(s);
    }
}
