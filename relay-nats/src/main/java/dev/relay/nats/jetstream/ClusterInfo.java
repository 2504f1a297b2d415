package dev.relay.nats.jetstream;

import java.time.Duration;
import java.util.List;

/**
 * Where a stream or consumer runs in a cluster: its leader and replicas. Immutable.
 *
 * @param name the cluster's name, "" when not clustered
 * @param leader the server that leads, ""
 * @param replicas the other replicas
 */
public record ClusterInfo(String name, String leader, List<Replica> replicas) {
    /** Copies the list. */
    public ClusterInfo {
        replicas = List.copyOf(replicas);
    }

    /**
     * One replica of a clustered stream or consumer.
     *
     * @param name server name
     * @param current whether it is up to date
     * @param offline whether it is offline
     * @param active time since it was last seen
     * @param lag operations it is behind
     */
    public record Replica(String name, boolean current, boolean offline, Duration active, long lag) {
    }
}
