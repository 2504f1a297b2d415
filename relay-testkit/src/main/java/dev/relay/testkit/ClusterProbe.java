package dev.relay.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Tells whether a cluster is formed from what each node's HTTP monitoring port reports, and polls
 * until it is. Called by {@link NatsCluster}; stateless and thread-safe.
 *
 * <p>Formed means: every running node answers {@code /routez} and lists every other running node's
 * {@code server_id} among its routes' {@code remote_id}s (nats-server 2.9.10 does not put remote
 * server names in {@code /routez}); with JetStream, and a majority of nodes running, every running
 * node's {@code /jsz} also names a running node as {@code meta_cluster.leader}. After a leader is
 * killed the survivors keep naming it for a few seconds (2.9.10), hence "a running node".
 */
final class ClusterProbe {

    /** What one node reported; {@code error} is set when its monitoring port did not answer. */
    record NodeView(int index, String name, boolean running, String serverId, Set<String> remoteIds,
            String metaLeader, String error) {
    }

    private static final long FIRST_BACKOFF_MS = 5;
    private static final long MAX_BACKOFF_MS = 100;
    private static final int MAX_HTTP_TIMEOUT_MS = 1_000;
    private static final int LOG_LINES_ON_TIMEOUT = 10;

    private ClusterProbe() {
    }

    /**
     * Waits until the cluster is formed.
     *
     * @throws NatsServerException on timeout, naming what is missing, with each node's log tail
     */
    static void awaitFormed(List<NatsServer> nodes, List<String> names, List<Integer> monitorPorts,
            boolean jetStream, Duration timeout) {
        poll(timeout, () -> {
            int httpTimeoutMs = (int) Math.min(MAX_HTTP_TIMEOUT_MS, Math.max(1, timeout.toMillis()));
            List<NodeView> views = new ArrayList<>(nodes.size());
            for (int i = 0; i < nodes.size(); i++) {
                views.add(read(i, names.get(i), nodes.get(i), monitorPorts.get(i), jetStream, httpTimeoutMs));
            }
            return missing(views, jetStream, nodes.size());
        }, problem -> {
            StringBuilder message = new StringBuilder("cluster not formed within " + timeout + ": " + problem);
            for (int i = 0; i < nodes.size(); i++) {
                message.append("\n--- last ").append(LOG_LINES_ON_TIMEOUT).append(" lines of node ").append(i)
                        .append(" (").append(nodes.get(i).logFile()).append(") ---\n")
                        .append(nodes.get(i).logTail(LOG_LINES_ON_TIMEOUT));
            }
            return new NatsServerException(message.toString());
        });
    }

    /**
     * Waits until {@code node} has learned over its routes of a subscription on exactly
     * {@code subject} (as written, wildcards included), from {@code /routez?subs=1}.
     *
     * @throws NatsServerException on timeout
     */
    static void awaitRouteInterest(NatsServer node, int monitorPort, String subject, Duration timeout) {
        poll(timeout, () -> {
            try {
                String routez = get(monitorPort, "/routez?subs=1", MAX_HTTP_TIMEOUT_MS);
                return JsonFields.stringArrays(routez, "subscriptions_list").contains(subject) ? Optional.empty()
                        : Optional.of("no route of " + node.url() + " carries a subscription on '" + subject + "'");
            } catch (IOException e) {
                return Optional.of("monitoring port " + monitorPort + " of " + node.url() + ": " + e);
            }
        }, problem -> new NatsServerException("interest not propagated within " + timeout + ": " + problem));
    }

    /** Returns what keeps the cluster from being formed, or empty if it is formed. Pure. */
    static Optional<String> missing(List<NodeView> views, boolean jetStream, int size) {
        List<NodeView> running = views.stream().filter(NodeView::running).toList();
        List<String> problems = new ArrayList<>();
        Set<String> runningNames = new HashSet<>();
        for (NodeView v : running) {
            runningNames.add(v.name());
            if (v.error() != null) {
                problems.add("node " + v.index() + " monitoring: " + v.error());
            }
        }
        for (NodeView v : running) {
            List<Integer> unrouted = new ArrayList<>();
            for (NodeView other : running) {
                if (other != v && (other.serverId() == null || !v.remoteIds().contains(other.serverId()))) {
                    unrouted.add(other.index());
                }
            }
            if (v.error() == null && !unrouted.isEmpty()) {
                problems.add("node " + v.index() + " has no route to node(s) " + unrouted);
            }
            boolean quorum = running.size() * 2 > size;
            if (jetStream && quorum && v.error() == null && !runningNames.contains(v.metaLeader())) {
                problems.add("node " + v.index() + " reports JetStream meta leader '" + v.metaLeader()
                        + "', not a running node");
            }
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    private static NodeView read(int index, String name, NatsServer node, int monitorPort, boolean jetStream,
            int timeoutMs) {
        if (!node.isRunning()) {
            return new NodeView(index, name, false, null, Set.of(), null, null);
        }
        try {
            String routez = get(monitorPort, "/routez", timeoutMs);
            String serverId = InfoJson.stringField(routez, "server_id").orElse(null);
            Set<String> remoteIds = Set.copyOf(JsonFields.allStrings(routez, "remote_id"));
            String leader = null;
            if (jetStream) {
                leader = JsonFields.allStrings(get(monitorPort, "/jsz", timeoutMs), "leader").stream()
                        .findFirst().orElse(null);
            }
            return new NodeView(index, name, true, serverId, remoteIds, leader, null);
        } catch (IOException e) {
            // refused while a node restarts or exits: not formed yet, ask again next round
            return new NodeView(index, name, true, null, Set.of(), null, e.toString());
        }
    }

    /** GETs a monitoring endpoint on 127.0.0.1, bypassing any configured HTTP proxy. */
    static String get(int port, String path, int timeoutMs) throws IOException {
        URL url = new URL("http", ServerLauncher.HOST, port, path);
        HttpURLConnection connection = (HttpURLConnection) url.openConnection(Proxy.NO_PROXY);
        connection.setConnectTimeout(timeoutMs);
        connection.setReadTimeout(timeoutMs);
        connection.setUseCaches(false);
        try {
            int status = connection.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new IOException(url + " answered HTTP " + status);
            }
            try (InputStream in = connection.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } finally {
            connection.disconnect();
        }
    }

    /**
     * Asks {@code check} until it reports no problem, backing off from 5 to 100 ms between rounds.
     * nats-server pushes nothing about routes to a watcher, so polling is the only way to wait.
     */
    private static void poll(Duration timeout, Supplier<Optional<String>> check,
            Function<String, NatsServerException> onTimeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long backoffMs = FIRST_BACKOFF_MS;
        while (true) {
            Optional<String> problem = check.get();
            if (problem.isEmpty()) {
                return;
            }
            long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (remainingMs <= 0) {
                throw onTimeout.apply(problem.get());
            }
            try {
                Thread.sleep(Math.min(backoffMs, remainingMs));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NatsServerException("interrupted while waiting: " + problem.get(), e);
            }
            backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
        }
    }
}
