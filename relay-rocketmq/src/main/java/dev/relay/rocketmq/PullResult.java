package dev.relay.rocketmq;

import java.util.List;

/**
 * What a pull returned. Immutable.
 *
 * @param status found, nothing new, nothing matching, or bad offset
 * @param nextBeginOffset where the next pull should start
 * @param minOffset the queue's smallest offset
 * @param maxOffset the queue's offset after its last message
 * @param messages the messages (empty unless {@link Status#FOUND}), after tag filtering
 */
public record PullResult(Status status, long nextBeginOffset, long minOffset, long maxOffset,
                         List<ReceivedMessage> messages) {
    /** Copies the list. */
    public PullResult {
        messages = List.copyOf(messages);
    }

    /** The outcome of a pull. */
    public enum Status {
        /** Messages were found (some may have been filtered out). */
        FOUND,
        /** No message at or after the offset yet. */
        NO_NEW_MSG,
        /** Messages exist but none matches the tags. */
        NO_MATCHED_MSG,
        /** The offset is outside the queue; continue from {@code nextBeginOffset}. */
        OFFSET_ILLEGAL
    }
}
