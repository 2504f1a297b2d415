package dev.relay.nats.jetstream;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A stream's configuration and state as the server reports them. Immutable.
 *
 * @param config the configuration the server stores
 * @param created when the stream was created
 * @param state what it holds now
 * @param cluster its cluster placement, when clustered
 * @param mirror the state of its mirror origin, when it is a mirror
 * @param sources the state of its sources
 */
public record StreamInfo(StreamConfig config, Instant created, StreamState state, Optional<ClusterInfo> cluster,
                         Optional<StreamSourceInfo> mirror, List<StreamSourceInfo> sources) {
    /** Copies the list. */
    public StreamInfo {
        sources = List.copyOf(sources);
    }
}
