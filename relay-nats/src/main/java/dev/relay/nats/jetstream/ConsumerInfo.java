package dev.relay.nats.jetstream;

import java.time.Instant;
import java.util.Optional;

/**
 * A consumer's configuration and state as the server reports them. Immutable.
 *
 * @param stream the stream's name
 * @param name the consumer's name
 * @param created when it was created
 * @param config the configuration the server stores
 * @param delivered the last delivered position
 * @param ackFloor the position up to which everything is acknowledged
 * @param ackPending messages delivered and not yet acknowledged
 * @param redelivered messages delivered more than once and not yet acknowledged
 * @param waiting pending pull requests
 * @param pending messages in the stream not yet delivered to this consumer
 * @param cluster its cluster placement, when clustered
 * @param pushBound whether a push consumer has a subscriber
 */
public record ConsumerInfo(String stream, String name, Instant created, ConsumerConfig config,
                           SequenceInfo delivered, SequenceInfo ackFloor, long ackPending, long redelivered,
                           long waiting, long pending, Optional<ClusterInfo> cluster, boolean pushBound) {
}
