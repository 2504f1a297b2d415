package dev.relay.nats.jetstream;

import java.time.Instant;
import java.util.Optional;

/**
 * A position of a consumer: its own sequence and the stream's. Immutable.
 *
 * @param consumerSequence the consumer's sequence
 * @param streamSequence the stream's sequence
 * @param lastActive when the consumer last moved, if ever
 */
public record SequenceInfo(long consumerSequence, long streamSequence, Optional<Instant> lastActive) {
}
