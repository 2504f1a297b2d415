package dev.relay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Integration tests of {@link NatsCluster} against real nats-server 2.9 processes, over raw sockets:
 * formation, cross-node delivery, discovery through INFO {@code connect_urls}, crash, restart and
 * lame duck of one node.
 */
class NatsClusterIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void formsARoutedClusterOnLoopback() {
        try (NatsCluster cluster = NatsCluster.start(3)) {
            assertThat(cluster.size()).isEqualTo(3);
            assertThat(cluster.urls()).hasSize(3).doesNotHaveDuplicates()
                    .allMatch(u -> u.startsWith("nats://127.0.0.1:"));
            assertThat(cluster.url(1)).isEqualTo(cluster.node(1).url());
            assertThat(cluster.nodes()).allMatch(NatsServer::isRunning);
            assertThat(cluster.name()).isEqualTo("relay-test");
            assertThat(cluster.nodeName(2)).isEqualTo("relay-test-2");
            assertThat(cluster.node(0).configFile()).content()
                    .contains("listen: 127.0.0.1:" + cluster.routePort(0))
                    .contains("nats-route://127.0.0.1:" + cluster.routePort(1))
                    .doesNotContain("nats-route://127.0.0.1:" + cluster.routePort(0))
                    .doesNotContain("no_advertise");
            assertThat(cluster.node(0).logTail(100)).contains("Route connection created");
            try (RawClient client = RawClient.connect(cluster.node(2).port())) {
                assertThat(client.info()).contains("\"cluster\":\"relay-test\"")
                        .contains("\"server_name\":\"relay-test-2\"").doesNotContain("\"jetstream\":true");
            }
        }
    }

    /**
     * nats-server 2.9.10 greets a client of node 0 with {@code "connect_urls"} listing the client
     * URLs (host:port, no scheme) of every node of the cluster, its own included.
     */
    @Test
    void clientsDiscoverEveryNodeThroughConnectUrls() {
        try (NatsCluster cluster = NatsCluster.start(3);
                RawClient client = RawClient.connect(cluster.node(0).port())) {
            client.send("CONNECT {}\r\nPING\r\n");
            client.awaitLine(line -> line.equals("PONG"), WAIT);
            assertThat(JsonFields.stringArrays(client.info(), "connect_urls"))
                    .containsExactlyInAnyOrder(hostPort(cluster, 0), hostPort(cluster, 1), hostPort(cluster, 2));
        }
    }

    @Test
    void messagePublishedOnNodeZeroReachesASubscriberOnNodeTwo() {
        try (NatsCluster cluster = NatsCluster.start(3)) {
            assertDelivered(cluster, 0, 2, "relay.cross");
        }
    }

    /**
     * After SIGKILL of node 2 the others keep routing and push an INFO without it to clients that
     * sent CONNECT with protocol 1; after its restart (same ports) it rejoins and is advertised again.
     */
    @Test
    void killedNodeLeavesTheOthersRoutingAndRejoinsAfterRestart() {
        try (NatsCluster cluster = NatsCluster.start(3);
                RawClient watcher = RawClient.connect(cluster.node(0).port())) {
            watcher.handshake();
            cluster.node(2).kill();
            String shrunk = watcher.awaitLine(line -> line.startsWith("INFO ")
                    && !JsonFields.stringArrays(line, "connect_urls").contains(hostPort(cluster, 2)), WAIT);
            assertThat(JsonFields.stringArrays(shrunk, "connect_urls"))
                    .containsExactlyInAnyOrder(hostPort(cluster, 0), hostPort(cluster, 1));
            cluster.awaitFormed(WAIT);
            assertDelivered(cluster, 1, 0, "relay.after.kill");

            cluster.node(2).restart();
            cluster.awaitFormed(WAIT);
            String grown = watcher.awaitLine(line -> line.startsWith("INFO ")
                    && JsonFields.stringArrays(line, "connect_urls").contains(hostPort(cluster, 2)), WAIT);
            assertThat(JsonFields.stringArrays(grown, "connect_urls")).hasSize(3);
            assertDelivered(cluster, 2, 0, "relay.after.restart");
        }
    }

    /** nats-server 2.9.10 in lame duck mode without clients of its own shuts down at once. */
    @Test
    void lameDuckNodeLeavesWhileTheOthersStayUp() {
        try (NatsCluster cluster = NatsCluster.start(3);
                RawClient watcher = RawClient.connect(cluster.node(0).port())) {
            watcher.handshake();
            cluster.node(1).lameDuck();
            assertThat(cluster.node(1).awaitExit(WAIT)).isTrue();
            watcher.awaitLine(line -> line.startsWith("INFO ")
                    && !JsonFields.stringArrays(line, "connect_urls").contains(hostPort(cluster, 1)), WAIT);
            assertThat(cluster.node(0).isRunning()).isTrue();
            assertThat(cluster.node(2).isRunning()).isTrue();
            cluster.awaitFormed(WAIT);
            assertDelivered(cluster, 0, 2, "relay.after.ldm");
        }
    }

    @Test
    void jetStreamClusterElectsOneMetaLeaderWithDistinctStores() throws Exception {
        NatsClusterConfig config = NatsClusterConfig.builder().jetStream(true).build();
        try (NatsCluster cluster = NatsCluster.start(config)) {
            List<String> leaders = new ArrayList<>();
            for (int i = 0; i < cluster.size(); i++) {
                int node = i;
                // a node can report its meta group before the last peer's join reached it: wait for all three
                String jsz = await().atMost(Duration.ofSeconds(20))
                    .until(() -> ClusterProbe.get(cluster.monitorPort(node), "/jsz", 5_000),
                        body -> body.contains("\"cluster_size\": 3") && !JsonFields.allStrings(body, "leader").isEmpty());
                leaders.addAll(JsonFields.allStrings(jsz, "leader"));
                try (RawClient client = RawClient.connect(cluster.node(i).port())) {
                    assertThat(client.info()).contains("\"jetstream\":true");
                }
            }
            assertThat(leaders).hasSize(3).containsOnly(leaders.get(0));
            assertThat(leaders.get(0)).isIn(cluster.nodeName(0), cluster.nodeName(1), cluster.nodeName(2));
            assertThat(cluster.nodes().stream().map(NatsServer::storeDir)).doesNotHaveDuplicates();
        }
    }

    /** nats-server 2.9.10 leaves {@code connect_urls} out of INFO while a node has no routed peer. */
    @Test
    void oneNodeClusterIsFormedAtOnceAndAdvertisesNothing() {
        try (NatsCluster cluster = NatsCluster.start(1);
                RawClient client = RawClient.connect(cluster.node(0).port())) {
            assertThat(client.info()).contains("\"cluster\":\"relay-test\"").doesNotContain("connect_urls");
        }
    }

    /** A taken route port kills its node only after "Server is ready"; start must notice and start over. */
    @Test
    void lostRoutePortRaceStartsOverOnNewPorts() throws IOException {
        try (ServerSocket squatter = new ServerSocket(0, 1, FreePorts.loopbackAddress())) {
            ClusterLayout fresh = ClusterLayout.pick(2);
            ClusterLayout taken = new ClusterLayout(List.of(fresh.routePorts().get(0), squatter.getLocalPort()),
                    fresh.monitorPorts());
            AtomicInteger attempts = new AtomicInteger();
            NatsClusterConfig config = NatsClusterConfig.builder().nodes(2).build();
            try (NatsCluster cluster = NatsCluster.start(config,
                    attempt -> attempts.getAndIncrement() == 0 ? taken : ClusterLayout.pick(2))) {
                assertThat(attempts).hasValue(2);
                assertThat(cluster.routePort(1)).isNotEqualTo(squatter.getLocalPort());
                assertThat(cluster.nodes()).allMatch(NatsServer::isRunning);
            }
        }
    }

    @Test
    void closeStopsEveryNodeAndDeletesItsFiles() {
        NatsCluster cluster = NatsCluster.start(2);
        cluster.close();
        cluster.close();
        for (NatsServer node : cluster.nodes()) {
            assertThat(node.isRunning()).isFalse();
            assertThat(node.workDir()).doesNotExist();
        }
    }

    /** Subscribes on node {@code to}, waits for the interest to reach node {@code from}, publishes there. */
    private static void assertDelivered(NatsCluster cluster, int from, int to, String subject) {
        try (RawClient sub = RawClient.connect(cluster.node(to).port());
                RawClient pub = RawClient.connect(cluster.node(from).port())) {
            sub.handshake();
            sub.send("SUB " + subject + " 1\r\nPING\r\n");
            sub.awaitLine(line -> line.equals("PONG"), WAIT);
            cluster.awaitRouteInterest(from, subject, WAIT);
            pub.handshake();
            pub.send("PUB " + subject + " 5\r\nhello\r\nPING\r\n");
            pub.awaitLine(line -> line.equals("PONG"), WAIT);
            assertThat(sub.awaitLine(line -> line.startsWith("MSG "), WAIT)).isEqualTo("MSG " + subject + " 1 5");
            assertThat(sub.awaitLine(line -> true, WAIT)).isEqualTo("hello");
        }
    }

    private static String hostPort(NatsCluster cluster, int i) {
        return "127.0.0.1:" + cluster.node(i).port();
    }
}
