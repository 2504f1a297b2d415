package dev.relay.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster of real nats-server processes on 127.0.0.1, routed to each other, for tests of
 * discovery, failover and cross-node delivery. Each node is a {@link NatsServer}, so one node can be
 * killed, stopped, restarted (same ports, same routes) or put into lame duck mode on its own.
 * Thread-safe: the node list is fixed at start and every node is thread-safe itself.
 *
 * <p>{@code try (NatsCluster c = NatsCluster.start(3)) { connect(c.urls()); c.node(0).kill(); }}
 */
public final class NatsCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NatsCluster.class);
    private static final int MAX_PORT_RETRIES = 3;
    /** nats-server 2.9 logs {@code bind: address already in use} for any listener it cannot open. */
    private static final String ADDRESS_IN_USE = "address already in use";
    private static final int LOG_LINES_SCANNED = 200;
    private static final int FAILURE_LOG_LINES = 30;

    private final NatsClusterConfig config;
    private final ClusterLayout layout;
    private final List<NatsServer> nodes;
    private final List<String> names;
    private final AtomicBoolean closed = new AtomicBoolean();

    private NatsCluster(NatsClusterConfig config, ClusterLayout layout, List<NatsServer> nodes) {
        this.config = config;
        this.layout = layout;
        this.nodes = List.copyOf(nodes);
        List<String> nodeNames = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            nodeNames.add(ClusterLayout.nodeName(config, i));
        }
        this.names = List.copyOf(nodeNames);
    }

    /**
     * Starts the default cluster: 3 nodes, JetStream off. Same as {@code start(NatsClusterConfig.defaults())}.
     *
     * @return the formed cluster; close it when done
     * @throws NatsServerNotFoundException if nats-server is not installed
     * @throws NatsServerException if a node does not start or the cluster does not form
     */
    public static NatsCluster start() {
        return start(NatsClusterConfig.defaults());
    }

    /**
     * Starts a cluster of {@code nodes} nodes with the other defaults (JetStream off).
     *
     * @param nodes 1..16
     * @return the formed cluster; close it when done
     * @throws IllegalArgumentException if {@code nodes} is out of range
     * @throws NatsServerNotFoundException if nats-server is not installed
     * @throws NatsServerException if a node does not start or the cluster does not form
     */
    public static NatsCluster start(int nodes) {
        return start(NatsClusterConfig.builder().nodes(nodes).build());
    }

    /**
     * Starts every node, then blocks until the cluster is formed (see {@link #awaitFormed(Duration)})
     * for at most {@link NatsClusterConfig#formTimeout()}. A lost race for a route or monitoring
     * port makes it start over on new ports, up to 3 times.
     *
     * <p>{@code NatsCluster c = NatsCluster.start(NatsClusterConfig.builder().jetStream(true).build());}
     *
     * @param config what to start
     * @return the formed cluster; close it when done
     * @throws NatsServerNotFoundException if nats-server is not installed
     * @throws NatsServerException if a node does not start or the cluster does not form; the
     *     message holds the log tails
     */
    public static NatsCluster start(NatsClusterConfig config) {
        Objects.requireNonNull(config, "config");
        return start(config, attempt -> ClusterLayout.pick(config.nodes()));
    }

    /** Starts with injectable ports per attempt, so tests can force a lost port race. */
    static NatsCluster start(NatsClusterConfig config, IntFunction<ClusterLayout> layouts) {
        for (int attempt = 0; ; attempt++) {
            ClusterLayout layout = layouts.apply(attempt);
            List<NatsServer> started = new ArrayList<>(config.nodes());
            try {
                for (int i = 0; i < config.nodes(); i++) {
                    started.add(NatsServer.start(layout.nodeConfig(config, i)));
                }
                NatsCluster cluster = new NatsCluster(config, layout, started);
                cluster.awaitFormed(config.formTimeout());
                cluster.requireAllRunning();
                LOG.debug("Started {}", cluster);
                return cluster;
            } catch (RuntimeException e) {
                boolean portTaken = lostPortRace(e, started);
                started.forEach(NatsServer::close);
                if (!portTaken || attempt >= MAX_PORT_RETRIES) {
                    throw e;
                }
                LOG.info("A cluster port was taken before nats-server could bind it; starting over on new ports");
            }
        }
    }

    /**
     * Returns node {@code i}, to kill, stop, restart or lame-duck it; a restart keeps its client,
     * route and monitoring ports, so the other nodes reconnect to it.
     *
     * @param i 0..size()-1
     * @return the node
     * @throws IndexOutOfBoundsException if {@code i} is out of range
     */
    public NatsServer node(int i) {
        return nodes.get(i);
    }

    /** @return every node, in index order; an unmodifiable list */
    public List<NatsServer> nodes() {
        return nodes;
    }

    /** @return every node's client URL {@code nats://127.0.0.1:PORT}, in index order, running or not */
    public List<String> urls() {
        return nodes.stream().map(NatsServer::url).toList();
    }

    /**
     * Returns node {@code i}'s client URL.
     *
     * @param i 0..size()-1
     * @return {@code nats://127.0.0.1:PORT}
     * @throws IndexOutOfBoundsException if {@code i} is out of range
     */
    public String url(int i) {
        return nodes.get(i).url();
    }

    /** @return the number of nodes, running or not */
    public int size() {
        return nodes.size();
    }

    /** @return the {@code cluster.name}, e.g. {@code relay-test} */
    public String name() {
        return config.name();
    }

    /**
     * Returns node {@code i}'s {@code server_name}, {@code <cluster name>-<i>}.
     *
     * @param i 0..size()-1
     * @return the name, e.g. {@code relay-test-0}
     * @throws IndexOutOfBoundsException if {@code i} is out of range
     */
    public String nodeName(int i) {
        return names.get(i);
    }

    /**
     * Returns node {@code i}'s route port ({@code cluster.listen}).
     *
     * @param i 0..size()-1
     * @return the port on 127.0.0.1
     * @throws IndexOutOfBoundsException if {@code i} is out of range
     */
    public int routePort(int i) {
        return layout.routePorts().get(i);
    }

    /**
     * Returns node {@code i}'s HTTP monitoring port ({@code /varz}, {@code /routez}, {@code /jsz}...).
     *
     * @param i 0..size()-1
     * @return the port on 127.0.0.1
     * @throws IndexOutOfBoundsException if {@code i} is out of range
     */
    public int monitorPort(int i) {
        return layout.monitorPorts().get(i);
    }

    /** @return the configuration this cluster was started with */
    public NatsClusterConfig config() {
        return config;
    }

    /**
     * Blocks until every running node reports every other running node as a route (and, with
     * JetStream and a majority running, names a running node as meta leader), polling each node's
     * monitoring port. Stopped or killed nodes are ignored; with no node running it returns at once.
     *
     * <p>{@code cluster.node(2).restart(); cluster.awaitFormed(Duration.ofSeconds(10));}
     *
     * @param timeout the longest to wait
     * @throws NatsServerException on timeout, naming the missing routes, with each node's log tail
     */
    public void awaitFormed(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        ClusterProbe.awaitFormed(nodes, names, layout.monitorPorts(), config.jetStream(), timeout);
    }

    /**
     * Blocks until node {@code i} has learned, over its routes, of a subscription on exactly
     * {@code subject} (as written, wildcards included) made on another node. Route interest travels
     * asynchronously, so publish on node {@code i} only after this returns.
     *
     * <p>{@code sub(c.url(2), "orders"); c.awaitRouteInterest(0, "orders", WAIT); pub(c.url(0), "orders");}
     *
     * @param i the node that will receive publications, 0..size()-1
     * @param subject the subscription's subject
     * @param timeout the longest to wait
     * @throws NatsServerException on timeout
     * @throws IndexOutOfBoundsException if {@code i} is out of range
     */
    public void awaitRouteInterest(int i, String subject, Duration timeout) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(timeout, "timeout");
        ClusterProbe.awaitRouteInterest(nodes.get(i), monitorPort(i), subject, timeout);
    }

    /** Stops every node and deletes its temporary files (see {@link NatsServer#close()}). Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            nodes.forEach(NatsServer::close);
        }
    }

    @Override
    public String toString() {
        return "NatsCluster{" + config.name() + ", nodes=" + urls() + ", routePorts=" + layout.routePorts()
                + ", monitorPorts=" + layout.monitorPorts() + "}";
    }

    /**
     * A node whose route port was taken greets clients first and exits a moment later (nats-server
     * 2.9.10 binds the route listener after "Server is ready"); {@link #awaitFormed} ignores it then.
     */
    private void requireAllRunning() {
        List<Integer> exited = new ArrayList<>();
        StringBuilder tails = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            if (!nodes.get(i).isRunning()) {
                exited.add(i);
                tails.append("\n--- last ").append(FAILURE_LOG_LINES).append(" lines of node ").append(i)
                        .append(" (").append(nodes.get(i).logFile()).append(") ---\n")
                        .append(nodes.get(i).logTail(FAILURE_LOG_LINES));
            }
        }
        if (!exited.isEmpty()) {
            throw new NatsServerException("node(s) " + exited + " exited while the cluster formed" + tails);
        }
    }

    /** Whether a start failed because one of our pre-picked ports was taken; read before closing. */
    private static boolean lostPortRace(RuntimeException e, List<NatsServer> started) {
        if (e instanceof NatsServerNotFoundException) {
            return false;
        }
        if (String.valueOf(e.getMessage()).contains(ADDRESS_IN_USE)) {
            return true;
        }
        return started.stream().anyMatch(n -> !n.isRunning() && n.logTail(LOG_LINES_SCANNED).contains(ADDRESS_IN_USE));
    }
}
