package dev.relay.nats.jetstream;

import java.util.List;
import java.util.Objects;

/**
 * Where a stream's replicas should live: a cluster name and server tags, both optional. Immutable.
 *
 * @param cluster the cluster, or "" for any
 * @param tags tags every chosen server must have
 */
public record Placement(String cluster, List<String> tags) {
    /** Checks the parts and copies the tags. */
    public Placement {
        Objects.requireNonNull(cluster, "cluster");
        tags = List.copyOf(tags);
    }
}
