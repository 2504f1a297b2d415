package dev.relay.rocketmq;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A message as the broker stored it: what a pull, a view or a transaction check returns. Immutable
 * (the body array is the caller's copy).
 *
 * @param topic the topic
 * @param queueId the queue on the storing broker
 * @param queueOffset the offset in that queue
 * @param commitLogOffset the offset in the broker's commit log
 * @param msgId the client-made unique id ({@code UNIQ_KEY}), or the offsetMsgId if the sender set none
 * @param offsetMsgId the broker-made id (store host + commit log offset)
 * @param body the body (decompressed if the sender compressed it)
 * @param tags the tags or {@code null}
 * @param keys the keys (possibly empty)
 * @param properties all properties, system ones included
 * @param bornTimestamp when the sender made it
 * @param storeTimestamp when the broker stored it
 * @param bornHost the sender's address as {@code host:port}
 * @param storeHost the broker's address as {@code host:port}
 * @param reconsumeTimes how often it was consumed again
 * @param sysFlag the store flags (transaction type bits, compression, IPv6 hosts)
 */
public record ReceivedMessage(String topic, int queueId, long queueOffset, long commitLogOffset, String msgId,
                              String offsetMsgId, byte[] body, String tags, List<String> keys,
                              Map<String, String> properties, Instant bornTimestamp, Instant storeTimestamp,
                              String bornHost, String storeHost, int reconsumeTimes, int sysFlag) {

    /** @return the body as UTF-8 text */
    public String bodyAsString() {
        return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * @param name a property name
     * @return its value or {@code null}
     */
    public String property(String name) {
        return properties.get(name);
    }

    @Override
    public String toString() {
        return "ReceivedMessage[topic=" + topic + ", queue=" + queueId + ", offset=" + queueOffset + ", msgId=" + msgId
            + ", tags=" + tags + ", keys=" + keys + ", body=" + body.length + "B]";
    }
}
