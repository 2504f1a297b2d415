package dev.relay.rocketmq;

import java.time.Instant;
import java.util.List;

/**
 * One message-trace record as stored in the trace topic ({@code Pub} for a send,
 * {@code EndTransaction} for a transaction's end), in the layout the official tools decode. Immutable.
 *
 * @param type {@code Pub}, {@code EndTransaction}, {@code SubBefore} or {@code SubAfter}
 * @param timestamp when it was recorded
 * @param group the producer group
 * @param topic the traced message's topic
 * @param msgId the traced message's unique id
 * @param fields every field in wire order (type first), for the type-specific ones (Pub: [9] body length,
 *     [10] cost ms, [11] message type, [12] offsetMsgId, [13] success; EndTransaction: [10] transaction id,
 *     [11] state, [12] from check)
 */
public record TraceRecord(String type, Instant timestamp, String group, String topic, String msgId, List<String> fields) {
    /** Copies the list. */
    public TraceRecord {
        fields = List.copyOf(fields);
    }
}
