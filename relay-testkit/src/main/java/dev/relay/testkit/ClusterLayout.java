package dev.relay.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * The ports of a cluster (one route port and one monitoring port per node) and the per-node
 * {@link NatsServerConfig} built from them. Called by {@link NatsCluster} when it starts; immutable
 * and thread-safe. Client ports are not part of it: each {@link NatsServer} picks its own and
 * retries on a port race, and routes never name client ports.
 *
 * <p>Each node's config gets, after the generated {@code listen}/{@code server_name}/{@code jetstream}:
 * <pre>
 * http: 127.0.0.1:MONITOR
 * cluster {
 *   name: "relay-test"
 *   listen: 127.0.0.1:ROUTE
 *   routes: [
 *     nats-route://127.0.0.1:ROUTE_OF_EVERY_OTHER_NODE
 *   ]
 * }
 * </pre>
 * A node's own route URL is left out: nats-server 2.9.10 dials it anyway, then drops it as a
 * "Duplicate Route", which only adds noise to the logs. Explicit routes are redialled every second
 * for ever, so start order does not matter and a restarted node is found again. {@code no_advertise}
 * is not set, so clients receive the other nodes' client URLs in INFO {@code connect_urls}.
 *
 * @param routePorts the {@code cluster.listen} port of each node
 * @param monitorPorts the {@code http} monitoring port of each node
 */
record ClusterLayout(List<Integer> routePorts, List<Integer> monitorPorts) {

    ClusterLayout {
        routePorts = List.copyOf(routePorts);
        monitorPorts = List.copyOf(monitorPorts);
        if (routePorts.size() != monitorPorts.size()) {
            throw new IllegalArgumentException("one route and one monitor port per node: " + routePorts
                    + " vs " + monitorPorts);
        }
    }

    /**
     * Picks {@code 2 * nodes} distinct free loopback ports. All sockets stay bound until every port
     * is chosen, so the kernel cannot hand out one port twice; another process may still take one
     * before nats-server binds it, which {@link NatsCluster} handles by starting over.
     */
    static ClusterLayout pick(int nodes) {
        List<ServerSocket> held = new ArrayList<>(2 * nodes);
        try {
            for (int i = 0; i < 2 * nodes; i++) {
                held.add(new ServerSocket(0, 1, FreePorts.loopbackAddress()));
            }
            List<Integer> route = new ArrayList<>(nodes);
            List<Integer> monitor = new ArrayList<>(nodes);
            for (int i = 0; i < nodes; i++) {
                route.add(held.get(2 * i).getLocalPort());
                monitor.add(held.get(2 * i + 1).getLocalPort());
            }
            return new ClusterLayout(route, monitor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind free ports on 127.0.0.1", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the port is released either way once the JVM forgets the socket
                }
            }
        }
    }

    /** Returns the number of nodes. */
    int size() {
        return routePorts.size();
    }

    /** Returns node {@code i}'s {@code server_name}: {@code <cluster name>-<i>}. */
    static String nodeName(NatsClusterConfig config, int i) {
        return config.name() + "-" + i;
    }

    /** Returns the whole server config of node {@code i}. */
    NatsServerConfig nodeConfig(NatsClusterConfig config, int i) {
        String extra = config.extraConfig().isEmpty() ? clusterBlock(config.name(), i)
                : clusterBlock(config.name(), i) + config.extraConfig();
        return NatsServerConfig.builder()
                .name(nodeName(config, i))
                .jetStream(config.jetStream())
                .debug(config.debug())
                .startTimeout(config.startTimeout())
                .stopTimeout(config.stopTimeout())
                .keepLogsOnClose(config.keepLogsOnClose())
                .extraConfig(extra)
                .build();
    }

    /** Renders the monitoring line and the cluster block of node {@code i}. */
    String clusterBlock(String clusterName, int i) {
        StringBuilder out = new StringBuilder(256);
        out.append("http: ").append(ServerLauncher.HOST).append(':').append(monitorPorts.get(i)).append('\n');
        out.append("cluster {\n");
        out.append("  name: ").append(ConfigRenderer.quote(clusterName)).append('\n');
        out.append("  listen: ").append(ServerLauncher.HOST).append(':').append(routePorts.get(i)).append('\n');
        out.append("  routes: [\n");
        for (int j = 0; j < routePorts.size(); j++) {
            if (j != i) {
                // one URL per line: nats-server 2.9 rejects array items separated by spaces only
                out.append("    ").append(routeUrl(j)).append('\n');
            }
        }
        out.append("  ]\n}\n");
        return out.toString();
    }

    /** Returns node {@code j}'s route URL, {@code nats-route://127.0.0.1:PORT}. */
    String routeUrl(int j) {
        return "nats-route://" + ServerLauncher.HOST + ":" + routePorts.get(j);
    }
}
