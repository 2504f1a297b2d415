package dev.relay.nats;

import static dev.relay.nats.Clients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relay.testkit.NatsCluster;
import dev.relay.testkit.NatsClusterOptions;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Failover in a real 3-node nats-server 2.9.10 cluster: servers learned from INFO {@code connect_urls}
 * take over when the only configured node dies, and a node entering lame duck mode is left before it
 * shuts down. Each test gets its own cluster.
 */
@NatsClusterOptions(nodes = 3, perMethod = true)
class ClusterFailoverIT {

    /**
     * The client knows only node 0. Nodes 1 and 2 join later, node 0 announces them (SERVERS_DISCOVERED),
     * node 0 dies, and the client carries on with a discovered node, its subscriptions working across
     * the cluster.
     */
    @Test
    void aKilledNodeIsReplacedByADiscoveredOne(NatsCluster cluster) {
        cluster.node(1).stop();
        cluster.node(2).stop();
        Recorder recorder = new Recorder();
        Options o = Clients.fastReconnect(cluster.url(0)).reconnect(r -> r.noRandomize(true))
            .connectionListener(recorder).errorListener(recorder).build();
        try (Connection nc = Nats.connect(o)) {
            Subscription here = nc.subscribe("fo.here");
            nc.flush(WAIT);

            cluster.node(1).restart();
            cluster.node(2).restart();
            cluster.awaitFormed(WAIT);
            await().atMost(WAIT).untilAsserted(() -> assertThat(discovered(recorder))
                .contains(hostPort(cluster, 1), hostPort(cluster, 2)));

            cluster.node(0).kill();
            ConnectionEvent back = recorder.await(ConnectionEvent.Type.RECONNECTED);
            int now = nc.serverInfo().port();
            assertThat(now).isIn(cluster.node(1).port(), cluster.node(2).port());
            assertThat(back.serverUrl()).isEqualTo("nats://127.0.0.1:" + now);
            recorder.await(ConnectionEvent.Type.RESUBSCRIBED);
            int on = now == cluster.node(1).port() ? 1 : 2;
            int other = 3 - on;

            try (Connection peer = Nats.connect(Clients.options(cluster.node(other)).build())) {
                // the restored subscription, reached from the other node over the route
                cluster.awaitRouteInterest(other, "fo.here", WAIT);
                peer.publish("fo.here", "over the route");
                assertThat(here.nextMessage(WAIT).dataAsString()).isEqualTo("over the route");
                // a new subscription on the other node, reached from the client's new node
                Subscription there = peer.subscribe("fo.there");
                peer.flush(WAIT);
                cluster.awaitRouteInterest(on, "fo.there", WAIT);
                nc.publish("fo.there", "from the survivor");
                assertThat(there.nextMessage(WAIT).dataAsString()).isEqualTo("from the survivor");
            }
            assertThat(nc.statistics().reconnects()).isEqualTo(1);
            assertThat(recorder.exceptions).isEmpty();
        }
    }

    /**
     * Node 0 enters lame duck mode while the client is on it: the client hears LAME_DUCK and moves to
     * another node at once, long before node 0 ends its 10 s grace period and exits; a request to a
     * responder on node 2 works from the new node.
     */
    @Test
    void aLameDuckNodeIsLeftBeforeItShutsDown(NatsCluster cluster) {
        Recorder recorder = new Recorder();
        AtomicReference<Boolean> node0RunningAtReconnect = new AtomicReference<>();
        Options o = Clients.fastReconnect(cluster.urls().toArray(String[]::new)).reconnect(r -> r.noRandomize(true))
            .errorListener(recorder)
            .connectionListener(e -> {
                if (e.type() == ConnectionEvent.Type.RECONNECTED) {
                    node0RunningAtReconnect.compareAndSet(null, cluster.node(0).isRunning());
                }
                recorder.onEvent(e);
            })
            .build();
        try (Connection responder = Nats.connect(Clients.options(cluster.node(2)).build());
             Connection nc = Nats.connect(o)) {
            responder.subscribe("ldm.echo", m -> m.respond("echo " + m.dataAsString()));
            responder.flush(WAIT);
            assertThat(nc.serverInfo().port()).isEqualTo(cluster.node(0).port());

            cluster.node(0).lameDuck();
            recorder.await(ConnectionEvent.Type.LAME_DUCK);
            ConnectionEvent lost = recorder.await(ConnectionEvent.Type.DISCONNECTED);
            ConnectionEvent back = recorder.await(ConnectionEvent.Type.RECONNECTED);

            assertThat(lost.detail()).contains("lame duck");
            assertThat(node0RunningAtReconnect.get()).as("node 0 still running when the client had moved").isTrue();
            int now = nc.serverInfo().port();
            assertThat(now).isIn(cluster.node(1).port(), cluster.node(2).port());
            assertThat(back.serverUrl()).isEqualTo("nats://127.0.0.1:" + now);
            assertThat(recorder.eventTypes()).containsSubsequence(ConnectionEvent.Type.LAME_DUCK,
                ConnectionEvent.Type.DISCONNECTED, ConnectionEvent.Type.RECONNECTED);
            if (now == cluster.node(1).port()) {
                cluster.awaitRouteInterest(1, "ldm.echo", WAIT);
            }
            assertThat(nc.request("ldm.echo", "after", WAIT).dataAsString()).isEqualTo("echo after");
            assertThat(recorder.exceptions).isEmpty();
        }
        // nats-server 2.9.10 ignores SIGTERM during its grace period; do not let closing wait for it
        cluster.node(0).kill();
    }

    /** The details of every SERVERS_DISCOVERED event so far, joined: the URLs added to the pool. */
    private static String discovered(Recorder recorder) {
        return String.join(" ", recorder.events.stream()
            .filter(e -> e.type() == ConnectionEvent.Type.SERVERS_DISCOVERED).map(ConnectionEvent::detail).toList());
    }

    /** How the pool names a discovered server in the event detail (a list of URIs). */
    private static String hostPort(NatsCluster cluster, int i) {
        return "127.0.0.1:" + URI.create(cluster.url(i)).getPort();
    }

    @Test
    void ignoringDiscoveredServersKeepsThePoolToTheGivenOnes(NatsCluster cluster) {
        cluster.awaitFormed(WAIT);
        Recorder recorder = new Recorder();
        try (Connection nc = Nats.connect(Clients.fastReconnect(cluster.url(0)).ignoreDiscoveredServers()
                .connectionListener(recorder).build())) {
            nc.flush(WAIT);
            assertThat(nc.servers()).hasSize(1);
            assertThat(recorder.count(ConnectionEvent.Type.SERVERS_DISCOVERED)).isZero();
        }
        try (Connection nc = Nats.connect(Clients.fastReconnect(cluster.url(0)).build())) {
            await().atMost(WAIT).until(() -> nc.servers().size() == 3);
        }
    }
}
