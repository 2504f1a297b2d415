package dev.relay.rocketmq;

import java.util.List;
import java.util.Map;

/**
 * The name server's view of the clusters. Immutable.
 *
 * @param clusters cluster name → broker names
 * @param masters broker name → master address ({@code host:port})
 */
public record ClusterInfo(Map<String, List<String>> clusters, Map<String, String> masters) {
    /** Copies the maps. */
    public ClusterInfo {
        clusters = Map.copyOf(clusters);
        masters = Map.copyOf(masters);
    }
}
