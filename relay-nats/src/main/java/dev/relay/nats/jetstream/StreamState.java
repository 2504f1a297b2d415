package dev.relay.nats.jetstream;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a stream holds right now. Immutable.
 *
 * @param messages number of messages stored
 * @param bytes bytes stored
 * @param firstSequence sequence of the first message
 * @param firstTime time the first message was stored ({@link Instant#EPOCH} when empty)
 * @param lastSequence sequence of the last message
 * @param lastTime time the last message was stored ({@link Instant#EPOCH} when empty)
 * @param consumerCount number of consumers
 * @param deletedCount number of deleted messages between first and last
 * @param deleted the deleted sequences, when asked for with deleted details
 * @param subjectCount number of distinct subjects
 * @param subjects messages per subject, when asked for with a subjects filter
 */
public record StreamState(long messages, long bytes, long firstSequence, Instant firstTime, long lastSequence,
                          Instant lastTime, long consumerCount, long deletedCount, List<Long> deleted,
                          long subjectCount, Map<String, Long> subjects) {
    /** Copies the collections. */
    public StreamState {
        deleted = List.copyOf(deleted);
        subjects = Map.copyOf(subjects);
    }
}
